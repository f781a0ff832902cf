import { describe, expect, it } from '@jest/globals';
import type { Municipality } from '../../api';
import { filterMunicipalities, subprefecturesOf } from './municipality-filter';

const m = (code: string, name: string, kana: string, subprefecture: string): Municipality => ({
  code, name, kana, subprefecture, subprefectureShort: subprefecture.slice(0, 2), district: null, population: 1, counterCapacity: 1, contactPhone: null,
});
const list = [m('011002', '札幌市', 'サッポロシ', '石狩振興局'), m('012025', '函館市', 'ハコダテシ', '渡島総合振興局'), m('013439', '松前町', 'マツマエチョウ', '渡島総合振興局')];
const codes = (rows: Municipality[]) => rows.map((r) => r.code);

describe('municipality filter', () => {
  it('finds by code prefix, kanji, or reading in hiragana or katakana', () => {
    expect(codes(filterMunicipalities(list, { text: '01', subprefecture: '' }))).toEqual(['011002', '012025', '013439']);
    expect(codes(filterMunicipalities(list, { text: '0120', subprefecture: '' }))).toEqual(['012025']);
    expect(codes(filterMunicipalities(list, { text: '函館', subprefecture: '' }))).toEqual(['012025']);
    expect(codes(filterMunicipalities(list, { text: 'さっ', subprefecture: '' }))).toEqual(['011002']);
    expect(codes(filterMunicipalities(list, { text: 'マツ', subprefecture: '' }))).toEqual(['013439']);
  });

  it('narrows by subprefecture, listed in first-seen order', () => {
    expect(codes(filterMunicipalities(list, { text: '', subprefecture: '渡島総合振興局' }))).toEqual(['012025', '013439']);
    expect(subprefecturesOf(list)).toEqual(['石狩振興局', '渡島総合振興局']);
  });
});
