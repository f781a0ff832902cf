/**
 * A word-sized line of values (e.g. today's inquiries per hour), drawn as plain SVG so that a table of 179
 * rows stays light. The label says in words what the line shows.
 */
export function Sparkline({ values, label, width = 96, height = 24 }: { values: readonly number[]; label: string; width?: number; height?: number }) {
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const y = (v: number) => height - 2 - (v / max) * (height - 4);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <line x1="0" x2={width} y1={height - 2} y2={height - 2} stroke="#c4cad3" strokeWidth="1" />
      {values.length > 0 && <polyline points={points} fill="none" stroke="#0a3d7a" strokeWidth="2" strokeLinejoin="round" />}
    </svg>
  );
}
