/**
 * The life of a dispersed-sending wave (分散発送の波), as one explicit state machine.
 *
 *   planned ──approve──▶ approved ──release──▶ released ──startWriting──▶ writing ──finish──▶ done
 *      ▲                    │
 *      └─────unapprove──────┘            (planned | approved | released | writing) ──hold──▶ held
 *                                         held ──resume──▶ the state it was held from (writing → released)
 *                                         (planned | approved | held) ──cancel──▶ cancelled
 *
 * Rules a reader should know:
 * - `unapprove` returns an approved wave to planning so its dates, municipalities or split can be edited;
 *   a planned wave is the only one that may be edited.
 * - `release` hands the wave to the print pipeline (発送指示). From then on a scheduler tick enqueues its
 *   units when the wave is due; `startWriting` marks the first unit being written, `finish` the last.
 * - `hold` (保留) is allowed wherever something may still be written or released. Holding a `writing`
 *   wave lets the unit in progress finish whole and writes no further unit: the processor checks the wave
 *   status before it claims each unit, so the state machine only needs to forbid `finish` while held.
 * - `resume` (再開) returns to the state the wave was held from, which the caller stores when it holds
 *   (`heldFrom`). A wave held while `writing` resumes to `released`: no unit is being written any more, and
 *   its remaining units are enqueued again by the scheduler (after re-matching), never as a backlog.
 * - `cancel` (中止) is allowed before release and while held. A wave cancelled while held from `writing`
 *   keeps the units already handed to the printer; the caller lists them for reconciliation with the
 *   contractor. A released or writing wave must be held first, so a cancel is always a deliberate stop.
 * - Nothing leaves `done` or `cancelled`.
 *
 * Plain TypeScript: no framework imports, so the API, the worker and the UI share the same table.
 */
import { conflict } from '@wavedesk/common';

export const WAVE_STATUSES = ['planned', 'approved', 'released', 'writing', 'done', 'held', 'cancelled'] as const;
export type WaveStatus = (typeof WAVE_STATUSES)[number];

export const WAVE_ACTIONS = ['approve', 'unapprove', 'release', 'startWriting', 'finish', 'hold', 'resume', 'cancel'] as const;
export type WaveAction = (typeof WAVE_ACTIONS)[number];

/** The states as a Japanese municipal worker reads them (UI labels, error messages, audit log). */
export const WAVE_STATUS_LABELS: Readonly<Record<WaveStatus, string>> = {
  planned: '計画中',
  approved: '承認済',
  released: '発送指示済',
  writing: '書き出し中',
  done: '完了',
  held: '保留中',
  cancelled: '中止',
};

/** The actions as verbs (buttons, audit log, error messages). */
export const WAVE_ACTION_LABELS: Readonly<Record<WaveAction, string>> = {
  approve: '承認',
  unapprove: '承認取消',
  release: '発送指示',
  startWriting: '書き出し開始',
  finish: '完了',
  hold: '保留',
  resume: '再開',
  cancel: '中止',
};

/** The states a wave can be held from, and so may return to. */
export type HeldFromStatus = 'planned' | 'approved' | 'released' | 'writing';

/** What the state machine needs to know besides the current state: where a held wave was held from. */
export interface WaveTransitionContext {
  /** For a `held` wave: the status it had when it was held. Required to resume. */
  heldFrom?: WaveStatus | null;
}

/** The fixed transitions (everything except `resume`, whose target depends on `heldFrom`). */
const FIXED: Readonly<Record<WaveStatus, Partial<Record<WaveAction, WaveStatus>>>> = {
  planned: { approve: 'approved', hold: 'held', cancel: 'cancelled' },
  approved: { unapprove: 'planned', release: 'released', hold: 'held', cancel: 'cancelled' },
  released: { startWriting: 'writing', hold: 'held' },
  writing: { finish: 'done', hold: 'held' },
  held: { cancel: 'cancelled' },
  done: {},
  cancelled: {},
};

/** Where `resume` leads, by the state the wave was held from. */
const RESUME_TO: Readonly<Record<HeldFromStatus, WaveStatus>> = {
  planned: 'planned',
  approved: 'approved',
  released: 'released',
  writing: 'released',
};

export function isWaveStatus(value: unknown): value is WaveStatus {
  return typeof value === 'string' && (WAVE_STATUSES as readonly string[]).includes(value);
}

export function isWaveAction(value: unknown): value is WaveAction {
  return typeof value === 'string' && (WAVE_ACTIONS as readonly string[]).includes(value);
}

/** True for `done` and `cancelled`: nothing leaves them. */
export function isFinalWaveStatus(status: WaveStatus): boolean {
  return status === 'done' || status === 'cancelled';
}

function isHeldFromStatus(value: unknown): value is HeldFromStatus {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(RESUME_TO, value);
}

/** The state the action leads to, or undefined when it is refused. Never throws. */
export function nextWaveStatus(from: WaveStatus, action: WaveAction, context: WaveTransitionContext = {}): WaveStatus | undefined {
  if (action === 'resume') {
    return from === 'held' && isHeldFromStatus(context.heldFrom) ? RESUME_TO[context.heldFrom] : undefined;
  }
  return FIXED[from]?.[action];
}

/** True when the action is allowed from this state. */
export function canTransition(from: WaveStatus, action: WaveAction, context: WaveTransitionContext = {}): boolean {
  return nextWaveStatus(from, action, context) !== undefined;
}

/** The actions allowed from this state, in the order of {@link WAVE_ACTIONS} (for buttons). */
export function allowedWaveActions(from: WaveStatus, context: WaveTransitionContext = {}): WaveAction[] {
  return WAVE_ACTIONS.filter((action) => canTransition(from, action, context));
}

/**
 * The state after `action`, or a 409 `wave_transition_refused` whose message names the current state and
 * whose details carry `{ currentStatus, action }` (and `heldFrom` for a held wave).
 */
export function transition(from: WaveStatus, action: WaveAction, context: WaveTransitionContext = {}): WaveStatus {
  const to = nextWaveStatus(from, action, context);
  if (to !== undefined) return to;

  const current = WAVE_STATUS_LABELS[from] ?? String(from);
  const verb = WAVE_ACTION_LABELS[action] ?? String(action);
  const details: Record<string, unknown> = { currentStatus: from, action };
  if (from === 'held' && action === 'resume') {
    // Only reachable when the caller lost (or corrupted) heldFrom: say so instead of pretending the state forbids it.
    details.heldFrom = context.heldFrom ?? null;
    throw conflict(
      'wave_transition_refused',
      `この波は現在「${current}」ですが、保留前の状態が正しく記録されていないため再開できません。管理者に連絡してください。`,
      details,
    );
  }
  throw conflict('wave_transition_refused', `この波は現在「${current}」のため、${verb}できません。`, details);
}
