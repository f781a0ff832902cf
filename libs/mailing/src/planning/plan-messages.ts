/**
 * The Japanese sentences a plan's evaluation shows in the UI: which capacity is exceeded, on which day,
 * by how much, and the summary. Numbers keep one decimal (a forecast, not a count) and get separators;
 * dates read as people write them (2027年2月15日(月)).
 */
import type { IsoDate } from '@wavedesk/forecast';
import type { LoadPeak, PlanEvaluation, Violation } from './planning.types';

const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'];

/** 2027-02-15 → 2027年2月15日(月). */
export function formatDate(date: IsoDate): string {
  const [y, m, d] = date.split('-').map(Number);
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${y}年${m}月${d}日(${weekday})`;
}

/** 212.44 → 212.4, 614058 → 614,058. */
const COUNT_FORMAT = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 1 });

export function formatCount(value: number): string {
  return COUNT_FORMAT.format(value);
}

export function formatPercent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

export function municipalityMessage(name: string, v: Pick<Violation, 'date' | 'load' | 'capacity' | 'excess' | 'daysOver'>): string {
  return (
    `${name}の窓口は${formatDate(v.date)}に1日${formatCount(v.load)}件の問い合わせが見込まれ、` +
    `対応可能件数${formatCount(v.capacity)}件を${formatCount(v.excess)}件超えます${daysOverNote(v.daysOver)}。`
  );
}

export function unionMessage(v: Pick<Violation, 'date' | 'load' | 'capacity' | 'excess' | 'daysOver'>): string {
  return (
    `コールセンターは${formatDate(v.date)}に全市町村で1日${formatCount(v.load)}件の問い合わせが見込まれ、` +
    `対応可能件数${formatCount(v.capacity)}件を${formatCount(v.excess)}件超えます${daysOverNote(v.daysOver)}。`
  );
}

export function waveFormsMessage(seq: number, v: Pick<Violation, 'date' | 'load' | 'capacity' | 'excess'>): string {
  return (
    `第${seq}波（${formatDate(v.date)}発送）は${formatCount(v.load)}通で、` +
    `1回の発送の上限${formatCount(v.capacity)}通を${formatCount(v.excess)}通超えます。`
  );
}

function daysOverNote(daysOver: number): string {
  return daysOver > 1 ? `（超える日は${daysOver}営業日）` : '';
}

interface SummaryFacts {
  municipalityCount: number;
  forms: number;
  waveCount: number;
  violations: readonly Violation[];
  /** The tightest constraint, for the sentence about the margin when everything fits. */
  tightest: { label: string; peak: LoadPeak } | null;
}

/** One or two sentences about the whole plan. */
export function planSummary(f: SummaryFacts): string {
  const waves = f.waveCount === 1 ? '1回で' : `${f.waveCount}回に分けて`;
  const scope = `${f.municipalityCount}市町村・${formatCount(f.forms)}通を${waves}発送する計画です。`;
  if (f.violations.length === 0) {
    const margin =
      f.tightest && f.tightest.peak.date
        ? `最も余裕が少ないのは${f.tightest.label}で、${formatDate(f.tightest.peak.date)}に` +
          `${formatCount(f.tightest.peak.load)}件（対応可能件数の${formatPercent(f.tightest.peak.ratio)}）です。`
        : '';
    return `${scope}どの市町村の窓口もコールセンターも、見込まれる問い合わせが対応可能件数に収まります。${margin}`;
  }
  const count = (kind: Violation['kind']) => f.violations.filter((v) => v.kind === kind).length;
  const parts = [
    count('municipality') > 0 ? `市町村の窓口${count('municipality')}か所` : '',
    count('union') > 0 ? 'コールセンター' : '',
    count('waveForms') > 0 ? `発送数の上限を超える波${count('waveForms')}回` : '',
  ].filter((p) => p !== '');
  return `${scope}この計画では対応可能件数に収まりません（${parts.join('、')}）。${f.violations[0].message}`;
}

/** The planner's sentence about the window, appended to the summary when the plan does not fit. */
export function windowExtensionSentence(extraBusinessDays: number | null, mailTo: IsoDate | null, triedDays: number): string {
  if (extraBusinessDays !== null && mailTo !== null) {
    return `発送期間をあと${extraBusinessDays}営業日（${formatDate(mailTo)}まで）延ばせば収まる見込みです。`;
  }
  return (
    `発送期間を${triedDays}営業日延ばしても収まりません。` +
    '窓口やコールセンターの対応可能件数（人員）を見直すか、郵便番号グループを細かくしてください。'
  );
}

/** The summary with the window sentence added (the evaluation itself is left as it is). */
export function withWindowSentence(evaluation: PlanEvaluation, sentence: string): PlanEvaluation {
  return { ...evaluation, summary: `${evaluation.summary}${sentence}` };
}
