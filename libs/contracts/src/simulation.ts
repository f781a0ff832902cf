/**
 * The campaign simulator (docs/simulator.md) on the wire: scenarios, what a run reports, and the
 * `simulation:progress` live event.
 */
export const SIMULATION_SCENARIOS = ['baseline', 'sapporo', 'surge', 'half-operators'] as const;
export type SimulationScenario = (typeof SIMULATION_SCENARIOS)[number];

export const SIMULATION_SCENARIO_LABELS: Record<SimulationScenario, string> = {
  baseline: '通常（試算どおり）',
  sapporo: '札幌市で試算の3倍（波の後の2時間）',
  surge: '全道で急増（報道の翌日、試算の2.5倍）',
  'half-operators': 'オペレーターの半数が不在',
};

/** `setting_up` → `running` → `completed`; `stopped` by DELETE; `failed` with a message. */
export const SIMULATION_STATUSES = ['setting_up', 'running', 'completed', 'stopped', 'failed'] as const;
export type SimulationStatus = (typeof SIMULATION_STATUSES)[number];

export const SIMULATION_STATUS_LABELS: Record<SimulationStatus, string> = {
  setting_up: '準備中',
  running: '実行中',
  completed: '完了',
  stopped: '停止',
  failed: '失敗',
};

/** The steps of a run, in order. */
export const SIMULATION_PHASES = ['generate', 'import_insured', 'import_card_holders', 'campaign', 'match', 'plan', 'approve', 'clock', 'done'] as const;
export type SimulationPhase = (typeof SIMULATION_PHASES)[number];

export const SIMULATION_PHASE_LABELS: Record<SimulationPhase, string> = {
  generate: '合成データの生成',
  import_insured: '被保険者一覧の取込',
  import_card_holders: 'カード取得者一覧の取込',
  campaign: '送付事業と発送回の作成',
  match: '突合',
  plan: '分散発送の計画',
  approve: '波の承認',
  clock: '模擬時計で実行',
  done: '終了',
};

/** `POST /api/simulations`. */
export interface StartSimulationRequest {
  scenario: SimulationScenario;
  /** Share of the 838,877 insured to generate, 0.001–1 (default 1). */
  scale?: number;
  /** Business days per real minute, 0.1–60 (default 1). */
  speed?: number;
  /** Seed of the inquiry noise (default 1). */
  seed?: number;
  /** Scenario inputs: how many times the forecast (札幌市 3, surge 2.5) and for how many open hours (札幌市 2). */
  multiplier?: number;
  hours?: number;
}

export interface SimulationWaveSeen {
  id: number;
  name: string;
  batchName: string;
  mailDate: string;
  forms: number;
  status: string;
  includesSapporo: boolean;
}

/** `GET /api/simulations/:id`, and the payload of `simulation:progress`. */
export interface SimulationView {
  id: number;
  scenario: SimulationScenario;
  scale: number;
  speed: number;
  seed: number;
  multiplier: number;
  hours: number;
  status: SimulationStatus;
  phase: SimulationPhase;
  /** Progress of the current set-up step, or of the simulated campaign once the clock runs (0–100). */
  progress: number;
  message: string | null;
  campaignId: number | null;
  /** The simulated campaign's first and last business day. */
  startDate: string | null;
  endDate: string | null;
  /** The simulated instant (ISO) while the clock runs, else null. */
  simulatedNow: string | null;
  /** Simulated milliseconds per real millisecond while the clock runs (speed × 525 open minutes), else null. */
  clockRate: number | null;
  targets: number | null;
  inquiriesLogged: number;
  inquiriesFailed: number;
  wavesReleased: number;
  /** Holds of this campaign's waves seen by the simulator (by the guard or a supervisor). */
  holdsSeen: number;
  operatorsOnDuty: number | null;
  waves: SimulationWaveSeen[];
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
}

/** `GET /api/clock`: the server's "now", and how fast it runs while a simulation is active. */
export interface ServerClockView {
  now: string;
  simulationId: number | null;
  /** Simulated milliseconds per real millisecond during opening hours (1 without a simulation). */
  rate: number;
}
