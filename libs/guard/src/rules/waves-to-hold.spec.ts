import { ASAHIKAWA, OTOINEPPU, SAPPORO } from '../testing/guard-fixtures';
import { wavesToHold, type WaveCandidate } from './waves-to-hold';

const wave = (id: string, status: string, mailDate: string, codes: string[]): WaveCandidate => ({ id, status, mailDate, municipalityCodes: codes });
const sapporoTrip = { trip: true as const, scope: 'municipality' as const, municipalityCode: SAPPORO };
const unionTrip = { trip: true as const, scope: 'union' as const };

describe('wavesToHold', () => {
  const plan = [
    wave('w1', 'released', '2027-02-01', [SAPPORO, ASAHIKAWA]),
    wave('w2', 'approved', '2027-02-08', [ASAHIKAWA, OTOINEPPU]),
    wave('w3', 'approved', '2027-02-15', [SAPPORO]),
    wave('w4', 'planned', '2027-02-22', [OTOINEPPU]),
    wave('w5', 'planned', '2027-03-01', [SAPPORO]),
  ];

  it('holds the next unreleased wave that includes the overloaded municipality, not the next wave overall', () => {
    expect(wavesToHold(sapporoTrip, plan).map((w) => w.id)).toEqual(['w3']);
  });

  it('holds the next unreleased wave overall for a union rule', () => {
    expect(wavesToHold(unionTrip, plan).map((w) => w.id)).toEqual(['w2']);
  });

  it('holds every wave that shares the earliest date', () => {
    const twin = [...plan, wave('w3b', 'planned', '2027-02-15', [SAPPORO])];
    expect(wavesToHold(sapporoTrip, twin).map((w) => w.id).sort()).toEqual(['w3', 'w3b']);
  });

  it('finds the waves whatever order they come in', () => {
    expect(wavesToHold(sapporoTrip, [...plan].reverse()).map((w) => w.id)).toEqual(['w3']);
  });

  it('holds nothing more when the next wave is already held', () => {
    const held = plan.map((w) => (w.id === 'w3' ? { ...w, status: 'held' } : w));
    expect(wavesToHold(sapporoTrip, held)).toEqual([]);
  });

  it('never touches released, writing, done or cancelled waves', () => {
    const out = plan.map((w) => (w.id === 'w3' || w.id === 'w5' ? { ...w, status: w.id === 'w3' ? 'writing' : 'cancelled' } : w));
    expect(wavesToHold(sapporoTrip, out)).toEqual([]);
    expect(wavesToHold({ ...sapporoTrip, municipalityCode: ASAHIKAWA }, plan).map((w) => w.id)).toEqual(['w2']);
  });

  it('holds nothing for a resume decision or a municipality nobody mails any more', () => {
    expect(wavesToHold({ scope: 'municipality', municipalityCode: SAPPORO }, plan)).toEqual([]);
    expect(wavesToHold({ ...sapporoTrip, municipalityCode: '016012' }, plan)).toEqual([]);
  });
});
