import { Foundation1764400000000 } from './1764400000000-foundation';
import { Inquiries1795980461730 } from './1795980461730-inquiries';
import { Campaigns1795980600000 } from './1795980600000-campaigns';
import { ImportsMatching1795981000000 } from './1795981000000-imports-matching';
import { InsuredKeysAtMatch1795981100000 } from './1795981100000-insured-keys-at-match';
import { ForecastSettings1795982500000 } from './1795982500000-forecast-settings';
import { Waves1795983000000 } from './1795983000000-waves';
import { Guard1795984000000 } from './1795984000000-guard';
import { FormLedgerApplicationIndex1795984100000 } from './1795984100000-form-ledger-application-index';
import { InsuredPersonsRebuild1795984120000 } from './1795984120000-insured-persons-rebuild';
import { Roster1795984200000 } from './1795984200000-roster';
import { Simulations1795990000000 } from './1795990000000-simulations';

/** Every migration, oldest first. Never edit one that has landed; add a new one. */
export const MIGRATIONS = [Foundation1764400000000, Inquiries1795980461730, Campaigns1795980600000, ImportsMatching1795981000000, InsuredKeysAtMatch1795981100000, ForecastSettings1795982500000, Waves1795983000000, Guard1795984000000, FormLedgerApplicationIndex1795984100000, InsuredPersonsRebuild1795984120000, Roster1795984200000, Simulations1795990000000];
