import { parseApplicationIdField, parseInsuredNumberField } from '../fields/identifier.field';
import { parseTextField } from '../fields/text.field';
import { RowBuilder, type ImportKindSpec } from './import-kind';

/** One row of the optional J-LIS file: the 申請書ID and opaque QR payload printed on a person's form. */
export interface ApplicationIdRecord {
  insuredNumber: string;
  /** 23 digits */
  applicationId: string;
  /** Opaque; printed as a QR code exactly as given. */
  qrData: string;
}

export const APPLICATION_ID_COLUMNS = { insuredNumber: '被保険者番号', applicationId: '申請書ID', qrData: 'QRデータ' } as const;

const C = APPLICATION_ID_COLUMNS;

export const applicationIdKind: ImportKindSpec<ApplicationIdRecord> = {
  kind: 'application-ids',
  label: '申請書ID一覧',
  columns: [
    { name: C.insuredNumber, required: true },
    { name: C.applicationId, required: true },
    { name: C.qrData, required: true, opaque: true },
  ],
  validate(cell) {
    const b = new RowBuilder();
    const insuredNumber = b.take(C.insuredNumber, parseInsuredNumberField(cell(C.insuredNumber)));
    const applicationId = b.take(C.applicationId, parseApplicationIdField(cell(C.applicationId)));
    const qrData = b.take(C.qrData, parseTextField(cell(C.qrData), C.qrData, 4000));
    if (b.errors.length) return { record: null, errors: b.errors };
    return { record: { insuredNumber: insuredNumber!, applicationId: applicationId!, qrData: qrData! }, errors: [] };
  },
  unique: [
    { column: C.insuredNumber, of: (r) => r.insuredNumber },
    { column: C.applicationId, of: (r) => r.applicationId },
  ],
};
