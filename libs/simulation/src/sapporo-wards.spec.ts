import iconv from 'iconv-lite';
import { withWardPrefix } from './sapporo-wards';

const sjis = (text: string): string => iconv.encode(text, 'Shift_JIS').toString('latin1');
const utf8 = (latin1: string): string => iconv.decode(Buffer.from(latin1, 'latin1'), 'Shift_JIS');

describe('札幌市 persons get their ward postal prefix', () => {
  it('rewrites the prefix from the ward in the address, and nothing else', () => {
    const line = sjis('85709525,011002,市川　貞,イチカワ　サダ,1931-05-30,2,040-4307,北海道札幌市白石区錦町3丁目24番16号,,,,');
    expect(utf8(withWardPrefix(line))).toBe('85709525,011002,市川　貞,イチカワ　サダ,1931-05-30,2,003-4307,北海道札幌市白石区錦町3丁目24番16号,,,,');
    const chuo = sjis('1,011002,a,b,c,1,0404307,北海道札幌市中央区北1条西2丁目');
    expect(utf8(withWardPrefix(chuo))).toBe('1,011002,a,b,c,1,0604307,北海道札幌市中央区北1条西2丁目');
  });

  it('leaves other municipalities, the header and quoted lines as they are', () => {
    for (const text of [
      '被保険者番号,市町村コード,氏名,氏名カナ,生年月日,性別,郵便番号,住所',
      '2,012025,a,b,c,1,041-0001,北海道函館市東区のような町',
      '3,011002,"a,b",c,d,1,040-0001,北海道札幌市北区',
    ]) {
      expect(withWardPrefix(sjis(text))).toBe(sjis(text));
    }
  });
});
