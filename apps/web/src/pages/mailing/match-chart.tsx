import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MatchMunicipalityCounts } from '../../api/mailing-types';
import { formatNumber } from '../../format';
import { topMunicipalities } from './mailing-format';

/** Targets, card holders and reviews of the municipalities with the most targets, as stacked bars. */
export function MatchChart({ municipalities }: { municipalities: readonly MatchMunicipalityCounts[] }) {
  const data = topMunicipalities(municipalities, 12);
  if (data.length === 0) return null;
  return (
    <figure className="chart" aria-label="送付対象者の多い市町村（送付対象者・カード取得者・確認待ち）">
      <figcaption className="chart__caption">送付対象者の多い市町村</figcaption>
      <div style={{ height: 300 }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 12, bottom: 40, left: 12 }}>
            <CartesianGrid stroke="#d5dae1" vertical={false} />
            <XAxis dataKey="name" tick={{ fill: '#111418', fontSize: 12 }} interval={0} angle={-30} textAnchor="end" />
            <YAxis tickFormatter={(v: number) => formatNumber(v)} tick={{ fill: '#111418', fontSize: 12 }} width={70} />
            <Tooltip formatter={(value, name) => [`${formatNumber(Number(value))}人`, name]} />
            <Legend verticalAlign="top" formatter={(value: string) => <span className="chart-legend">{value}</span>} />
            <Bar dataKey="targets" name="送付対象者" stackId="a" fill="#0a3d7a" isAnimationActive={false} />
            <Bar dataKey="cardHolders" name="カード取得者" stackId="a" fill="#8a9099" isAnimationActive={false} />
            <Bar dataKey="review" name="確認待ち" stackId="a" fill="#b36b00" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
