import type { Sex } from '@wavedesk/matching';
// Direct imports, not the fields/ index: compiled re-exports are getters, and this runs for every row.
import { parseDateField } from '../fields/date.field';
import { parseInsuredNumberField, parseMunicipalityCodeField } from '../fields/identifier.field';
import { parsePostalCodeField } from '../fields/postal-code.field';
import { parseSexField } from '../fields/sex.field';
import { parseKanaField, parseTextField } from '../fields/text.field';
import { RowBuilder, type ImportKindSpec } from './import-kind';

/** An alternative delivery address (送付先変更届): hospital, care facility, family, guardian. */
export interface DeliveryAddress {
  /** 送付先氏名; null when the form goes to the person at another address. */
  name: string | null;
  postalCode: string;
  address: string;
}

/** One insured person (被保険者) as the union's list gives it. */
export interface InsuredRecord {
  insuredNumber: string;
  municipalityCode: string;
  name: string;
  nameKana: string;
  /** ISO YYYY-MM-DD */
  birthDate: string;
  sex: Sex;
  /** 7 digits */
  postalCode: string;
  address: string;
  /** 資格喪失日 (ISO), null while insured. */
  lossDate: string | null;
  delivery: DeliveryAddress | null;
}

export const INSURED_COLUMNS = {
  insuredNumber: '被保険者番号',
  municipalityCode: '市町村コード',
  name: '氏名',
  nameKana: '氏名カナ',
  birthDate: '生年月日',
  sex: '性別',
  postalCode: '郵便番号',
  address: '住所',
  lossDate: '資格喪失日',
  deliveryName: '送付先氏名',
  deliveryPostalCode: '送付先郵便番号',
  deliveryAddress: '送付先住所',
} as const;

const C = INSURED_COLUMNS;

export const insuredKind: ImportKindSpec<InsuredRecord> = {
  kind: 'insured',
  label: '被保険者一覧',
  columns: [
    { name: C.insuredNumber, required: true },
    { name: C.municipalityCode, required: true },
    { name: C.name, required: true },
    { name: C.nameKana, required: true },
    { name: C.birthDate, required: true },
    { name: C.sex, required: true },
    { name: C.postalCode, required: true },
    { name: C.address, required: true },
    { name: C.lossDate, required: false },
    { name: C.deliveryName, required: false },
    { name: C.deliveryPostalCode, required: false },
    { name: C.deliveryAddress, required: false },
  ],
  validate(cell, ctx) {
    const b = new RowBuilder();
    const insuredNumber = b.take(C.insuredNumber, parseInsuredNumberField(cell(C.insuredNumber)));
    const municipalityCode = b.take(C.municipalityCode, parseMunicipalityCodeField(cell(C.municipalityCode), ctx.directory));
    const name = b.take(C.name, parseTextField(cell(C.name), C.name, 100));
    const nameKana = b.take(C.nameKana, parseKanaField(cell(C.nameKana)));
    const birthDate = b.take(C.birthDate, parseDateField(cell(C.birthDate), { notAfter: ctx.today }));
    const sex = b.take(C.sex, parseSexField(cell(C.sex)));
    const postalCode = b.take(C.postalCode, parsePostalCodeField(cell(C.postalCode)));
    const address = b.take(C.address, parseTextField(cell(C.address), C.address, 200));
    const rawLoss = cell(C.lossDate).trim();
    const lossDate = rawLoss === '' ? null : b.take(C.lossDate, parseDateField(rawLoss));

    let delivery: DeliveryAddress | null | undefined = null;
    const dName = cell(C.deliveryName).trim();
    const dPostal = cell(C.deliveryPostalCode).trim();
    const dAddress = cell(C.deliveryAddress).trim();
    if (dName || dPostal || dAddress) {
      let postal: string | undefined;
      if (dPostal) postal = b.take(C.deliveryPostalCode, parsePostalCodeField(dPostal));
      else b.take(C.deliveryPostalCode, { ok: false, code: 'required', message: '送付先を指定する場合は送付先郵便番号も入力してください。' });
      const addr = b.take(C.deliveryAddress, parseTextField(dAddress, C.deliveryAddress, 200, true));
      if (addr === null) {
        b.take(C.deliveryAddress, { ok: false, code: 'required', message: '送付先を指定する場合は送付先住所も入力してください。' });
      }
      const dn = b.take(C.deliveryName, parseTextField(dName, C.deliveryName, 100, true));
      delivery = postal !== undefined && addr ? { name: dn ?? null, postalCode: postal, address: addr } : undefined;
    }

    if (b.errors.length) return { record: null, errors: b.errors };
    return {
      record: {
        insuredNumber: insuredNumber!,
        municipalityCode: municipalityCode!,
        name: name!,
        nameKana: nameKana!,
        birthDate: birthDate!,
        sex: sex!,
        postalCode: postalCode!,
        address: address!,
        lossDate: lossDate ?? null,
        delivery: delivery ?? null,
      },
      errors: [],
    };
  },
  unique: [{ column: C.insuredNumber, of: (r) => r.insuredNumber }],
};
