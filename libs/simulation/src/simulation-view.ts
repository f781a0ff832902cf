import type { SimulationView, SimulationWaveSeen } from '@wavedesk/contracts';
import type { SimulationRecord } from './simulation.entity';

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export function toSimulationView(r: SimulationRecord, simulatedNow: Date | null, clockRate: number | null, waves: SimulationWaveSeen[]): SimulationView {
  return {
    id: r.id, scenario: r.scenario, scale: Number(r.scale), speed: Number(r.speed), seed: r.seed, multiplier: Number(r.multiplier), hours: Number(r.hours),
    status: r.status, phase: r.phase, progress: r.progress, message: r.message, campaignId: r.campaignId, startDate: r.startDate, endDate: r.endDate,
    simulatedNow: simulatedNow ? simulatedNow.toISOString() : null, clockRate, targets: r.targets,
    inquiriesLogged: r.inquiriesLogged, inquiriesFailed: r.inquiriesFailed, wavesReleased: r.wavesReleased, holdsSeen: r.holdsSeen,
    operatorsOnDuty: r.operatorsOnDuty, waves, createdBy: r.createdBy, createdAt: iso(r.createdAt)!, finishedAt: iso(r.finishedAt),
  };
}
