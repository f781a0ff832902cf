import { describe, expect, it } from '@jest/globals';
import type { ForecastWaveSummary, Municipality, MunicipalityLoad, WaveView } from '../../api';
import { hourlyRows, poissonBand, formatExpected } from '../../components/hourly-rows';
import { guardAlertItem, pushAlert, waveStatusItem } from './alerts';
import { campaignRange, cumulativeRows, parseDailyPivotCsv } from './campaign-curve';
import { municipalityLoadRows, sortLoadRows } from './municipality-load-rows';
import { intervalAt, jstClock } from './staffing';
import { SUBPREFECTURE_TILES, subprefectureLoads } from './subprefecture-tiles';
import type { GuardEventView } from '../../api/guard-types';
import { applyGuardAlert, guardActions, resumeModeText } from './guard-events';
import { datePosition, groupWaves, heldByGuard, mergeWaveViews, readWaveStatus } from './waves';

const municipality = (code: string, name: string, subprefectureShort: string): Municipality => ({
  code, name, kana: '', subprefecture: `${subprefectureShort}振興局`, subprefectureShort, district: null, population: 1, counterCapacity: 10, contactPhone: null,
});
const load = (code: string, actual: number, forecast: number): MunicipalityLoad => ({
  municipalityCode: code, day: { actual, forecast, ratio: forecast > 0 ? actual / forecast : null }, thisHour: null,
});
const wave = (id: string | undefined, code: string, mailDate: string, forms: number, peakDate = mailDate): ForecastWaveSummary => ({
  id, municipalityCode: code, mailDate, arrivalDate: mailDate, peakDate, forms, expectedInquiries: forms * 0.0145,
});

describe('hourly chart rows', () => {
  it('draws the Poisson band forecast ± 2√forecast, never below zero', () => {
    expect(poissonBand(16)).toEqual([8, 24]);
    expect(poissonBand(1)).toEqual([0, 3]);
    expect(poissonBand(0)).toEqual([0, 0]);
  });

  it('shows the opening hours at least, widened to busy hours, and no actual for hours to come', () => {
    const hours = Array.from({ length: 24 }, (_, hour) => ({ hour, actual: hour === 6 ? 2 : 0, forecast: hour >= 9 && hour <= 16 ? 4 : 0 }));
    const rows = hourlyRows(hours, 10);
    expect(rows[0]).toMatchObject({ hour: 6, label: '6時', actual: 2 });
    expect(rows[rows.length - 1]).toMatchObject({ hour: 18, actual: null });
    expect(rows.find((r) => r.hour === 10)?.actual).toBe(0);
    expect(rows.find((r) => r.hour === 11)?.actual).toBeNull();
    expect(hourlyRows(hours, null).every((r) => r.actual !== null)).toBe(true);
  });

  it('writes small expected counts with one decimal and large ones with separators', () => {
    expect(formatExpected(2.44)).toBe('2.4');
    expect(formatExpected(0)).toBe('0');
    expect(formatExpected(8910.57)).toBe('8,911');
  });
});

describe('campaign curve', () => {
  it('spans the first mailing to 90 days after the last peak, and reads nothing without waves', () => {
    expect(campaignRange([], '2027-02-01')).toBeNull();
    expect(campaignRange([wave('1', '011002', '2027-02-15', 100, '2027-02-18'), wave('2', '012025', '2027-03-01', 100, '2027-03-04')], '2027-02-01')).toEqual({ from: '2027-02-15', to: '2027-06-02' });
    expect(campaignRange([wave('1', '011002', '2027-02-15', 100, '2027-02-18')], '2027-08-01')).toEqual({ from: '2027-02-15', to: '2027-08-01' });
  });

  it('reads the per-day pivot CSV (BOM, slashes, total row)', () => {
    const csv = '\uFEFF日付,件数,電話,来庁,その他,解決,市町村へ引継,折り返し要\r\n2027/02/15,3,2,1,0,3,0,0\r\n2027/02/16,0,0,0,0,0,0,0\r\n合計,3,2,1,0,3,0,0\r\n';
    expect([...parseDailyPivotCsv(csv)]).toEqual([['2027-02-15', 3], ['2027-02-16', 0]]);
  });

  it('adds up forecast and actual by day; the weekend counts on the next business day; nothing after today', () => {
    const rows = cumulativeRows(
      ['2027-02-12', '2027-02-15', '2027-02-16', '2027-02-17'],
      [1, 2, 3, 4],
      new Map([['2027-02-12', 5], ['2027-02-13', 1], ['2027-02-16', 99]]), // 2/16 is today: the live figure wins
      7,
      '2027-02-16',
    );
    expect(rows).toEqual([
      { date: '2027-02-12', label: '2/12', forecast: 1, actual: 5 },
      { date: '2027-02-15', label: '2/15', forecast: 3, actual: 6 },
      { date: '2027-02-16', label: '2/16', forecast: 6, actual: 13 },
      { date: '2027-02-17', label: '2/17', forecast: 10, actual: null },
    ]);
  });
});

describe('subprefecture tiles and municipality table', () => {
  const list = [municipality('011002', '札幌市', '石狩'), municipality('012173', '江別市', '石狩'), municipality('012025', '函館市', '渡島'), municipality('012149', '稚内市', '宗谷')];
  const loads = [load('011002', 12, 20), load('012173', 3, 0), load('012025', 0, 10)];

  it('has the 14 subprefectures on distinct tiles, 宗谷 on top and 根室 furthest east', () => {
    expect(SUBPREFECTURE_TILES).toHaveLength(14);
    expect(new Set(SUBPREFECTURE_TILES.map((t) => `${t.col},${t.row}`)).size).toBe(14);
    const top = Math.min(...SUBPREFECTURE_TILES.map((t) => t.row));
    expect(SUBPREFECTURE_TILES.filter((t) => t.row === top).map((t) => t.name)).toEqual(['宗谷']);
    const east = Math.max(...SUBPREFECTURE_TILES.map((t) => t.col));
    expect(SUBPREFECTURE_TILES.filter((t) => t.col === east).map((t) => t.name)).toEqual(['根室']);
  });

  it('sums each subprefecture and scales its forecast to the part of the day gone by', () => {
    const tiles = subprefectureLoads(list, loads, 0.5);
    expect(tiles.find((t) => t.name === '石狩')).toMatchObject({ municipalities: 2, actual: 15, forecast: 20, expectedSoFar: 10 });
    expect(tiles.find((t) => t.name === '宗谷')).toMatchObject({ municipalities: 1, actual: 0, forecast: 0 });
    expect(tiles.find((t) => t.name === '根室')).toMatchObject({ municipalities: 0, actual: 0 });
  });

  it('sorts municipalities by load ratio, busiest (and unforeseen) first', () => {
    const rows = municipalityLoadRows(list, loads, 0.5);
    const byRatio = sortLoadRows(rows, { key: 'ratio', descending: true }).map((r) => r.code);
    // 江別 3 with nothing forecast, 札幌 12 of 10 so far, 函館 0 of 5, 稚内 nothing either way.
    expect(byRatio).toEqual(['012173', '011002', '012025', '012149']);
    expect(sortLoadRows(rows, { key: 'actual', descending: false }).map((r) => r.code)).toEqual(['012025', '012149', '012173', '011002']);
    expect(sortLoadRows(rows, { key: 'code', descending: false }).map((r) => r.code)).toEqual(['011002', '012025', '012149', '012173']);
  });
});

describe('waves and alerts', () => {
  it('shows a wave mailed to several municipalities as one line, by mail date', () => {
    const lines = groupWaves([wave('7', '012025', '2027-03-01', 50, '2027-03-05'), wave('3', '011002', '2027-02-15', 100, '2027-02-18'), wave('3', '012173', '2027-02-15', 40, '2027-02-19')]);
    expect(lines.map((l) => ({ id: l.id, codes: l.municipalityCodes, forms: l.forms, peak: l.peakDate }))).toEqual([
      { id: '3', codes: ['011002', '012173'], forms: 140, peak: '2027-02-19' },
      { id: '7', codes: ['012025'], forms: 50, peak: '2027-03-05' },
    ]);
  });

  it('keeps a held wave on the time line although the forecast leaves it out', () => {
    const views = new Map<string, WaveView>([
      ['3', { id: 3, batchId: 1, seq: 1, name: '第1波', mailDate: '2027-02-15', status: 'released', heldReason: null, forms: 140, municipalityCodes: ['011002'] }],
      ['4', { id: 4, batchId: 1, seq: 2, name: '第2波', mailDate: '2027-02-22', status: 'held', heldReason: '負荷超過', forms: 90, municipalityCodes: ['012025'] }],
    ]);
    const merged = mergeWaveViews(groupWaves([wave('3', '011002', '2027-02-15', 140)]), views);
    expect(merged.map((l) => [l.id, l.name, l.status, l.expectedInquiries === null])).toEqual([
      ['3', '第1波', 'released', false],
      ['4', '第2波', 'held', true],
    ]);
    expect(mergeWaveViews(groupWaves([wave('3', '011002', '2027-02-15', 140)]), null)[0].status).toBeUndefined();
  });

  it('reads wave:status events and guard alerts into the feed, newest first, without repeats', () => {
    expect(readWaveStatus({ id: 4, status: 'held', reason: '負荷超過' })).toEqual({ waveId: '4', status: 'held', reason: '負荷超過' });
    expect(readWaveStatus({ nothing: true })).toBeNull();
    const at = new Date('2027-02-16T01:00:00Z');
    const held = waveStatusItem({ id: 4, status: 'held', reason: '負荷超過' }, at, 1)!;
    expect(held).toMatchObject({ kind: 'wave', severity: 'warning', text: '波 4 が「保留中」になりました（理由：負荷超過）。' });
    const event = {
      id: 7, key: 'k1', ruleId: 'spike-municipality', ruleVersion: 1, ruleName: '市町村の問い合わせ急増', kind: 'spike', scope: 'municipality',
      municipalityCode: '012025', municipalityName: '函館市', resumeMode: 'auto', wavesHeld: [{ id: 4, name: '第3波', mailDate: '2027-02-22' }],
      evidence: { actual: 21, expected: 7.6, score: 7.2, threshold: 7, windowStart: '', windowEnd: '', pValue: 0.00004 },
      decidedAt: '2027-02-16T01:00:00.000Z', summary: '函館市：過去45分で21件（予測7.6件）、CUSUM 7.2 ≥ 7、p = 0.00004 — 第3波を保留',
      status: 'holding', acknowledged: null, keptHolding: null, resumed: null,
    } as const;
    const trip = guardAlertItem({ type: 'trip', event }, at)!;
    expect(trip).toMatchObject({ kind: 'guard', severity: 'warning', title: '負荷監視：保留', text: event.summary });
    const resumed = guardAlertItem({ type: 'resume', event: { ...event, status: 'resumed', resumed: { by: 'guard', at: '', reason: null } } }, at)!;
    expect(resumed).toMatchObject({ severity: 'info', text: '函館市：負荷が下がったため自動で再開しました。' });
    expect(guardAlertItem({ something: 'else' }, at)).toBeNull();
    const feed = pushAlert(pushAlert(pushAlert([], held), trip), trip);
    expect(feed.map((a) => a.kind)).toEqual(['guard', 'wave']);
  });

  it('places dates on the time line and finds the staffing interval of the moment', () => {
    expect(datePosition('2027-02-15', '2027-02-01', '2027-03-01')).toBe(50);
    expect(datePosition('2026-12-01', '2027-02-01', '2027-03-01')).toBe(0);
    const intervals = [
      { startsAt: '08:30', endsAt: '09:00', calls: 1, agents: 2, serviceLevel: 0.9, asaSeconds: 1, occupancy: 0.5 },
      { startsAt: '09:00', endsAt: '09:30', calls: 5, agents: 4, serviceLevel: 0.9, asaSeconds: 1, occupancy: 0.5 },
    ];
    expect(jstClock(new Date('2027-02-16T00:15:00Z'))).toBe('09:15');
    expect(intervalAt(intervals, '09:15')?.agents).toBe(4);
    expect(intervalAt(intervals, '09:30')).toBeNull();
  });
});

describe('load guard on the dashboard', () => {
  const base: GuardEventView = {
    id: 1, key: 'k', ruleId: 'spike-municipality', ruleVersion: 1, ruleName: '市町村の問い合わせ急増', kind: 'spike', scope: 'municipality',
    municipalityCode: '011002', municipalityName: '札幌市', resumeMode: 'auto', wavesHeld: [], evidence: { actual: 1, expected: 1, score: 1, threshold: 1, windowStart: '', windowEnd: '' },
    decidedAt: '', summary: 's', status: 'holding', acknowledged: null, keptHolding: null, resumed: null,
  };

  it('keeps the open events current from guard:alert, newest first, and drops resumed ones', () => {
    const one = applyGuardAlert([], { type: 'trip', event: base });
    const two = applyGuardAlert(one, { type: 'trip', event: { ...base, id: 2 } });
    expect(two.map((e) => e.id)).toEqual([2, 1]);
    const acknowledged = applyGuardAlert(two, { type: 'acknowledge', event: { ...base, acknowledged: { by: 'sv', at: '' } } });
    expect(acknowledged.find((e) => e.id === 1)?.acknowledged).toEqual({ by: 'sv', at: '' });
    expect(applyGuardAlert(acknowledged, { type: 'resume', event: { ...base, status: 'resumed' } }).map((e) => e.id)).toEqual([2]);
  });

  it('offers only the actions that still make sense', () => {
    expect(guardActions(base)).toEqual({ acknowledge: true, keepHolding: true, resume: true });
    expect(guardActions({ ...base, resumeMode: 'manual', acknowledged: { by: 'sv', at: '' } })).toEqual({ acknowledge: false, keepHolding: false, resume: true });
    expect(guardActions({ ...base, status: 'resumed' })).toEqual({ acknowledge: false, keepHolding: false, resume: false });
    expect(resumeModeText({ ...base, keptHolding: { by: 'sv', at: '', reason: null } })).toBe('保留を続ける（sv）— 再開は手動');
  });

  it('tells a hold by the guard from a hold by hand', () => {
    expect(heldByGuard('負荷監視「市町村の問い合わせ急増」（spike-municipality 第1版）：…')).toBe(true);
    expect(heldByGuard('札幌市の窓口が混雑')).toBe(false);
  });
});
