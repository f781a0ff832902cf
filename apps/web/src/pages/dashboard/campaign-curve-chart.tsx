import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../../format';
import type { CurveRow } from './campaign-curve';

/** The campaign so far: cumulative inquiries logged against the cumulative forecast, by business day. */
export function CampaignCurveChart({ rows, today }: { rows: readonly CurveRow[]; today: string }) {
  const todayRow = rows.find((r) => r.date >= today);
  const last = rows[rows.length - 1];
  return (
    <figure className="chart" aria-label="送付事業の累計">
      <div style={{ height: 260 }}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={rows as CurveRow[]} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
            <CartesianGrid stroke="#d5dae1" vertical={false} />
            <XAxis dataKey="label" tick={{ fill: '#111418', fontSize: 12 }} minTickGap={24} />
            <YAxis tick={{ fill: '#111418', fontSize: 12 }} width={56} tickFormatter={(v: number) => formatNumber(v)} />
            <Tooltip formatter={(value, name) => [`${formatNumber(Number(value))}件`, name]} />
            <Legend wrapperStyle={{ fontSize: 14 }} />
            {todayRow && <ReferenceLine x={todayRow.label} stroke="#6b7280" strokeDasharray="3 3" label={{ value: '今日', fill: '#3d4450', position: 'insideTopLeft' }} />}
            <Line dataKey="forecast" name="試算（累計）" stroke="#6b4300" strokeWidth={2} strokeDasharray="6 4" dot={false} isAnimationActive={false} />
            <Line dataKey="actual" name="実績（累計）" stroke="#0a3d7a" strokeWidth={3} dot={false} connectNulls={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="chart__caption">
        {todayRow && `今日までの実績 ${formatNumber(todayRow.actual ?? 0)}件／試算 ${formatNumber(todayRow.forecast)}件。`}
        {last && `送付事業全体の試算 ${formatNumber(last.forecast)}件。`}
      </figcaption>
    </figure>
  );
}
