import { normalizeAddress, normalizeAddressText } from './address-normalize';
import { defaultMunicipalityDirectory, NORTHERN_TERRITORIES_CODES } from './municipality-directory';
import { isValidMunicipalityCode } from '@wavedesk/common';

const directory = defaultMunicipalityDirectory();
const key = (address: string): string => normalizeAddress(address, directory).key;

describe('address normalisation', () => {
  it('reads the 179 municipalities from the data file', () => {
    expect(directory.size).toBe(179);
    expect(directory.get('011002')?.name).toBe('札幌市');
    for (const code of NORTHERN_TERRITORIES_CODES.keys()) {
      expect(isValidMunicipalityCode(code)).toBe(true);
      expect(directory.has(code)).toBe(false);
    }
  });

  it('treats 丁目・番地・号, kanji and full-width numerals and hyphen variants alike', () => {
    const same = [
      '北海道札幌市中央区北一条西二丁目三番地四号',
      '北海道札幌市中央区北1条西2丁目3番4号',
      '札幌市中央区北1条西2-3-4',
      '札幌市中央区北１条西２－３－４',
      '札幌市 中央区 北1条西2‐3‐4',
      '札幌市中央区北1条西2−3−4',
      '札幌市中央区北1条西2ー3ー4',
      '札幌市中央区北1条西2―3―4',
      '札幌市中央区北1条西2丁目3番地の4',
      '札幌市中央区北十条西二丁目三番四号'.replace('十', '一'),
    ];
    const keys = same.map(key);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toBe('011002|中央区北1条西2-3-4');
  });

  it('makes 北海道 and the 郡 optional', () => {
    expect(key('北海道虻田郡倶知安町南一条東二丁目5番地')).toBe(key('倶知安町南1条東2-5'));
    expect(key('虻田郡倶知安町南1条東2丁目5')).toBe(key('倶知安町南1条東2-5'));
    expect(normalizeAddress('倶知安町南1条東2-5', directory).municipalityCode).toBe('014001');
  });

  it('keeps different addresses apart', () => {
    expect(key('札幌市中央区北1条西2-3-4')).not.toBe(key('札幌市中央区北1条西2-3-5'));
    expect(key('札幌市中央区北1条西2-3-4')).not.toBe(key('札幌市北区北1条西2-3-4'));
    expect(key('函館市本町1-2')).not.toBe(key('小樽市本町1-2'));
    expect(key('札幌市中央区北1条西2-3-4 101号室')).not.toBe(key('札幌市中央区北1条西2-3-4-101'));
  });

  it('finds municipalities whose names hold numerals or kana (七飯町, 新十津川町, ニセコ町, むかわ町)', () => {
    expect(normalizeAddress('北海道亀田郡七飯町本町一丁目', directory).municipalityCode).toBe(directory.entries.find((e) => e.name === '七飯町')!.code);
    expect(normalizeAddress('新十津川町字中央1', directory).municipalityCode).toBe(directory.entries.find((e) => e.name === '新十津川町')!.code);
    expect(normalizeAddress('ﾆｾｺ町字富士見1', directory).municipalityCode).toBe(directory.entries.find((e) => e.name === 'ニセコ町')!.code);
    expect(normalizeAddress('勇払郡ムカワ町末広1', directory).municipalityCode).toBe(directory.entries.find((e) => e.name === 'むかわ町')!.code);
  });

  it('resolves every one of the 179 with and without 北海道 and 郡, to its own code', () => {
    for (const e of directory.entries) {
      for (const written of [`北海道${e.district}${e.name}本町1-2`, `${e.name}本町1-2`, `${e.district}${e.name}本町1丁目2番地`]) {
        expect(normalizeAddress(written, directory).municipalityCode).toBe(e.code);
      }
    }
  });

  it('leaves an address outside the 179 unresolved but comparable', () => {
    const r = normalizeAddress('東京都千代田区千代田1-1', directory);
    expect(r.municipalityCode).toBeNull();
    expect(r.key).toBe(normalizeAddress('東京都千代田区千代田一丁目1番', directory).key);
  });

  it('keeps katakana long vowels in building names', () => {
    expect(normalizeAddressText('コーポ1-2')).toBe('コーポ1-2');
  });
});
