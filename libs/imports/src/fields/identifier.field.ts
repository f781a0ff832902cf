import { isValidMunicipalityCode } from '@wavedesk/common';
import { NORTHERN_TERRITORIES_CODES, type MunicipalityDirectory } from '@wavedesk/matching';
import { clean, invalid, valid, type FieldResult } from './field-result';

/**
 * 被保険者番号: exactly 8 digits, kept as a string (leading zeros matter). No public source says whether
 * it has a check digit, so none is checked (see DOMAIN.md).
 */
export function parseInsuredNumberField(raw: string): FieldResult<string> {
  const v = clean(raw);
  if (/^\d{8}$/.test(v)) return valid(v);
  if (/^\d{1,7}$/.test(v)) {
    return invalid('invalid_insured_number', '被保険者番号は8桁です。先頭の0が消えていないか確認してください（Excel で開くと消えることがあります）。');
  }
  return invalid('invalid_insured_number', '被保険者番号は8桁の数字で入力してください。');
}

/**
 * 市町村コード: 6 digits with a valid check digit, and one of the union's 179 municipalities. The six
 * Northern Territories villages (016951 …) have valid codes but are refused with their own message.
 */
export function parseMunicipalityCodeField(raw: string, directory: MunicipalityDirectory): FieldResult<string> {
  // A list holds the same few codes hundreds of thousands of times: a code once found valid is known.
  let known = validCodes.get(directory);
  if (!known) validCodes.set(directory, (known = new Map()));
  const hit = known.get(raw);
  if (hit) return hit;
  const result = checkMunicipalityCode(raw, directory);
  if (result.ok && known.size < 4096) known.set(raw, result);
  return result;
}

const validCodes = new WeakMap<MunicipalityDirectory, Map<string, FieldResult<string>>>();

function checkMunicipalityCode(raw: string, directory: MunicipalityDirectory): FieldResult<string> {
  const v = clean(raw);
  if (!/^\d{6}$/.test(v)) {
    return invalid('invalid_municipality_code', '市町村コードは検査数字を含む6桁の数字で入力してください（例: 札幌市 011002）。');
  }
  if (!isValidMunicipalityCode(v)) {
    return invalid('municipality_check_digit', `市町村コード ${v} は検査数字（6桁目）が正しくありません。`);
  }
  const territory = NORTHERN_TERRITORIES_CODES.get(v);
  if (territory) {
    return invalid('northern_territories', `市町村コード ${v}（${territory}）は北方領土の村で、広域連合の構成市町村ではありません。`);
  }
  if (!directory.has(v)) {
    return invalid('unknown_municipality', `市町村コード ${v} は北海道の179市町村のいずれでもありません。`);
  }
  return valid(v);
}

/** 申請書ID: 23 half-width digits (J-LIS; opaque otherwise — whether it has a check digit is not public). */
export function parseApplicationIdField(raw: string): FieldResult<string> {
  const v = clean(raw).replace(/[\s-]/g, '');
  return /^\d{23}$/.test(v) ? valid(v) : invalid('invalid_application_id', '申請書IDは23桁の数字で入力してください。');
}
