import type { BatchMatchView, MatchCounts } from '@wavedesk/contracts';

const HEADERS = ['市町村コード', '市町村名', '被保険者数', '資格喪失', 'カード取得者（除外）', 'うち被保険者番号で照合', '送付済み（除外）', '確認待ち', '確認で除外', '確認で送付', '送付対象'];

const row = (code: string, name: string, c: MatchCounts): string[] => [
  code, name, ...[c.insured, c.disqualified, c.cardHolders, c.cardHoldersByInsuredNumber, c.alreadyFormed, c.review, c.reviewExcluded, c.reviewKept, c.targets].map(String),
];

const field = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The per-municipality counts of a batch's matching as CSV: UTF-8 with BOM (Excel opens it as Japanese), CRLF. */
export function matchCsv(view: BatchMatchView): string {
  const lines = [HEADERS, ...view.municipalities.map((m) => row(m.code, m.name, m))];
  if (view.totals && view.municipalities.length > 1) lines.push(row('', '合計', view.totals));
  return '\uFEFF' + lines.map((l) => l.map(field).join(',')).join('\r\n') + '\r\n';
}
