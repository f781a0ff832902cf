/**
 * One form to print: the person's 4 information items as they appear on the application form, the
 * 申請書ID and QR payload from the J-LIS file, and where the envelope goes.
 *
 * The 申請書ID (23 half-width digits) and the QR payload are opaque per-person data: whether the ID has a
 * check digit and what the QR holds are not public (DOMAIN.md). A placeholder ID (made up before the
 * J-LIS file arrives, for proofs and rehearsals) is flagged so a release can refuse it.
 */
export type Sex = 'male' | 'female';

/** A 送付先変更届: the mail goes here instead of the registered address (hospital, facility, family…). */
export interface DeliveryAddress {
  /** The addressee as it must appear in the envelope window (e.g. a facility name and the person's name). */
  name: string;
  postalCode: string;
  address: string;
}

export interface PrintTarget {
  /** 申請書ID: 23 half-width digits (not the 個人番号). */
  applicationId: string;
  /** True when the ID and QR payload are placeholders, not from J-LIS. */
  placeholder: boolean;
  /** The QR code's payload, opaque. */
  qrData: string;
  /** 全国地方公共団体コード (6 digits with check digit) of the person's municipality. */
  municipalityCode: string;
  /** 被保険者番号: 8 digits, kept as text (leading zeros matter). */
  insuredNumber: string;
  /** 氏名 as registered. */
  name: string;
  /** 氏名カナ. */
  nameKana: string;
  /** 生年月日, ISO `YYYY-MM-DD`. */
  birthDate: string;
  sex: Sex;
  /** Registered 郵便番号, 7 digits with or without the hyphen. */
  postalCode: string;
  /** Registered 住所 (printed on the form). */
  address: string;
  /** 送付先: when present the envelope goes here; the form still shows the registered address. */
  delivery?: DeliveryAddress | null;
}

export const SEX_LABELS: Readonly<Record<Sex, string>> = { male: '男', female: '女' };

/** The postal code as printed: `060-0001`. Returns the text unchanged when it is not 7 digits. */
export function formatPostalCode(postalCode: string): string {
  if (postalCode.length === 8 && postalCode[3] === '-') return postalCode; // already 060-0001 (checked by the caller)
  const digits = postalCode.replace(/[-－‐ー\s〒]/g, '');
  return /^\d{7}$/.test(digits) ? `${digits.slice(0, 3)}-${digits.slice(3)}` : postalCode;
}

/** The 申請書ID grouped for reading aloud and copying by hand: `1234 5678 9012 3456 7890 123`. */
export function formatApplicationId(applicationId: string): string {
  return applicationId.replace(/(\d{4})(?=\d)/g, '$1 ');
}

export const APPLICATION_ID_PATTERN = /^\d{23}$/;
