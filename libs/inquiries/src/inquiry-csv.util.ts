import {
  CALLER_TYPE_LABELS, type CallerType, INQUIRY_CHANNEL_LABELS, INQUIRY_CHANNELS, INQUIRY_OUTCOME_LABELS, INQUIRY_OUTCOMES,
  type InquiryChannel, type InquiryOutcome,
} from '@wavedesk/contracts';
import { formatJstDateTime } from './jst.util';
import { maskPhoneNumbers } from './phone-mask.util';

/**
 * Rows of the inquiry exports, as Excel should show them: Japanese headers and labels, JST times, codes that
 * keep their leading zeros, phone numbers in notes masked, and no cell that Excel would run as a formula.
 */

/** A cell Excel would read as a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe. */
export function textCell(value: string | null | undefined): string {
  if (!value) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A digit code Excel would turn into a number (011002 → 11002, a 23-digit ID → 1.23E+22) kept as text. */
export function codeCell(value: string | null | undefined): string {
  if (!value) return '';
  return /^\d+$/.test(value) ? `="${value}"` : textCell(value);
}

export const INQUIRY_CSV_HEADER = [
  'ID', '受付日時', '市町村コード', '市町村名', '受付方法', '分類', '問い合わせ者', '対応結果',
  '対応時間（秒）', '申請書ID', 'メモ', '発送の波ID', '登録日時', '対応済日時',
];

export interface InquiryCsvSource {
  id: number;
  receivedAt: Date;
  municipalityCode: string;
  channel: InquiryChannel;
  category: string;
  callerType: CallerType;
  outcome: InquiryOutcome;
  durationSeconds: number | null;
  applicationId: string | null;
  note: string | null;
  waveId: number | null;
  loggedAt: Date;
  handledAt: Date | null;
}

export interface CsvLabels {
  municipalityNames: Map<string, string>;
  categoryLabels: Map<string, string>;
}

export function inquiryCsvRow(row: InquiryCsvSource, labels: CsvLabels): Array<string | number> {
  return [
    row.id,
    formatJstDateTime(row.receivedAt),
    codeCell(row.municipalityCode),
    labels.municipalityNames.get(row.municipalityCode) ?? '',
    INQUIRY_CHANNEL_LABELS[row.channel] ?? row.channel,
    textCell(labels.categoryLabels.get(row.category) ?? row.category),
    CALLER_TYPE_LABELS[row.callerType] ?? row.callerType,
    INQUIRY_OUTCOME_LABELS[row.outcome] ?? row.outcome,
    row.durationSeconds ?? '',
    codeCell(row.applicationId),
    textCell(row.note ? maskPhoneNumbers(row.note) : null),
    row.waveId ?? '',
    formatJstDateTime(row.loggedAt),
    row.handledAt ? formatJstDateTime(row.handledAt) : '',
  ];
}

/** Counts of one pivot row: by channel and by outcome. */
export interface PivotCount {
  key: string;
  channel: string;
  outcome: string;
  count: number;
}

export interface PivotKey {
  key: string;
  /** The leading cells naming the row (e.g. code and name). */
  cells: string[];
}

export const PIVOT_COUNT_HEADER = [
  '件数',
  ...INQUIRY_CHANNELS.map((c) => INQUIRY_CHANNEL_LABELS[c]),
  ...INQUIRY_OUTCOMES.map((o) => INQUIRY_OUTCOME_LABELS[o]),
];

/**
 * A pivot table: one row per key (in the given order, zeros included), then 件数, the count per channel and
 * per outcome, and a 合計 row.
 */
export function pivotRows(keys: PivotKey[], counts: PivotCount[], totalLabelCells: string[]): Array<Array<string | number>> {
  const width = 1 + INQUIRY_CHANNELS.length + INQUIRY_OUTCOMES.length;
  const byKey = new Map<string, number[]>();
  const total = new Array<number>(width).fill(0);
  for (const c of counts) {
    let line = byKey.get(c.key);
    if (!line) byKey.set(c.key, (line = new Array<number>(width).fill(0)));
    const channel = INQUIRY_CHANNELS.indexOf(c.channel as InquiryChannel);
    const outcome = INQUIRY_OUTCOMES.indexOf(c.outcome as InquiryOutcome);
    const add = (i: number) => {
      line![i] += c.count;
      total[i] += c.count;
    };
    add(0);
    if (channel >= 0) add(1 + channel);
    if (outcome >= 0) add(1 + INQUIRY_CHANNELS.length + outcome);
  }
  const rows: Array<Array<string | number>> = keys.map((k) => [...k.cells, ...(byKey.get(k.key) ?? new Array<number>(width).fill(0))]);
  rows.push([...totalLabelCells, ...total]);
  return rows;
}

/** Every JST day from `first` to `last` inclusive (`YYYY-MM-DD`). */
export function daysBetween(first: string, last: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
    if (days.length > 3_660) break; // ten years is plenty for one report
  }
  return days;
}
