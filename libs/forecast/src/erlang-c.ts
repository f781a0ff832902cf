/**
 * Staffing with Erlang C: how many operators answer a given number of calls so that the service-level
 * goal is met (e.g. 80 % of calls answered within 20 seconds).
 *
 *   traffic A (Erlangs)  = calls per interval × AHT / interval length
 *   Erlang B, iteratively: B(0) = 1,  B(n) = A·B(n−1) / (n + A·B(n−1))
 *   P(wait) = C(N, A)    = N·B(N) / (N − A·(1 − B(N)))            (for N > A; 1 otherwise)
 *   service level        = 1 − C · e^(−(N − A) · target / AHT)
 *   ASA (seconds)        = C · AHT / (N − A)
 *   occupancy            = A / N
 *
 * The recurrence never forms Aᴺ or N!, so it stays exact and finite at 1,000 Erlangs and beyond.
 * The answer is operators on the phones ("before shrinkage"): breaks, training and absence come on top.
 */
import { FieldErrors } from './input-checks';

export interface ErlangCInput {
  /** Calls expected in one interval (may be fractional: a forecast). */
  callsPerInterval: number;
  /** Length of the interval in minutes (default 30). */
  intervalMinutes?: number;
  /** Average handling time in seconds (talk + hold + wrap-up; default 360 = 6 minutes). */
  ahtSeconds?: number;
  /** The answer-time target of the service level, in seconds (default 20). */
  targetSeconds?: number;
  /** Share of calls to answer within the target, in (0, 1) (default 0.8). */
  serviceLevel?: number;
}

export interface ErlangCResult {
  /** Operators needed (before shrinkage). */
  agents: number;
  /** The service level those operators reach (≥ the goal). */
  serviceLevel: number;
  /** Average speed of answer in seconds. */
  asaSeconds: number;
  /** Share of their time the operators are busy with calls. */
  occupancy: number;
  /** The offered load in Erlangs. */
  trafficErlangs: number;
  /** Probability that a call has to wait at all. */
  waitProbability: number;
}

export const ERLANG_C_DEFAULTS = { intervalMinutes: 30, ahtSeconds: 360, targetSeconds: 20, serviceLevel: 0.8 } as const;

/** The largest load answered; beyond it an input is surely a mistake (a whole prefecture is far below). */
export const MAX_TRAFFIC_ERLANGS = 100_000;

/** Erlang B blocking probability for `agents` servers and `traffic` Erlangs, by the stable recurrence. */
export function erlangB(agents: number, traffic: number): number {
  let b = 1;
  for (let n = 1; n <= agents; n++) b = (traffic * b) / (n + traffic * b);
  return b;
}

/** Erlang C: probability that a call waits, from Erlang B. 1 when the operators cannot keep up (N ≤ A). */
export function erlangCFromB(agents: number, traffic: number, b: number): number {
  if (agents <= traffic) return 1;
  return (agents * b) / (agents - traffic * (1 - b));
}

export function waitProbability(agents: number, traffic: number): number {
  return erlangCFromB(agents, traffic, erlangB(agents, traffic));
}

function measures(agents: number, traffic: number, b: number, aht: number, target: number): ErlangCResult {
  if (traffic === 0) {
    return { agents, serviceLevel: 1, asaSeconds: 0, occupancy: 0, trafficErlangs: 0, waitProbability: 0 };
  }
  const c = erlangCFromB(agents, traffic, b);
  const stable = agents > traffic;
  return {
    agents,
    serviceLevel: stable ? 1 - c * Math.exp((-(agents - traffic) * target) / aht) : 0,
    asaSeconds: stable ? (c * aht) / (agents - traffic) : Number.POSITIVE_INFINITY,
    occupancy: Math.min(1, traffic / agents),
    trafficErlangs: traffic,
    waitProbability: c,
  };
}

/** The service level, ASA and occupancy that a given number of operators reaches. */
export function erlangCFor(agents: number, input: ErlangCInput): ErlangCResult {
  const v = validate(input);
  const errors = new FieldErrors();
  const n = errors.count(agents, 'agents', 'オペレーター数');
  errors.throwIfAny('invalid_erlang_c', 'アーラン C の入力内容に誤りがあります。');
  return measures(n!, v.traffic, erlangB(n!, v.traffic), v.aht, v.target);
}

/** The fewest operators that reach the service-level goal, with what they achieve. */
export function erlangC(input: ErlangCInput): ErlangCResult {
  const { traffic, aht, target, goal } = validate(input);
  if (traffic === 0) return measures(0, 0, 1, aht, target);
  // Walk N upwards carrying B(N); below N = ⌊A⌋ + 1 the queue would grow without bound.
  let b = 1;
  let n = 0;
  const start = Math.floor(traffic) + 1;
  for (; n < start; ) {
    n++;
    b = (traffic * b) / (n + traffic * b);
  }
  while (true) {
    const m = measures(n, traffic, b, aht, target);
    if (m.serviceLevel >= goal) return m;
    n++;
    b = (traffic * b) / (n + traffic * b);
  }
}

function validate(input: ErlangCInput): { traffic: number; aht: number; target: number; goal: number } {
  const errors = new FieldErrors();
  if (typeof input !== 'object' || input === null) {
    errors.add('callsPerInterval', 'required', '呼数を入力してください。');
    errors.throwIfAny('invalid_erlang_c', 'アーラン C の入力内容に誤りがあります。');
  }
  const calls = errors.nonNegative(input.callsPerInterval, 'callsPerInterval', '1区間の呼数');
  const interval = errors.positive(input.intervalMinutes ?? ERLANG_C_DEFAULTS.intervalMinutes, 'intervalMinutes', '区間の長さ（分）');
  const aht = errors.positive(input.ahtSeconds ?? ERLANG_C_DEFAULTS.ahtSeconds, 'ahtSeconds', '平均処理時間（秒）');
  const target = errors.nonNegative(input.targetSeconds ?? ERLANG_C_DEFAULTS.targetSeconds, 'targetSeconds', '目標応答時間（秒）');
  const goal = errors.openUnitInterval(input.serviceLevel ?? ERLANG_C_DEFAULTS.serviceLevel, 'serviceLevel', 'サービスレベル目標');
  if (calls !== undefined && interval !== undefined && aht !== undefined) {
    const traffic = (calls * aht) / (interval * 60);
    if (traffic > MAX_TRAFFIC_ERLANGS) {
      errors.add('callsPerInterval', 'too_large', `呼量が大きすぎます（${MAX_TRAFFIC_ERLANGS.toLocaleString('ja-JP')} アーランまで）。`);
    }
  }
  errors.throwIfAny('invalid_erlang_c', 'アーラン C の入力内容に誤りがあります。');
  return { traffic: (calls! * aht!) / (interval! * 60), aht: aht!, target: target!, goal: goal! };
}
