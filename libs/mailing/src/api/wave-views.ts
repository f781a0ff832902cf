import { allowedWaveActions, WAVE_STATUS_LABELS, type WaveAction, type WaveStatus } from '../waves/wave-state';
import type { StoredWaveMember, Wave } from '../waves/wave.entity';
import type { ReleaseUnitRecord, ReleaseUnitStatus } from '../release/release-unit.entity';
import { waveMembers } from '../waves/wave-transitions.service';
import { releaseUnitName } from '../print/release-units';
import type { PlanEvaluation, PlannedWaves, WavePlan } from '../planning/planning.types';

export interface ReleaseUnitView {
  id: number;
  seq: number;
  name: string;
  count: number;
  status: ReleaseUnitStatus;
  claimedAt: Date | null;
  claimedBy: string | null;
  fileName: string | null;
  sha256: string | null;
  writtenAt: Date | null;
  lastError: string | null;
}

export interface WaveView {
  id: number;
  batchId: number;
  seq: number;
  name: string;
  mailDate: string;
  status: WaveStatus;
  statusLabel: string;
  heldFrom: WaveStatus | null;
  heldReason: string | null;
  forms: number;
  placeholders: number;
  members: StoredWaveMember[];
  municipalityCodes: string[];
  allowedActions: WaveAction[];
  version: number;
  progress: { written: number; total: number };
  updatedAt: Date;
  units?: ReleaseUnitView[];
}

export function toUnitView(u: ReleaseUnitRecord): ReleaseUnitView {
  return {
    id: u.id, seq: u.seq, name: releaseUnitName(String(u.waveId), u.seq), count: u.count, status: u.status,
    claimedAt: u.claimedAt, claimedBy: u.claimedBy, fileName: u.fileName, sha256: u.sha256, writtenAt: u.writtenAt, lastError: u.lastError,
  };
}

export function toWaveView(w: Wave, progress: { written: number; total: number }, units?: ReleaseUnitRecord[]): WaveView {
  const members = waveMembers(w);
  return {
    id: w.id, batchId: w.batchId, seq: w.seq, name: w.name, mailDate: w.mailDate, status: w.status,
    statusLabel: WAVE_STATUS_LABELS[w.status], heldFrom: w.heldFrom, heldReason: w.heldReason, forms: w.forms,
    placeholders: w.placeholders, members, municipalityCodes: [...new Set(members.map((m) => m.code))],
    allowedActions: allowedWaveActions(w.status, { heldFrom: w.heldFrom }), version: w.version, progress, updatedAt: w.updatedAt,
    ...(units ? { units: units.map(toUnitView) } : {}),
  };
}

/** The evaluation as JSON: the typed arrays become plain arrays, the per-municipality grid is left to GET /api/forecast. */
export function evaluationView(e: PlanEvaluation) {
  return {
    fits: e.fits,
    summary: e.summary,
    violations: e.violations,
    union: e.union,
    binding: e.binding,
    municipalities: e.municipalities,
    timeline: { dates: e.dates, union: Array.from(e.unionDaily) },
  };
}

export function planView(plan: WavePlan | PlannedWaves, waves: WaveView[]) {
  return {
    waves,
    evaluation: evaluationView(plan.evaluation),
    windowExtension: 'windowExtension' in plan ? plan.windowExtension : null,
  };
}
