import type { Municipality, MunicipalityLoad } from '../../api';

/**
 * Hokkaido's 14 subprefectures (振興局) as tiles on a 6 × 5 grid, roughly where they lie: 宗谷 at the top,
 * オホーツク and 根室 to the east, 渡島 and 檜山 at the bottom left.
 */
export const SUBPREFECTURE_TILES: ReadonlyArray<{ name: string; col: number; row: number }> = [
  { name: '宗谷', col: 3, row: 0 },
  { name: '留萌', col: 2, row: 1 },
  { name: '上川', col: 3, row: 1 },
  { name: 'オホーツク', col: 4, row: 1 },
  { name: '後志', col: 0, row: 2 },
  { name: '石狩', col: 1, row: 2 },
  { name: '空知', col: 2, row: 2 },
  { name: '十勝', col: 3, row: 2 },
  { name: '釧路', col: 4, row: 2 },
  { name: '根室', col: 5, row: 2 },
  { name: '檜山', col: 0, row: 3 },
  { name: '胆振', col: 1, row: 3 },
  { name: '日高', col: 2, row: 3 },
  { name: '渡島', col: 1, row: 4 },
];
export const TILE_COLUMNS = 6;
export const TILE_ROWS = 5;

export interface SubprefectureLoad {
  name: string;
  col: number;
  row: number;
  municipalities: number;
  actual: number;
  /** the day's forecast */
  forecast: number;
  /** the forecast up to now (the day's forecast × the elapsed share) */
  expectedSoFar: number;
}

/** Today's load summed per subprefecture (by `subprefectureShort`), in tile order. */
export function subprefectureLoads(municipalities: readonly Municipality[], loads: readonly MunicipalityLoad[], elapsedShare: number): SubprefectureLoad[] {
  const byCode = new Map(loads.map((l) => [l.municipalityCode, l]));
  return SUBPREFECTURE_TILES.map((tile) => {
    const members = municipalities.filter((m) => m.subprefectureShort === tile.name);
    let actual = 0;
    let forecast = 0;
    for (const m of members) {
      const load = byCode.get(m.code);
      actual += load?.day.actual ?? 0;
      forecast += load?.day.forecast ?? 0;
    }
    return { ...tile, municipalities: members.length, actual, forecast, expectedSoFar: forecast * elapsedShare };
  });
}
