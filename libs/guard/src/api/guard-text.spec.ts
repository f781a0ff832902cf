import { describeHeld, describeResume, describeTrip, formatPValue } from './guard-text';

describe('guard evidence in Japanese', () => {
  const spike = { actual: 21, expected: 7.6, score: 7.23, threshold: 7, windowStart: '2027-02-18T00:25:00.000Z', windowEnd: '2027-02-18T01:10:00.000Z', pValue: 0.0000412 };

  it('says where, how many against the forecast, the statistic and the p-value', () => {
    expect(describeTrip('spike', '札幌市', spike)).toBe('札幌市：過去45分で21件（予測7.6件）、CUSUM 7.23 ≥ 7、p = 0.00004');
  });

  it('writes a capacity trip with the day, the load with and without the next wave and the capacity', () => {
    const text = describeTrip('capacity', 'コールセンター', {
      actual: 312, expected: 253, score: 1.23, threshold: 1, windowStart: '', windowEnd: '',
      capacity: { date: '2027-02-18', nextWaveId: '3', loadWithoutNextWave: 180, operatorsNeeded: 4, operatorsOnDuty: 3 },
    });
    expect(text).toBe('コールセンター：2027年2月18日の予測 312件（次の波を除くと 180件）が対応能力 253件の 1 倍を超えます（1.23 倍、必要オペレーター 4人／在席 3人）');
  });

  it('writes ∞ for a load against a counter that takes nothing (capacity 0)', () => {
    const text = describeTrip('capacity', '札幌市', {
      actual: 2.5, expected: 0, score: null as unknown as number, threshold: 1, windowStart: '', windowEnd: '',
      capacity: { date: '2027-02-18', nextWaveId: '3', loadWithoutNextWave: 0 },
    });
    expect(text).toBe('札幌市：2027年2月18日の予測 2.5件（次の波を除くと 0件）が対応能力 0件の 1 倍を超えます（∞ 倍）');
  });

  it('says why an auto resume happened and which waves were held', () => {
    expect(describeResume('札幌市', { ...spike, actual: 12, expected: 11, score: 1.09, threshold: 1.2, windowStart: '2027-02-18T03:00:00.000Z', windowEnd: '2027-02-18T05:00:00.000Z' }))
      .toBe('札幌市：直近120分で12件（予測11件）、1.09 ≤ 1.2 倍に収まったため自動で再開');
    expect(describeHeld(['第3波'])).toBe('第3波を保留');
    expect(describeHeld([])).toBe('保留できる未発送の波はありません');
  });

  it('rounds p-values as people read them', () => {
    expect(formatPValue(0.25)).toBe('p = 0.25');
    expect(formatPValue(0.000041)).toBe('p = 0.00004');
    expect(formatPValue(6e-29)).toBe('p < 0.00001');
  });
});
