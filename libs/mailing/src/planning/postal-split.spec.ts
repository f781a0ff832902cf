import { chunksOf, contiguousRuns, maxPieces } from './postal-split';
import type { PlanningMunicipality } from './planning.types';

const g = (key: string, targets: number) => ({ key, targets });

describe('contiguousRuns', () => {
  it('cuts the groups, in their order, into runs of about equal targets', () => {
    const groups = [g('001', 10), g('002', 10), g('003', 10), g('004', 10), g('005', 10), g('006', 10)];
    expect(contiguousRuns(groups, 3).map((run) => run.map((x) => x.key))).toEqual([
      ['001', '002'],
      ['003', '004'],
      ['005', '006'],
    ]);
    const uneven = [g('001', 50), g('002', 10), g('003', 10), g('004', 10), g('005', 20)];
    expect(contiguousRuns(uneven, 2).map((run) => run.reduce((s, x) => s + x.targets, 0))).toEqual([50, 50]);
  });

  it('gives fewer runs when the groups do not allow more, and keeps empty groups with a neighbour', () => {
    expect(contiguousRuns([g('001', 90), g('002', 10)], 4)).toHaveLength(2);
    const withEmpty = [g('001', 0), g('002', 10), g('003', 0), g('004', 10)];
    const runs = contiguousRuns(withEmpty, 2);
    expect(runs.map((run) => run.map((x) => x.key))).toEqual([['001', '002'], ['003', '004']]);
    expect(contiguousRuns([g('001', 5)], 3)).toEqual([[g('001', 5)]]);
  });
});

describe('chunksOf', () => {
  const city: PlanningMunicipality = {
    code: '011002',
    name: '札幌市',
    targets: 60,
    counterCapacityPerDay: 196,
    postalGroups: [g('001', 20), g('002', 20), g('003', 20)],
  };

  it('names the groups of each piece; a municipality without groups stays whole', () => {
    expect(chunksOf(city, 0, 3)).toEqual([
      { row: 0, code: '011002', forms: 20, postalGroupKeys: ['001'] },
      { row: 0, code: '011002', forms: 20, postalGroupKeys: ['002'] },
      { row: 0, code: '011002', forms: 20, postalGroupKeys: ['003'] },
    ]);
    expect(chunksOf(city, 0, 1)).toEqual([{ row: 0, code: '011002', forms: 60 }]);
    const town = { code: '013030', targets: 1800, counterCapacityPerDay: 5 };
    expect(chunksOf(town, 4, 3)).toEqual([{ row: 4, code: '013030', forms: 1800 }]);
    expect(maxPieces(town)).toBe(1);
    expect(maxPieces(city)).toBe(3);
  });
});
