import { LIVE_EVENTS, type RosterRange } from '@wavedesk/contracts';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ApiError, type DayStaffing } from '../../api';
import { useRosterApi } from '../../api/roster-api';
import { ErrorAlert } from '../../components';
import { formatDate, formatNumber } from '../../format';
import { useLiveEvent } from '../../live';
import { intervalAt, jstClock, parseOperators, withoutOverride } from './staffing';

/** Days of the roster the panel reads: today and the next four weeks (its list of upcoming overrides). */
const ROSTER_DAYS = 28;

const addDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function RosterError({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return (
    <ErrorAlert error={error}>
      {error.message}
      {error.errors && error.errors.length > 0 && (
        <ul>
          {error.errors.map((e) => (
            <li key={e.field + e.code}>{e.message}</li>
          ))}
        </ul>
      )}
    </ErrorAlert>
  );
}

/**
 * Operators needed (Erlang C on the forecast phone calls, 80 % answered within 20 s) against operators on
 * duty from the server's roster (`/api/roster`), which the load guard's capacity rule counts on too.
 * Supervisors change today's number, the business-day default and single dates here; every dashboard
 * follows `roster:update`.
 */
export function StaffingPanel({ staffing, error, now, today, canEdit }: { staffing: DayStaffing | null; error: ApiError | null; now: Date; today: string; canEdit: boolean }) {
  const rosterApi = useRosterApi();
  const [roster, setRoster] = useState<RosterRange | null>(null);
  const [rosterError, setRosterError] = useState<ApiError | null>(null);
  const [generation, setGeneration] = useState(0);
  const [saved, setSaved] = useState('');
  const [todayText, setTodayText] = useState('');
  const [defaultText, setDefaultText] = useState('');
  const [day, setDay] = useState({ date: '', operators: '', note: '' });

  useEffect(() => {
    let current = true;
    rosterApi
      .range(today, addDays(today, ROSTER_DAYS - 1))
      .then((r) => {
        if (!current) return;
        setRoster(r);
        setTodayText(String(r.days[0]?.operators ?? ''));
        setDefaultText(String(r.defaultOperators));
      })
      .catch((e: unknown) => current && setRosterError(ApiError.from(e)));
    return () => {
      current = false;
    };
  }, [rosterApi, today, generation]);
  useLiveEvent(LIVE_EVENTS.rosterUpdate, () => setGeneration((g) => g + 1));

  const run = useCallback(
    async (what: string, change: () => Promise<unknown>) => {
      setSaved('');
      try {
        await change();
        setRosterError(null);
        setSaved(what);
        setGeneration((g) => g + 1);
      } catch (e) {
        setRosterError(ApiError.from(e));
      }
    },
    [],
  );
  const invalid = (message: string) => setRosterError(new ApiError({ statusCode: 400, code: 'invalid_roster', message }));

  const saveToday = (e: FormEvent) => {
    e.preventDefault();
    const n = parseOperators(todayText);
    if (n === null) return invalid('在席人数は0〜500の整数で入力してください。');
    void run('本日の在席人数を保存しました。', () => rosterApi.saveDay(today, n));
  };
  const saveDefault = (e: FormEvent) => {
    e.preventDefault();
    const n = parseOperators(defaultText);
    if (n === null) return invalid('既定の在席人数は0〜500の整数で入力してください。');
    void run('平日の既定人数を保存しました。', () => rosterApi.save({ defaultOperators: n }));
  };
  const saveDay = (e: FormEvent) => {
    e.preventDefault();
    const n = parseOperators(day.operators);
    if (n === null) return invalid('在席人数は0〜500の整数で入力してください。');
    void run(`${day.date} の在席人数を保存しました。`, async () => {
      await rosterApi.saveDay(day.date, n, day.note.trim() || undefined);
      setDay({ date: '', operators: '', note: '' });
    });
  };
  const clearDay = (date: string) => roster && void run(`${date} を既定に戻しました。`, () => rosterApi.save({ overrides: withoutOverride(roster.overrides, date) }));

  const todayRoster = roster?.days[0] ?? null;
  const onDuty = todayRoster ? todayRoster.operators : null;
  const current = staffing ? intervalAt(staffing.intervals, jstClock(now)) : null;
  const neededNow = current?.agents ?? 0;
  const short = onDuty !== null && current ? neededNow - onDuty : 0;

  return (
    <div className="staffing">
      <ErrorAlert error={error} />
      <RosterError error={rosterError} />
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
          {canEdit && todayRoster && todayRoster.source !== 'closed' ? (
            <form onSubmit={saveToday} className="staffing__form">
              <label className="figure__label" htmlFor="operators-on-duty">
                本日の在席人数
              </label>
              <input id="operators-on-duty" className="input--number" type="text" inputMode="numeric" value={todayText} onChange={(e) => setTodayText(e.target.value)} />
              <button type="submit" className="button">保存</button>
            </form>
          ) : (
            <>
              <p className="figure__label">本日の在席人数</p>
              <p className="figure__value figure__value--mid" data-testid="operators-on-duty">
                {onDuty === null ? '—' : formatNumber(onDuty)}
                <span className="figure__unit">人</span>
              </p>
            </>
          )}
          <p className="figure__sub" aria-live="polite">
            {onDuty === null || !current ? (todayRoster?.source === 'override' ? `本日の設定${todayRoster.note ? `（${todayRoster.note}）` : ''}` : '') : short > 0 ? <strong className="text-danger">{short}人不足</strong> : <span className="text-ok">足りています</span>}
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
      {roster && (
        <div className="staffing__roster">
          <h3 className="small">在席予定（負荷監視の対応能力にも使います）</h3>
          {canEdit ? (
            <form onSubmit={saveDefault} className="staffing__form">
              <label htmlFor="roster-default">平日の既定人数</label>
              <input id="roster-default" className="input--number" type="text" inputMode="numeric" value={defaultText} onChange={(e) => setDefaultText(e.target.value)} />
              <button type="submit" className="button">保存</button>
            </form>
          ) : (
            <p>平日の既定 {formatNumber(roster.defaultOperators)}人</p>
          )}
          {roster.overrides.length === 0 ? (
            <p className="muted small">日別の設定はありません（土日祝日・年末年始は休業で0人）。</p>
          ) : (
            <ul className="staffing__overrides" aria-label="日別の在席人数">
              {roster.overrides.map((o) => (
                <li key={o.date}>
                  {formatDate(o.date)} {formatNumber(o.operators)}人{o.note ? `（${o.note}）` : ''}
                  {canEdit && (
                    <button type="button" className="button button--quiet" onClick={() => clearDay(o.date)} aria-label={`${formatDate(o.date)} の設定を既定に戻す`}>
                      既定に戻す
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {canEdit && (
            <form onSubmit={saveDay} className="staffing__form">
              <label htmlFor="roster-date">日付</label>
              <input id="roster-date" type="date" min={today} value={day.date} onChange={(e) => setDay({ ...day, date: e.target.value })} required />
              <label htmlFor="roster-operators">人数</label>
              <input id="roster-operators" className="input--number" type="text" inputMode="numeric" value={day.operators} onChange={(e) => setDay({ ...day, operators: e.target.value })} required />
              <label htmlFor="roster-note">メモ</label>
              <input id="roster-note" type="text" maxLength={200} value={day.note} onChange={(e) => setDay({ ...day, note: e.target.value })} />
              <button type="submit" className="button">日別に設定</button>
            </form>
          )}
          <p className="muted small" role="status">{saved}</p>
        </div>
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
