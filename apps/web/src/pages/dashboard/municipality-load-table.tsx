import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { LoadLevelBadge } from '../../components/load-level-badge';
import { formatExpected } from '../../components/hourly-rows';
import { Sparkline } from '../../components/sparkline';
import { formatNumber } from '../../format';
import { sortLoadRows, type LoadSort, type LoadSortKey, type MunicipalityLoadRow } from './municipality-load-rows';

const COLUMNS: Array<{ key: LoadSortKey; label: string }> = [
  { key: 'code', label: 'コード' },
  { key: 'actual', label: '本日の実績' },
  { key: 'ratio', label: '試算比（現時点）' },
];

/** The municipalities with today's load, sortable by load ratio (default: busiest first), each with its hours as a sparkline. */
export function MunicipalityLoadTable({
  rows,
  hours,
  subprefecture,
  onClearSubprefecture,
}: {
  rows: readonly MunicipalityLoadRow[];
  /** the hours the sparklines span */
  hours: { first: number; last: number };
  subprefecture: string;
  onClearSubprefecture: () => void;
}) {
  const spanText = `${hours.first}〜${hours.last}時`;
  const [sort, setSort] = useState<LoadSort>({ key: 'ratio', descending: true });
  const shown = useMemo(() => sortLoadRows(subprefecture ? rows.filter((r) => r.subprefecture === subprefecture) : rows, sort), [rows, sort, subprefecture]);

  const sortButton = (key: LoadSortKey, label: string) => {
    const active = sort.key === key;
    return (
      <button
        type="button"
        className="sort-button"
        onClick={() => setSort((s) => ({ key, descending: s.key === key ? !s.descending : key !== 'code' }))}
      >
        {label}
        <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ' ⇅'}</span>
      </button>
    );
  };
  const ariaSort = (key: LoadSortKey) => (sort.key === key ? (sort.descending ? 'descending' : 'ascending') : undefined);

  return (
    <>
      <p className="summary" aria-live="polite">
        {subprefecture ? `${subprefecture}の ${formatNumber(shown.length)} 市町村` : `${formatNumber(shown.length)} 市町村`}
        {subprefecture && (
          <button type="button" className="button button--quiet button--small" onClick={onClearSubprefecture}>
            全道に戻す
          </button>
        )}
      </p>
      <div className="table-wrap table-wrap--tall">
        <table className="table table--compact" aria-label="市町村別の本日の負荷">
          <thead>
            <tr>
              <th scope="col" aria-sort={ariaSort('code')}>
                {sortButton('code', COLUMNS[0].label)}
              </th>
              <th scope="col">市町村</th>
              <th scope="col">振興局</th>
              <th scope="col" className="num" aria-sort={ariaSort('actual')}>
                {sortButton('actual', COLUMNS[1].label)}
              </th>
              <th scope="col" className="num">
                試算（現時点／1日）
              </th>
              <th scope="col" aria-sort={ariaSort('ratio')}>
                {sortButton('ratio', COLUMNS[2].label)}
              </th>
              <th scope="col">本日の推移（{spanText}）</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.code} data-code={r.code}>
                <td className="mono">{r.code}</td>
                <th scope="row">
                  <Link to={`/municipality/${r.code}`}>{r.name}</Link>
                </th>
                <td>{r.subprefecture}</td>
                <td className="num">{formatNumber(r.actual)}</td>
                <td className="num">
                  {formatExpected(r.expectedSoFar)}／{formatExpected(r.forecast)}
                </td>
                <td>
                  <LoadLevelBadge actual={r.actual} expected={r.expectedSoFar} />
                </td>
                <td>
                  <Sparkline values={r.hourly} label={`${r.name}の${spanText}の1時間ごとの件数：${r.hourly.join('、')}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
