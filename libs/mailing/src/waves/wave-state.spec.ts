import { DomainError } from '@wavedesk/common';
import {
  allowedWaveActions,
  canTransition,
  isFinalWaveStatus,
  transition,
  WAVE_ACTIONS,
  WAVE_STATUS_LABELS,
  WAVE_STATUSES,
  type WaveAction,
  type WaveStatus,
} from './wave-state';

/**
 * The whole table, written out by hand: every (state, action) pair is either the state it leads to or
 * `null` for refused. `resume` is listed separately because it depends on where the wave was held from.
 */
const EXPECTED: Record<WaveStatus, Record<Exclude<WaveAction, 'resume'>, WaveStatus | null>> = {
  planned: { approve: 'approved', unapprove: null, release: null, startWriting: null, finish: null, hold: 'held', cancel: 'cancelled' },
  approved: { approve: null, unapprove: 'planned', release: 'released', startWriting: null, finish: null, hold: 'held', cancel: 'cancelled' },
  released: { approve: null, unapprove: null, release: null, startWriting: 'writing', finish: null, hold: 'held', cancel: null },
  writing: { approve: null, unapprove: null, release: null, startWriting: null, finish: 'done', hold: 'held', cancel: null },
  held: { approve: null, unapprove: null, release: null, startWriting: null, finish: null, hold: null, cancel: 'cancelled' },
  done: { approve: null, unapprove: null, release: null, startWriting: null, finish: null, hold: null, cancel: null },
  cancelled: { approve: null, unapprove: null, release: null, startWriting: null, finish: null, hold: null, cancel: null },
};

/** Where a held wave resumes to, by the state it was held from (null: cannot resume). */
const RESUME_FROM_HELD: Record<WaveStatus, WaveStatus | null> = {
  planned: 'planned',
  approved: 'approved',
  released: 'released',
  writing: 'released',
  held: null,
  done: null,
  cancelled: null,
};

const fixedPairs = WAVE_STATUSES.flatMap((from) =>
  WAVE_ACTIONS.filter((a): a is Exclude<WaveAction, 'resume'> => a !== 'resume').map((action) => ({ from, action, to: EXPECTED[from][action] })),
);
const allowedPairs = fixedPairs.filter((p) => p.to !== null);
const refusedPairs = fixedPairs.filter((p) => p.to === null);

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return e as DomainError;
  }
  throw new Error('expected the transition to be refused');
}

describe('wave state machine', () => {
  it('covers every state and every action in the table', () => {
    expect(fixedPairs).toHaveLength(WAVE_STATUSES.length * (WAVE_ACTIONS.length - 1));
    expect(allowedPairs).toHaveLength(12);
  });

  it.each(allowedPairs)('$from --$action--> $to', ({ from, action, to }) => {
    expect(transition(from, action)).toBe(to);
    expect(canTransition(from, action)).toBe(true);
  });

  it.each(refusedPairs)('refuses $action from $from with 409 naming the current state', ({ from, action }) => {
    const error = refusal(() => transition(from, action));
    expect(error.status).toBe(409);
    expect(error.code).toBe('wave_transition_refused');
    expect(error.message).toContain(`「${WAVE_STATUS_LABELS[from]}」`);
    expect(error.details).toEqual({ currentStatus: from, action });
    expect(canTransition(from, action)).toBe(false);
  });

  describe('resume', () => {
    it.each(WAVE_STATUSES.map((heldFrom) => ({ heldFrom, to: RESUME_FROM_HELD[heldFrom] })))(
      'a wave held from $heldFrom resumes to $to',
      ({ heldFrom, to }) => {
        if (to === null) {
          const error = refusal(() => transition('held', 'resume', { heldFrom }));
          expect(error.status).toBe(409);
          expect(error.message).toContain('「保留中」');
          expect(error.details).toEqual({ currentStatus: 'held', action: 'resume', heldFrom });
        } else {
          expect(transition('held', 'resume', { heldFrom })).toBe(to);
        }
      },
    );

    it('refuses to guess when the state before the hold was not recorded', () => {
      for (const heldFrom of [undefined, null]) {
        const error = refusal(() => transition('held', 'resume', { heldFrom }));
        expect(error.message).toBe('この波は現在「保留中」ですが、保留前の状態が正しく記録されていないため再開できません。管理者に連絡してください。');
      }
    });

    it.each(WAVE_STATUSES.filter((s) => s !== 'held'))('refuses resume from %s, which is not held', (from) => {
      const error = refusal(() => transition(from, 'resume', { heldFrom: 'approved' }));
      expect(error.status).toBe(409);
      expect(error.message).toBe(`この波は現在「${WAVE_STATUS_LABELS[from]}」のため、再開できません。`);
      expect(error.details).toEqual({ currentStatus: from, action: 'resume' });
    });
  });

  it('says in Japanese why, e.g. a finished wave cannot be held', () => {
    expect(refusal(() => transition('done', 'hold')).message).toBe('この波は現在「完了」のため、保留できません。');
    expect(refusal(() => transition('released', 'cancel')).message).toBe('この波は現在「発送指示済」のため、中止できません。');
  });

  it('lists the allowed actions per state for the UI', () => {
    expect(allowedWaveActions('planned')).toEqual(['approve', 'hold', 'cancel']);
    expect(allowedWaveActions('approved')).toEqual(['unapprove', 'release', 'hold', 'cancel']);
    expect(allowedWaveActions('writing')).toEqual(['finish', 'hold']);
    expect(allowedWaveActions('held', { heldFrom: 'writing' })).toEqual(['resume', 'cancel']);
    expect(allowedWaveActions('held')).toEqual(['cancel']);
    expect(allowedWaveActions('done')).toEqual([]);
    expect(allowedWaveActions('cancelled')).toEqual([]);
  });

  it('has a Japanese label for every state and marks done and cancelled as final', () => {
    expect(WAVE_STATUSES.map((s) => WAVE_STATUS_LABELS[s])).toEqual(['計画中', '承認済', '発送指示済', '書き出し中', '完了', '保留中', '中止']);
    expect(WAVE_STATUSES.filter(isFinalWaveStatus)).toEqual(['done', 'cancelled']);
    for (const final of WAVE_STATUSES.filter(isFinalWaveStatus)) {
      expect(allowedWaveActions(final, { heldFrom: 'approved' })).toEqual([]);
    }
  });
});
