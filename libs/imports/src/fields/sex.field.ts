import type { Sex } from '@wavedesk/matching';
import { clean, invalid, valid, type FieldResult } from './field-result';

const SEX: Record<string, Sex> = { 男: 'male', 男性: 'male', '1': 'male', 女: 'female', 女性: 'female', '2': 'female' };

/** 性別: 男 / 女 / 男性 / 女性 / 1 / 2, full-width too (1 = 男, 2 = 女, as in JIS X 0303). */
export function parseSexField(raw: string): FieldResult<Sex> {
  const v = SEX[clean(raw).replace(/\s+/g, '')];
  return v ? valid(v) : invalid('invalid_sex', '性別は「男」「女」または「1」（男）「2」（女）で入力してください。');
}
