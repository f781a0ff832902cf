import type { Sex } from '@wavedesk/matching';
import { parseDateField } from '../fields/date.field';
import { parseInsuredNumberField } from '../fields/identifier.field';
import { parseSexField } from '../fields/sex.field';
import { parseKanaField, parseTextField } from '../fields/text.field';
import { RowBuilder, type ImportKindSpec } from './import-kind';

/**
 * One card holder (カード取得者) as a J-LIS or municipal list gives it. It lives only until its keyed
 * hashes are computed (see @wavedesk/matching MatchHasher.cardHolder): holders are never stored by name.
 */
export interface CardHolderRecord {
  name: string;
  nameKana: string;
  birthDate: string;
  sex: Sex;
  address: string;
  /** When the list has it, it decides the match on its own. */
  insuredNumber: string | null;
}

export const CARD_HOLDER_COLUMNS = {
  name: '氏名',
  nameKana: '氏名カナ',
  birthDate: '生年月日',
  sex: '性別',
  address: '住所',
  insuredNumber: '被保険者番号',
} as const;

const C = CARD_HOLDER_COLUMNS;

export const cardHolderKind: ImportKindSpec<CardHolderRecord> = {
  kind: 'card-holders',
  label: 'カード取得者一覧',
  columns: [
    { name: C.name, required: true },
    { name: C.nameKana, required: true },
    { name: C.birthDate, required: true },
    { name: C.sex, required: true },
    { name: C.address, required: true },
    { name: C.insuredNumber, required: false },
  ],
  validate(cell, ctx) {
    const b = new RowBuilder();
    const name = b.take(C.name, parseTextField(cell(C.name), C.name, 100));
    const nameKana = b.take(C.nameKana, parseKanaField(cell(C.nameKana)));
    const birthDate = b.take(C.birthDate, parseDateField(cell(C.birthDate), { notAfter: ctx.today }));
    const sex = b.take(C.sex, parseSexField(cell(C.sex)));
    const address = b.take(C.address, parseTextField(cell(C.address), C.address, 200));
    const rawNumber = cell(C.insuredNumber).trim();
    const insuredNumber = rawNumber === '' ? null : b.take(C.insuredNumber, parseInsuredNumberField(rawNumber));
    if (b.errors.length) return { record: null, errors: b.errors };
    return {
      record: { name: name!, nameKana: nameKana!, birthDate: birthDate!, sex: sex!, address: address!, insuredNumber: insuredNumber ?? null },
      errors: [],
    };
  },
  unique: [{ column: C.insuredNumber, of: (r) => r.insuredNumber }],
};
