import type { BatchMatchView, MatchCounts } from '../../api/mailing-types';
import { formatNumber } from '../../format';

const COLUMNS: Array<{ key: keyof MatchCounts; label: string }> = [
  { key: 'insured', label: '被保険者' },
  { key: 'disqualified', label: '資格喪失' },
  { key: 'cardHolders', label: 'カード取得者' },
  { key: 'alreadyFormed', label: '送付済み' },
  { key: 'reviewExcluded', label: '確認で除外' },
  { key: 'review', label: '確認待ち' },
  { key: 'reviewKept', label: '確認で送付' },
  { key: 'targets', label: '送付対象者' },
];

/** Counts per municipality with the totals, every number with separators. */
export function MatchTable({ view }: { view: BatchMatchView }) {
  return (
    <div className="table-wrap table-wrap--scroll">
      <table className="table table--compact" aria-label="市町村別の突合結果">
        <thead>
          <tr>
            <th scope="col">市町村</th>
            {COLUMNS.map((c) => (
              <th key={c.key} scope="col" className="num">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.municipalities.map((m) => (
            <tr key={m.code}>
              <th scope="row">
                <span className="mono">{m.code}</span> {m.name}
              </th>
              {COLUMNS.map((c) => (
                <td key={c.key} className="num">
                  {formatNumber(m[c.key])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {view.totals && (
          <tfoot>
            <tr className="total-row">
              <th scope="row">合計</th>
              {COLUMNS.map((c) => (
                <td key={c.key} className="num" data-testid={`match-total-${c.key}`}>
                  {formatNumber(view.totals![c.key])}
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
