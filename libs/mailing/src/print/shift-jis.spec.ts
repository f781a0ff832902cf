import iconv from 'iconv-lite';
import { csvLine } from './print-csv';
import { csvLineByteBound, encodeCp932, encodeCsvLine, findUnmappable, foldForCp932, GETA, isCp932Encodable, substituteUnmappable } from './shift-jis';

describe('Shift_JIS (CP932) for the printer', () => {
  it('keeps the NEC and IBM extension characters common in names and addresses', () => {
    for (const ch of ['髙', '﨑', '彅', '①', '㈱', '№', '塚']) {
      expect(encodeCp932(ch).lossless).toBe(true);
      expect(iconv.decode(encodeCp932(ch).bytes, 'cp932')).toBe(ch);
    }
  });

  it('finds characters outside CP932 by position and code point', () => {
    expect(findUnmappable('𠮷野家')).toEqual([{ index: 0, codePoint: 'U+20BB7' }]);
    expect(findUnmappable('森鷗外')).toEqual([{ index: 1, codePoint: 'U+9DD7' }]);
    expect(findUnmappable('葛\u{E0100}飾')).toEqual([{ index: 1, codePoint: 'U+E0100' }]);
    expect(findUnmappable('北海道札幌市')).toEqual([]);
    expect(encodeCp932('𠮷田').lossless).toBe(false);
  });

  it('tells a lost character from a real question mark', () => {
    expect(encodeCp932('https://example.jp/?id=1').lossless).toBe(true);
    expect(encodeCp932('?𠮷?').lossless).toBe(false);
    expect(isCp932Encodable('?'.codePointAt(0) as number)).toBe(true);
  });

  it('folds JIS-mapped code points and combining kana marks, and nothing else', () => {
    expect(foldForCp932('1\u22122\u22123')).toBe('1－2－3');
    expect(foldForCp932('9:00\u301C17:00')).toBe('9:00～17:00');
    expect(foldForCp932('\u2016\u2014\u00A2\u00A3\u00AC\u00A6')).toBe('∥―￠￡￢￤');
    expect(foldForCp932('か\u3099ハ\u309A')).toBe('がパ');
    // NFC would turn the compatibility ideograph 塚 (U+FA10) into 塚 (U+585A): a different spelling of a name.
    expect(foldForCp932('\uFA10本')).toBe('\uFA10本');
    for (const text of ['1\u22122', 'か\u3099']) expect(encodeCp932(foldForCp932(text)).lossless).toBe(true);
  });

  it('substitutes 〓 only where asked', () => {
    expect(substituteUnmappable('𠮷田 鷗')).toBe(`${GETA}田 ${GETA}`);
    expect(iconv.encode(GETA, 'cp932').toString('hex')).toBe('81ac');
  });

  it('encodes every BMP character exactly as iconv-lite cp932 does, and flags exactly those it would turn into ?', () => {
    const mismatches: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const ch = String.fromCharCode(code);
      const reference = iconv.encode(ch, 'cp932');
      const lostByIconv = ch !== '?' && reference.length === 1 && reference[0] === 0x3f;
      const ours = encodeCp932(ch);
      if (!ours.bytes.equals(reference) || ours.lossless === lostByIconv || isCp932Encodable(code) === lostByIconv) {
        mismatches.push(code.toString(16));
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('writes a CSV line straight to bytes identical to encoding the text line', () => {
    const fields = ['00000000000000000000001', '0', 'https://example.invalid/?a="b"', '髙橋 﨑子', '①－～', 'ｱｲｳ', ''];
    const out = Buffer.alloc(csvLineByteBound(fields));
    const end = encodeCsvLine(fields, out, 0);
    expect(out.subarray(0, end)).toEqual(iconv.encode(csvLine(fields), 'cp932'));
    expect(encodeCsvLine(['北海', '𠮷田'], Buffer.alloc(64), 0)).toBe(-1);
    expect(encodeCp932('𠮷田')).toEqual({ bytes: iconv.encode('?田', 'cp932'), lossless: false });
  });
});
