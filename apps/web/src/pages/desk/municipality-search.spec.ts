import { describe, expect, it } from '@jest/globals';
import type { Municipality } from '../../api';
import { municipalityLabel, normalizeQuery, searchMunicipalities } from './municipality-search';

const m = (code: string, name: string, kana: string): Municipality => ({
  code, name, kana, subprefecture: '', subprefectureShort: '', district: null, population: 1, counterCapacity: 1, contactPhone: null,
});
const list = [
  m('011002', '札幌市', 'サッポロシ'),
  m('012025', '函館市', 'ハコダテシ'),
  m('012033', '小樽市', 'オタルシ'),
  m('012173', '江別市', 'エベツシ'),
  m('012360', '北斗市', 'ホクトシ'),
  m('013030', '当別町', 'トウベツチョウ'),
  m('016101', '新ひだか町', 'シンヒダカチョウ'),
  m('013439', '松前町', 'マツマエチョウ'),
];
const codes = (text: string, limit?: number) => searchMunicipalities(list, text, limit).map((r) => r.code);

describe('municipality search on the desk', () => {
  it('finds by code prefix, in code order', () => {
    expect(codes('011')).toEqual(['011002']);
    expect(codes('012')).toEqual(['012025', '012033', '012173', '012360']);
    expect(codes('01', 3)).toEqual(['011002', '012025', '012033']);
    expect(codes('０１２０')).toEqual(['012025', '012033']); // full-width digits as typed with the IME on
    expect(codes('099')).toEqual([]);
  });

  it('finds by reading: hiragana or katakana prefix, half-width katakana too', () => {
    expect(codes('さっ')).toEqual(['011002']);
    expect(codes('さっぽろ')).toEqual(['011002']);
    expect(codes('サッ')).toEqual(['011002']);
    expect(codes('ｻｯﾎﾟﾛ')).toEqual(['011002']);
    expect(codes('は')).toEqual(['012025']);
    expect(codes('まつ')).toEqual(['013439']);
  });

  it('finds by kanji: name prefix first, then reading prefix, then names containing the text', () => {
    expect(codes('札幌')).toEqual(['011002']);
    expect(codes('函')).toEqual(['012025']);
    // 別 starts no name and no reading; 江別市 and 当別町 contain it.
    expect(codes('別')).toEqual(['012173', '013030']);
    // Names written partly in hiragana match as typed, and by what they contain.
    expect(codes('新ひ')).toEqual(['016101']);
    expect(codes('ひだか')).toEqual(['016101']);
    expect(codes('北')).toEqual(['012360']);
  });

  it('finds nothing for nothing typed, and ignores spaces', () => {
    expect(codes('')).toEqual([]);
    expect(codes('   ')).toEqual([]);
    expect(codes(' さっ ')).toEqual(['011002']);
  });

  it('normalises what was typed and labels the choice', () => {
    expect(normalizeQuery('ｻｯﾎﾟﾛ')).toBe('サッポロ');
    expect(normalizeQuery('０１１　')).toBe('011');
    expect(municipalityLabel(list[0])).toBe('札幌市（011002）');
  });
});
