import { AuditEntry } from '../../audit/src/audit-entry.entity';
import { User } from '../../auth/src/user.entity';
import { ForecastSetting } from '../../forecast/src/api/forecast-setting.entity';
import { InquiryCategory } from '../../inquiries/src/inquiry-category.entity';
import { Inquiry } from '../../inquiries/src/inquiry.entity';
import { Batch } from '../../mailing/src/campaigns/batch.entity';
import { Campaign } from '../../mailing/src/campaigns/campaign.entity';
import { Municipality } from '../../municipalities/src/municipality.entity';
import { Wave } from '../../mailing/src/waves/wave.entity';
import { FormLedgerEntry } from '../../mailing/src/ledger/form-ledger.entity';
import { ReleaseUnitRecord } from '../../mailing/src/release/release-unit.entity';
import { ApplicationIdEntry, CardHolderKey, ImportErrorRecord, ImportRecord, InsuredPerson } from '../../imports/src/db';
import { GuardEvent, GuardRuleSet, GuardStateRow } from '../../guard/src/api/guard.entities';
import { RosterOverrideRow, RosterSetting } from '../../forecast/src/api/roster.entities';
import { BatchMatchResult, MatchReview, MatchRun } from '../../mailing/src/matching/db';
import { SimulationRecord } from '../../simulation/src/simulation.entity';

/**
 * Every entity of the application. Each domain library owns its entities; this list is what the
 * DataSource (and the schema test) loads. Add a new entity here and write its migration.
 */
export const ENTITIES = [Municipality, User, AuditEntry, InquiryCategory, Inquiry, Campaign, Batch, ForecastSetting,
  Wave, FormLedgerEntry, ReleaseUnitRecord,
  ImportRecord, ImportErrorRecord, InsuredPerson, CardHolderKey, ApplicationIdEntry, MatchRun, BatchMatchResult, MatchReview,
  GuardRuleSet, GuardEvent, GuardStateRow, RosterSetting, RosterOverrideRow, SimulationRecord];
