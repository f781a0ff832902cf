import { chooseWave, MailedWaveIndex } from './wave-attribution';

const SAPPORO = '011002';
const HAKODATE = '012025';

/** Two waves to 札幌市 (arriving 2 and 16 Feb), one to 函館市 arriving 9 Feb. */
const index = new MailedWaveIndex([
  { id: 12, arrivalDate: '2026-02-16', municipalityCodes: [SAPPORO] },
  { id: 11, arrivalDate: '2026-02-02', municipalityCodes: [SAPPORO, '012033'] },
  { id: 21, arrivalDate: '2026-02-09', municipalityCodes: [HAKODATE] },
]);
const attribute = (municipalityCode: string, receivedDate: string, waveOfApplication: number | null = null) =>
  chooseWave(index, { municipalityCode, receivedDate, waveOfApplication });

describe('chooseWave', () => {
  it('attributes nothing before the first wave to the municipality has arrived', () => {
    expect(attribute(SAPPORO, '2026-02-01')).toBeNull();
    expect(attribute(HAKODATE, '2026-02-08')).toBeNull();
  });

  it('between waves, attributes to the one delivered most recently, counting the arrival day', () => {
    expect(attribute(SAPPORO, '2026-02-02')).toBe(11);
    expect(attribute(SAPPORO, '2026-02-15')).toBe(11);
    expect(attribute(SAPPORO, '2026-02-16')).toBe(12);
    expect(attribute(SAPPORO, '2026-03-31')).toBe(12);
    expect(attribute(HAKODATE, '2026-02-20')).toBe(21);
  });

  it('never attributes to another municipality’s wave', () => {
    expect(attribute('013030', '2026-03-01')).toBeNull();
    expect(attribute('012033', '2026-03-01')).toBe(11);
  });

  it('the wave of the 申請書ID the caller read out wins over the dates', () => {
    expect(attribute(SAPPORO, '2026-02-20', 11)).toBe(11);
    // Even when the caller rings another municipality's counter, or before the usual arrival day.
    expect(attribute(HAKODATE, '2026-02-20', 12)).toBe(12);
    expect(attribute(SAPPORO, '2026-02-01', 11)).toBe(11);
  });

  it('an unknown 申請書ID, or one in a wave never mailed, falls back to the dates without an error', () => {
    expect(attribute(SAPPORO, '2026-02-20', null)).toBe(12);
    expect(attribute(SAPPORO, '2026-02-20', 99)).toBe(12);
    expect(attribute(SAPPORO, '2026-02-01', 99)).toBeNull();
  });

  it('of two waves arriving the same day, takes the later one', () => {
    const same = new MailedWaveIndex([
      { id: 5, arrivalDate: '2026-02-02', municipalityCodes: [SAPPORO] },
      { id: 7, arrivalDate: '2026-02-02', municipalityCodes: [SAPPORO] },
    ]);
    expect(chooseWave(same, { municipalityCode: SAPPORO, receivedDate: '2026-02-03', waveOfApplication: null })).toBe(7);
  });
});
