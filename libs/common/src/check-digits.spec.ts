import { containsMyNumber, isValidMunicipalityCode, isValidMyNumber } from './check-digits';

describe('個人番号 check digit', () => {
  it('accepts the documented example and rejects a changed digit', () => {
    expect(isValidMyNumber('123456789018')).toBe(true);
    expect(isValidMyNumber('123456789019')).toBe(false);
    expect(isValidMyNumber('12345678901')).toBe(false);
  });

  it('finds a valid number in a note, in any width or grouping, and ignores one that fails', () => {
    expect(containsMyNumber('番号は123456789018です')).toBe(true);
    expect(containsMyNumber('番号は１２３４ ５６７８ ９０１８です')).toBe(true);
    expect(containsMyNumber('1234-5678-9018')).toBe(true);
    expect(containsMyNumber('番号は123456789019です')).toBe(false);
    expect(containsMyNumber('電話 011-231-4311')).toBe(false);
    expect(containsMyNumber('1123456789018')).toBe(false);
  });
});

describe('municipality code check digit', () => {
  it('accepts real Hokkaido codes and rejects a wrong check digit', () => {
    expect(isValidMunicipalityCode('011002')).toBe(true); // 札幌市
    expect(isValidMunicipalityCode('012025')).toBe(true); // 函館市
    expect(isValidMunicipalityCode('011003')).toBe(false);
    expect(isValidMunicipalityCode('01100')).toBe(false);
  });
});
