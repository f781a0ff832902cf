import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ApiError, DayStaffing } from '../../api';
import { ErrorAlert } from '../../components';
import { formatNumber } from '../../format';
import { intervalAt, jstClock, loadOnDuty, saveOnDuty } from './staffing';

/**
 * Operators needed (Erlang C on the forecast phone calls, 80 % answered within 20 s) against operators on
 * duty, which the supervisor types in; it is kept in this browser.
 */
export function StaffingPanel({ staffing, error, now }: { staffing: DayStaffing | null; error: ApiError | null; now: Date }) {
  const [onDuty, setOnDuty] = useState<number | null>(() => loadOnDuty(window.localStorage));
  const [text, setText] = useState(onDuty === null ? '' : String(onDuty));
  const current = staffing ? intervalAt(staffing.intervals, jstClock(now)) : null;
  const neededNow = current?.agents ?? 0;
  const short = onDuty !== null && current ? neededNow - onDuty : 0;

  const change = (value: string) => {
    setText(value);
    const n = value.trim() === '' ? null : Number(value.normalize('NFKC'));
    if (n === null || (Number.isInteger(n) && n >= 0 && n <= 100_000)) {
      setOnDuty(n);
      saveOnDuty(window.localStorage, n);
    }
  };

  return (
    <div className="staffing">
      <ErrorAlert error={error} />
      {staffing?.closedReason && <p className="staffing__closed">本日は{staffing.closedReason}のため、電話受付はありません。</p>}
      <div className="staffing__figures">
        <div className="figure figure--small">
          <p className="figure__label">必要人数（{current ? `${current.startsAt}〜${current.endsAt}` : '受付時間外'}）</p>
          <p className="figure__value figure__value--mid" data-testid="operators-needed">
            {staffing ? formatNumber(neededNow) : '—'}
            <span className="figure__unit">人</span>
          </p>
          <p className="figure__sub">本日のピーク {staffing ? formatNumber(staffing.peakAgents) : '—'}人</p>
        </div>
        <div className="figure figure--small">
          <label className="figure__label" htmlFor="operators-on-duty">
            在席人数
          </label>
          <input id="operators-on-duty" className="input--number" type="number" min={0} step={1} inputMode="numeric" value={text} onChange={(e) => change(e.target.value)} />
          <p className="figure__sub" aria-live="polite">
            {onDuty === null || !current ? '人数を入力してください' : short > 0 ? <strong className="text-danger">{short}人不足</strong> : <span className="text-ok">足りています</span>}
          </p>
        </div>
      </div>
      {staffing && staffing.intervals.length > 0 && (
        <figure className="chart" aria-label="30分ごとの必要人数">
          <div style={{ height: 180 }}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={staffing.intervals} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
                <CartesianGrid stroke="#d5dae1" vertical={false} />
                <XAxis dataKey="startsAt" tick={{ fill: '#111418', fontSize: 12 }} interval={1} />
                <YAxis allowDecimals={false} tick={{ fill: '#111418', fontSize: 12 }} width={36} />
                <Tooltip formatter={(value) => [`${formatNumber(Number(value))}人`, '必要人数']} />
                <Bar dataKey="agents" name="必要人数" fill="#0a3d7a" isAnimationActive={false} />
                {onDuty !== null && <ReferenceLine y={onDuty} stroke="#9b0d1b" strokeWidth={2} strokeDasharray="6 4" label={{ value: `在席 ${onDuty}人`, fill: '#9b0d1b', position: 'insideTopRight' }} />}
              </BarChart>
            </ResponsiveContainer>
          </div>
        </figure>
      )}
      {staffing && (
        <p className="muted small">
          試算の電話 {formatNumber(staffing.expectedPhoneCalls ?? staffing.intervals.reduce((s, i) => s + i.calls, 0))}件、平均処理時間{' '}
          {staffing.aht ? `${Math.round(staffing.aht.ahtSeconds / 6) / 10}分（${staffing.aht.source === 'logged' ? `記録 ${formatNumber(staffing.aht.samples)}件の平均` : '既定値'}）` : '6分（既定値）'}、
          20秒以内に80%応答（アーラン C）。休憩・研修などの分は含みません。
        </p>
      )}
    </div>
  );
}
