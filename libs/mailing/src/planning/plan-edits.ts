/**
 * Hand edits of a proposed plan before it is approved: move a wave to another date, merge waves, split
 * part of a wave off to another date. Each is a pure function: it returns a new plan (waves renumbered
 * in date order) with its evaluation, and leaves its input untouched.
 *
 * Refused with a 400 and a Japanese sentence: a mail date that is not a business day (2027-02-23 is
 * 天皇誕生日) or lies outside the batch's mailing window, an unknown wave, a split that would move
 * everything (that is a move) or names groups the wave does not hold.
 */
import { badRequest, notFound } from '@wavedesk/common';
import type { IsoDate } from '@wavedesk/forecast';
import { evaluatePlan } from './evaluate-plan';
import { formatDate } from './plan-messages';
import type { PlanContext, ProposedWave, WaveMember, WavePlan } from './planning.types';

/** The part of a wave to split off: whole municipalities, or some of a municipality's postal groups. */
export interface WavePart {
  mailDate: IsoDate;
  members: { code: string; postalGroupKeys?: string[] }[];
}

export function moveWave(waves: readonly ProposedWave[], seq: number, mailDate: IsoDate, context: PlanContext): WavePlan {
  checkMailDate(mailDate, context);
  const wave = findWave(waves, seq);
  return replan(waves.map((w) => (w === wave ? { ...w, mailDate } : w)), context);
}

/** One wave from several, on `mailDate` (default: the earliest of their dates). */
export function mergeWaves(waves: readonly ProposedWave[], seqs: readonly number[], context: PlanContext, mailDate?: IsoDate): WavePlan {
  const merging = [...new Set(seqs)].map((seq) => findWave(waves, seq));
  if (merging.length < 2) throw badRequest('merge_needs_two_waves', '統合するには2つ以上の波を選んでください。');
  const date = mailDate ?? merging.map((w) => w.mailDate).sort()[0];
  checkMailDate(date, context);
  const members: WaveMember[] = [];
  for (const member of merging.flatMap((w) => w.members)) {
    const same = members.findIndex((m) => m.code === member.code);
    if (same < 0) members.push(copyMember(member));
    else members[same] = joinMembers(members[same], member, context);
  }
  const merged: ProposedWave = { seq: merging[0].seq, mailDate: date, members, forms: sumForms(members) };
  return replan([...waves.filter((w) => !merging.includes(w)), merged], context);
}

/** Moves `part` of wave `seq` to a new wave on `part.mailDate`. */
export function splitWave(waves: readonly ProposedWave[], seq: number, part: WavePart, context: PlanContext): WavePlan {
  checkMailDate(part.mailDate, context);
  const wave = findWave(waves, seq);
  let staying = wave.members.map(copyMember);
  const leaving: WaveMember[] = [];
  for (const p of part.members) {
    const index = staying.findIndex((m) => m.code === p.code);
    if (index < 0) throw badRequest('member_not_in_wave', `第${seq}波に市町村コード ${p.code} は含まれていません。`);
    const member = staying[index];
    if (p.postalGroupKeys === undefined) {
      leaving.push(member);
      staying = staying.filter((_, i) => i !== index);
      continue;
    }
    const { moved, kept } = divideMember(member, p.postalGroupKeys, seq, context);
    leaving.push(moved);
    staying = kept ? staying.map((m, i) => (i === index ? kept : m)) : staying.filter((_, i) => i !== index);
  }
  if (staying.length === 0) {
    throw badRequest('split_moves_everything', `第${seq}波のすべてを移すことになります。波ごと移す場合は「移動」を使ってください。`);
  }
  const rest: ProposedWave = { ...wave, members: staying, forms: sumForms(staying) };
  const split: ProposedWave = { seq: wave.seq, mailDate: part.mailDate, members: leaving, forms: sumForms(leaving) };
  return replan([...waves.map((w) => (w === wave ? rest : w)), split], context);
}

/** Renumbers in date order (a wave keeps its place among waves of the same date) and evaluates. */
function replan(waves: readonly ProposedWave[], context: PlanContext): WavePlan {
  const ordered = waves
    .map((w, i) => ({ w, i }))
    .sort((a, b) => a.w.mailDate.localeCompare(b.w.mailDate) || a.w.seq - b.w.seq || a.i - b.i)
    .map(({ w }, i) => ({ ...w, seq: i + 1, members: w.members.map(copyMember) }));
  return { waves: ordered, evaluation: evaluatePlan(ordered, context) };
}

function findWave(waves: readonly ProposedWave[], seq: number): ProposedWave {
  const wave = waves.find((w) => w.seq === seq);
  if (!wave) throw notFound('wave_not_found', `第${seq}波は計画にありません。`);
  return wave;
}

function checkMailDate(date: IsoDate, context: PlanContext): void {
  const reason = context.model.calendar.closedReason(date);
  if (reason !== null) {
    throw badRequest('not_business_day', `${formatDate(date)}は${reason}のため発送日にできません。営業日を選んでください。`, [
      { field: 'mailDate', code: 'not_business_day', message: `${formatDate(date)}は${reason}です。` },
    ]);
  }
  if ((context.mailFrom && date < context.mailFrom) || (context.mailTo && date > context.mailTo)) {
    const window = `${context.mailFrom ? formatDate(context.mailFrom) : ''}〜${context.mailTo ? formatDate(context.mailTo) : ''}`;
    throw badRequest('outside_mailing_window', `${formatDate(date)}は発送期間（${window}）の外です。`, [
      { field: 'mailDate', code: 'outside_mailing_window', message: `発送日は発送期間（${window}）の中から選んでください。` },
    ]);
  }
}

/** Splits a member by postal groups: the named groups leave, the rest stay (undefined when none stay). */
function divideMember(member: WaveMember, keys: readonly string[], seq: number, context: PlanContext): { moved: WaveMember; kept?: WaveMember } {
  const m = context.municipalities.find((x) => x.code === member.code);
  const groups = m?.postalGroups ?? [];
  const held = member.postalGroupKeys ?? groups.map((g) => g.key);
  const name = m?.name ?? member.code;
  if (keys.length === 0) throw badRequest('postal_group_required', `${name}の移す郵便番号グループを指定してください。`);
  const unknown = keys.filter((k) => !held.includes(k));
  if (unknown.length > 0) {
    throw badRequest('postal_group_not_in_wave', `第${seq}波の${name}に郵便番号グループ「${unknown.join('、')}」は含まれていません。`);
  }
  const targetsOf = (ks: readonly string[]) => ks.reduce((s, k) => s + (groups.find((g) => g.key === k)?.targets ?? 0), 0);
  const movedKeys = held.filter((k) => keys.includes(k));
  const keptKeys = held.filter((k) => !keys.includes(k));
  const moved = { code: member.code, targets: targetsOf(movedKeys), postalGroupKeys: movedKeys };
  if (keptKeys.length === 0) return { moved: copyMember(member) };
  return { moved, kept: { code: member.code, targets: targetsOf(keptKeys), postalGroupKeys: keptKeys } };
}

/** Two members of one municipality in one wave; whole again when they hold all its groups. */
function joinMembers(a: WaveMember, b: WaveMember, context: PlanContext): WaveMember {
  const groups = context.municipalities.find((m) => m.code === a.code)?.postalGroups ?? [];
  const keys = new Set([...(a.postalGroupKeys ?? []), ...(b.postalGroupKeys ?? [])]);
  const targets = a.targets + b.targets;
  if (a.postalGroupKeys === undefined || b.postalGroupKeys === undefined || keys.size === groups.length) return { code: a.code, targets };
  return { code: a.code, targets, postalGroupKeys: groups.map((g) => g.key).filter((k) => keys.has(k)) };
}

function copyMember(m: WaveMember): WaveMember {
  return m.postalGroupKeys ? { ...m, postalGroupKeys: [...m.postalGroupKeys] } : { ...m };
}

function sumForms(members: readonly WaveMember[]): number {
  return members.reduce((s, m) => s + m.targets, 0);
}
