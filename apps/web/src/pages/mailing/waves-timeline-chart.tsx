import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../../format';
import { dayLabel, type TimelineRow } from './mailing-format';

interface TooltipPayload {
  payload?: TimelineRow;
}

function TimelineTooltip({ active, payload }: { active?: boolean; payload?: TooltipPayload[] }) {
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip__title">{dayLabel(row.date)}</p>
      {row.waves.length > 0 && (
        <p>
          {row.waves.join('・')}: {formatNumber(row.forms)}通
        </p>
      )}
      {row.load !== null && <p>試算の問い合わせ: {formatNumber(row.load)}件</p>}
      {row.capacity !== null && <p>コールセンターの受付能力: {formatNumber(row.capacity)}件</p>}
    </div>
  );
}

/**
 * The plan on a time line: forms mailed per wave on its date (bars, right axis), the forecast inquiries per
 * business day (line) against the call center's capacity (dashed line), both on the left axis.
 */
export function WavesTimelineChart({ rows }: { rows: TimelineRow[] }) {
  if (rows.length === 0) return null;
  const hasCapacity = rows.some((r) => r.capacity !== null);
  return (
    <figure className="chart" aria-label="分散発送のタイムライン（波ごとの発送数と試算の問い合わせ件数、受付能力）" data-testid="waves-timeline">
      <figcaption className="chart__caption">タイムライン: 波ごとの発送数（棒）と、試算の問い合わせ件数（線）</figcaption>
      <div style={{ height: 320 }}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={rows} margin={{ top: 8, right: 12, bottom: 8, left: 12 }}>
            <CartesianGrid stroke="#d5dae1" vertical={false} />
            <XAxis dataKey="label" tick={{ fill: '#111418', fontSize: 12 }} minTickGap={12} interval="preserveStartEnd" />
            <YAxis yAxisId="load" tickFormatter={(v: number) => formatNumber(v)} tick={{ fill: '#111418', fontSize: 12 }} width={60} label={{ value: '件／日', angle: -90, position: 'insideLeft', fill: '#111418', fontSize: 12 }} />
            <YAxis yAxisId="forms" orientation="right" tickFormatter={(v: number) => formatNumber(v)} tick={{ fill: '#111418', fontSize: 12 }} width={70} label={{ value: '通', angle: 90, position: 'insideRight', fill: '#111418', fontSize: 12 }} />
            <Tooltip content={<TimelineTooltip />} />
            <Legend verticalAlign="top" formatter={(value: string) => <span className="chart-legend">{value}</span>} />
            <Bar yAxisId="forms" dataKey="forms" name="発送数（通）" fill="#9fb8d9" stroke="#0a3d7a" isAnimationActive={false} />
            <Line yAxisId="load" type="monotone" dataKey="load" name="試算の問い合わせ（件）" stroke="#0a3d7a" strokeWidth={3} dot={false} isAnimationActive={false} />
            {hasCapacity && (
              <Line yAxisId="load" type="stepAfter" dataKey="capacity" name="受付能力（件）" stroke="#9b0d1b" strokeWidth={2} strokeDasharray="6 4" dot={false} isAnimationActive={false} />
            )}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
