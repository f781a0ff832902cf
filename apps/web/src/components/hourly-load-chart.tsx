import { Area, Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HourLoad } from '../api';
import { formatNumber } from '../format';
import { formatExpected, hourlyRows } from './hourly-rows';
import './load-figures.css';

/**
 * Inquiries per hour today: bars for what was logged, a dashed line for the forecast and a shaded band
 * (forecast ± 2√forecast) for the normal spread of a count around it. A bar above the band is unusual.
 */
export function HourlyLoadChart({ hours, currentHour, label }: { hours: readonly HourLoad[]; currentHour: number | null; label: string }) {
  const rows = hourlyRows(hours, currentHour);
  return (
    <figure className="chart" aria-label={label}>
      <div className="chart__canvas" style={{ height: 260 }}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#d5dae1" vertical={false} />
            <XAxis dataKey="label" tick={{ fill: '#111418', fontSize: 13 }} interval={0} />
            <YAxis allowDecimals={false} tick={{ fill: '#111418', fontSize: 13 }} width={40} />
            <Tooltip
              formatter={(value, name) => {
                if (Array.isArray(value)) return [`${formatExpected(Number(value[0]))}〜${formatExpected(Number(value[1]))}`, name];
                return [name === '実績' ? formatNumber(Number(value)) : formatExpected(Number(value)), name];
              }}
            />
            <Legend wrapperStyle={{ fontSize: 14 }} />
            <Area dataKey="band" name="試算の幅（±2√試算）" fill="#bcd4f2" stroke="none" isAnimationActive={false} />
            <Bar dataKey="actual" name="実績" fill="#0a3d7a" isAnimationActive={false} barSize={18} />
            <Line dataKey="forecast" name="試算" stroke="#6b4300" strokeWidth={2} strokeDasharray="6 4" dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="visually-hidden">
        {rows.map((r) => `${r.label} 実績${r.actual ?? '—'}件 試算${formatExpected(r.forecast)}件`).join('、')}
      </figcaption>
    </figure>
  );
}
