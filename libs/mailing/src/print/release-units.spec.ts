import { DomainError } from '@wavedesk/common';
import { compareForPrint, releaseUnitName, releaseUnitSizes, splitIntoReleaseUnits } from './release-units';
import { testTarget } from './testing/targets';

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return e as DomainError;
  }
  throw new Error('expected a DomainError');
}

describe('release units', () => {
  it('cuts into at most N forms per unit, balanced', () => {
    expect(releaseUnitSizes(614058)).toHaveLength(123);
    expect(Math.max(...releaseUnitSizes(614058))).toBeLessThanOrEqual(5000);
    expect(releaseUnitSizes(614058).reduce((a, b) => a + b, 0)).toBe(614058);
    expect(releaseUnitSizes(12001, 5000)).toEqual([4001, 4000, 4000]);
    expect(releaseUnitSizes(10000, 5000)).toEqual([5000, 5000]);
    expect(releaseUnitSizes(3, 5000)).toEqual([3]);
    expect(releaseUnitSizes(0, 5000)).toEqual([]);
    expect(refusal(() => releaseUnitSizes(10, 0)).code).toBe('invalid_unit_size');
  });

  it('names unit files after the wave and a 4-digit unit number', () => {
    expect(releaseUnitName(12, 3)).toBe('wave-12-unit-0003');
    expect(releaseUnitName('b1-w02', 123)).toBe('wave-b1-w02-unit-0123');
    expect(refusal(() => releaseUnitName('../etc', 1)).code).toBe('invalid_wave_key');
    expect(refusal(() => releaseUnitName(1, 0)).code).toBe('invalid_unit_number');
  });

  it('sorts by municipality, then the postal code and address the envelope goes to, whatever the input order', () => {
    const a = testTarget(1, { municipalityCode: '012025', postalCode: '0400001', address: '函館市五稜郭町1' });
    const b = testTarget(2, { municipalityCode: '011002', postalCode: '0640001', address: '札幌市中央区南1条' });
    const c = testTarget(3, { municipalityCode: '011002', postalCode: '0600001', address: '札幌市中央区北1条' });
    // 送付先: sorted by the delivery postal code (0600002), right after c.
    const d = testTarget(4, {
      municipalityCode: '011002',
      postalCode: '0699999',
      address: '札幌市どこか',
      delivery: { name: 'ケアホーム気付 北海 太郎', postalCode: '060-0002', address: '札幌市中央区北2条' },
    });
    const units = splitIntoReleaseUnits(7, [a, b, c, d], 3);
    expect(units.map((u) => u.targets.map((t) => t.applicationId.slice(-1)))).toEqual([['3', '4'], ['2', '1']]);
    expect(units.map((u) => [u.wave, u.unit, u.name])).toEqual([
      ['7', 1, 'wave-7-unit-0001'],
      ['7', 2, 'wave-7-unit-0002'],
    ]);
    expect(splitIntoReleaseUnits(7, [d, c, b, a], 3)).toEqual(units);
    expect(compareForPrint(c, d)).toBeLessThan(0);
  });

  it('puts every target in exactly one unit', () => {
    const targets = Array.from({ length: 12001 }, (_, i) => testTarget(i + 1));
    const units = splitIntoReleaseUnits(1, targets);
    expect(units.map((u) => u.targets.length)).toEqual([4001, 4000, 4000]);
    const ids = units.flatMap((u) => u.targets.map((t) => t.applicationId));
    expect(new Set(ids).size).toBe(12001);
  });

  it('refuses a person twice, by 申請書ID or by 被保険者番号, without naming them', () => {
    const byId = refusal(() => splitIntoReleaseUnits(1, [testTarget(1), testTarget(2, { applicationId: testTarget(1).applicationId })]));
    expect(byId.status).toBe(409);
    expect(byId.code).toBe('duplicate_print_target');
    expect(byId.details).toEqual({ duplicateApplicationIds: 1, duplicateInsuredNumbers: 0 });
    const byInsured = refusal(() => splitIntoReleaseUnits(1, [testTarget(1), testTarget(2, { insuredNumber: testTarget(1).insuredNumber })]));
    expect(byInsured.details).toEqual({ duplicateApplicationIds: 0, duplicateInsuredNumbers: 1 });
    expect(JSON.stringify(byInsured)).not.toContain(testTarget(1).insuredNumber);
  });
});
