import { defaultMunicipalityDirectory } from '@wavedesk/matching';
import { cellHasMyNumber, isMyNumberHeader } from './my-number.guard';
import { parseApplicationIdField, parseInsuredNumberField, parseMunicipalityCodeField } from './identifier.field';
import { parsePostalCodeField } from './postal-code.field';
import { parseSexField } from './sex.field';
import { parseDateField } from './date.field';
import { parseKanaField } from './text.field';

const value = <T>(r: { ok: boolean; value?: T }): T | undefined => (r.ok ? r.value : undefined);

describe('field parsers', () => {
  it.each([['男', 'male'], ['女', 'female'], ['1', 'male'], ['2', 'female'], ['１', 'male'], ['２', 'female'], ['男性', 'male'], [' 女 ', 'female']])(
    '性別 %s → %s',
    (raw, sex) => expect(value(parseSexField(raw))).toBe(sex),
  );
  it('refuses other 性別 values', () => {
    expect(parseSexField('3')).toMatchObject({ ok: false, code: 'invalid_sex' });
    expect(parseSexField('M')).toMatchObject({ ok: false });
  });

  it.each(['060-0001', '0600001', '０６０－０００１', '〒060-0001', '060ー0001', '060‐0001'])('郵便番号 %s → 0600001', (raw) => {
    expect(value(parsePostalCodeField(raw))).toBe('0600001');
  });
  it('refuses postal codes that are not 7 digits', () => {
    for (const raw of ['060-001', '06000011', '060-000A', '']) expect(parsePostalCodeField(raw).ok).toBe(false);
  });

  it('被保険者番号 is 8 digits kept as a string', () => {
    expect(value(parseInsuredNumberField('００１２３４５６'))).toBe('00123456');
    expect(parseInsuredNumberField('123456')).toMatchObject({ ok: false, code: 'invalid_insured_number' });
    expect(parseInsuredNumberField('123456789')).toMatchObject({ ok: false });
  });

  it('市町村コード: check digit, the 179 only, the Northern Territories with their own message', () => {
    const d = defaultMunicipalityDirectory();
    expect(value(parseMunicipalityCodeField('011002', d))).toBe('011002');
    expect(value(parseMunicipalityCodeField('０１１００２', d))).toBe('011002');
    expect(parseMunicipalityCodeField('011003', d)).toMatchObject({ ok: false, code: 'municipality_check_digit' });
    for (const code of ['016951', '016969', '016977', '016985', '016993', '017001']) {
      expect(parseMunicipalityCodeField(code, d)).toMatchObject({ ok: false, code: 'northern_territories' });
    }
    expect(parseMunicipalityCodeField('131016', d)).toMatchObject({ ok: false, code: 'unknown_municipality' });
    expect(parseMunicipalityCodeField('01100', d)).toMatchObject({ ok: false, code: 'invalid_municipality_code' });
  });

  it('申請書ID is 23 digits', () => {
    expect(value(parseApplicationIdField('12345678901234567890123'))).toBe('12345678901234567890123');
    expect(parseApplicationIdField('1234567890123456789012')).toMatchObject({ ok: false, code: 'invalid_application_id' });
  });

  it('dates accept 西暦 and 和暦 and refuse the future', () => {
    expect(value(parseDateField('S15.3.2'))).toBe('1940-03-02');
    expect(parseDateField('2030-01-01', { notAfter: '2021-07-01' })).toMatchObject({ ok: false, code: 'date_in_future' });
  });

  it('氏名カナ becomes full-width katakana', () => {
    expect(value(parseKanaField('ﾔﾏﾀﾞ ﾊﾅｺ'))).toBe('ヤマダ ハナコ');
    expect(value(parseKanaField('やまだ　はなこ'))).toBe('ヤマダ ハナコ');
    expect(parseKanaField('山田')).toMatchObject({ ok: false, code: 'invalid_kana' });
  });
});

describe('個人番号 guard', () => {
  it('finds a valid 個人番号 in a cell, written plainly, in groups or full width', () => {
    expect(cellHasMyNumber('123456789018')).toBe(true);
    expect(cellHasMyNumber('1234 5678 9018')).toBe(true);
    expect(cellHasMyNumber('１２３４５６７８９０１８')).toBe(true);
    expect(cellHasMyNumber('備考 123456789018 あり')).toBe(true);
  });

  it('leaves numbers that fail the check digit, and long IDs, alone', () => {
    expect(cellHasMyNumber('123456789012')).toBe(false);
    expect(cellHasMyNumber('12345678901234567890123')).toBe(false);
    expect(cellHasMyNumber('北海道札幌市中央区北1条西2丁目3番4号')).toBe(false);
  });

  it('treats opaque QR data as refused only when the whole value is a 個人番号', () => {
    expect(cellHasMyNumber('PLACEHOLDER-QR:123456789018', true)).toBe(false);
    expect(cellHasMyNumber('123456789018', true)).toBe(true);
  });

  it('recognises header names that announce a 個人番号', () => {
    for (const h of ['個人番号', ' マイナンバー ', '個人番号（マイナンバー）', 'MyNumber']) expect(isMyNumberHeader(h)).toBe(true);
    for (const h of ['個人番号カード交付状況', '備考', '被保険者番号']) expect(isMyNumberHeader(h)).toBe(false);
  });
});
