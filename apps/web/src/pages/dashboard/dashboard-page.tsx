import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { LIVE_EVENTS } from '@wavedesk/contracts';
import { ApiError, type DayStaffing, type Municipality } from '../../api';
import { useApi, useCurrentUser } from '../../auth';
import { ErrorAlert, PageHeader } from '../../components';
import { HourlyLoadChart } from '../../components/hourly-load-chart';
import { hourlyRows } from '../../components/hourly-rows';
import { elapsedForecastShare, jstDayAndHour } from '../../components/live-load';
import { useLiveLoad, useNow } from '../../components/use-live-load';
import { formatDateTime } from '../../format';
import { useLiveEvent } from '../../live';
import { AlertFeed } from './alert-feed';
import { GuardPanel } from './guard-panel';
import { guardAlertItem, pushAlert, waveStatusItem, type AlertItem } from './alerts';
import { cumulativeRows } from './campaign-curve';
import { CampaignCurveChart } from './campaign-curve-chart';
import { municipalityLoadRows } from './municipality-load-rows';
import { MunicipalityLoadTable } from './municipality-load-table';
import { StaffingPanel } from './staffing-panel';
import { SubprefectureTileMap } from './subprefecture-tile-map';
import { subprefectureLoads } from './subprefecture-tiles';
import { TotalFigures } from './total-figures';
import { useCampaign } from './use-campaign';
import { useWaveViews } from './use-wave-views';
import { groupWaves, mergeWaveViews } from './waves';
import { WavesTimeline } from './waves-timeline';
import './dashboard.css';

// The heavy parts re-render only when their own figures change: an inquiry first updates the big total
// (an urgent render), then the charts, tiles and the 179-row table in a deferred one.
const Hourly = memo(HourlyLoadChart);
const Tiles = memo(SubprefectureTileMap);
const Curve = memo(CampaignCurveChart);
const Staffing = memo(StaffingPanel);
const Waves = memo(WavesTimeline);
const Alerts = memo(AlertFeed);
const Table = memo(MunicipalityLoadTable);

/**
 * ダッシュボード: today's inquiries for all of Hokkaido against the forecast, per hour, per subprefecture and
 * per municipality; the campaign so far; operators needed; waves and alerts. Everything moves with the live
 * channel (`inquiry:logged`, `load:update`, `forecast:update`, `wave:status`, `guard:alert`); nothing polls.
 */
export function DashboardPage() {
  const api = useApi();
  const user = useCurrentUser();
  const now = useNow(30_000);
  const { date: today, hour: clockHour } = jstDayAndHour(now);
  const fractionOfHour = (now.getUTCMinutes() + now.getUTCSeconds() / 60) / 60;
  const { report, error: loadError } = useLiveLoad();
  const campaign = useCampaign(today);
  const [municipalities, setMunicipalities] = useState<Municipality[]>([]);
  const [staffing, setStaffing] = useState<DayStaffing | null>(null);
  const [staffingError, setStaffingError] = useState<ApiError | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [subprefecture, setSubprefecture] = useState('');
  const [alerts, setAlerts] = useState<AlertItem[]>([]);
  const [staffingGeneration, setStaffingGeneration] = useState(0);
  const seq = useRef(0);

  useEffect(() => {
    let current = true;
    api.municipalities
      .list()
      .then((m) => current && setMunicipalities(m))
      .catch((e: unknown) => current && setError(ApiError.from(e)));
    return () => {
      current = false;
    };
  }, [api]);

  useEffect(() => {
    let current = true;
    api
      .staffing(today)
      .then((s) => {
        if (!current) return;
        setStaffing(s);
        setStaffingError(null);
      })
      .catch((e: unknown) => current && setStaffingError(ApiError.from(e)));
    return () => {
      current = false;
    };
  }, [api, today, staffingGeneration]);

  useLiveEvent(LIVE_EVENTS.forecastUpdate, () => setStaffingGeneration((g) => g + 1));
  useLiveEvent<unknown>(LIVE_EVENTS.guardAlert, (payload) => {
    const item = guardAlertItem(payload, new Date());
    if (item) setAlerts((list) => pushAlert(list, item));
  });
  useLiveEvent<unknown>(LIVE_EVENTS.waveStatus, (payload) => {
    const item = waveStatusItem(payload, new Date(), ++seq.current);
    if (item) setAlerts((list) => pushAlert(list, item));
  });

  const deferred = useDeferredValue(report);
  const share = deferred ? elapsedForecastShare(deferred.total, deferred.hour, fractionOfHour) : 0;
  const span = useMemo(() => {
    const shown = deferred ? hourlyRows(deferred.total.hours, deferred.hour) : [];
    return { first: shown[0]?.hour ?? 8, last: shown[shown.length - 1]?.hour ?? 18 };
  }, [deferred]);
  const rows = useMemo(() => (deferred ? municipalityLoadRows(municipalities, deferred.municipalities, share, span) : []), [municipalities, deferred, share, span]);
  const tiles = useMemo(() => (deferred ? subprefectureLoads(municipalities, deferred.municipalities, share) : []), [municipalities, deferred, share]);
  const clearSubprefecture = useCallback(() => setSubprefecture(''), []);
  const canAct = user.role === 'admin' || user.role === 'supervisor';
  const waveViews = useWaveViews();
  const waves = useMemo(() => mergeWaveViews(groupWaves(campaign.forecast?.waves ?? []), waveViews), [campaign.forecast, waveViews]);
  const curve = useMemo(
    () => (campaign.forecast && campaign.range && deferred ? cumulativeRows(campaign.forecast.dates, campaign.forecast.union.daily, campaign.pastCounts, deferred.total.day.actual, today) : []),
    [campaign, deferred, today],
  );

  return (
    <>
      <PageHeader title="ダッシュボード">
        本日の問い合わせを試算と比べて表示します。記録されると1秒以内に反映されます。
        {report && <span className="dashboard__updated">（{formatDateTime(report.generatedAt)} 集計、以降はリアルタイム）</span>}
      </PageHeader>
      <ErrorAlert error={error ?? loadError} />
      {!report && !loadError && <p role="status">読み込み中…</p>}
      {report && (
        <div className="dashboard">
          <TotalFigures report={report} fractionOfHour={report.hour === clockHour ? fractionOfHour : 1} />

          <section className="card card--wide" aria-labelledby="hourly-heading">
            <h2 id="hourly-heading">時間帯別（全道）</h2>
            <Hourly hours={(deferred ?? report).total.hours} currentHour={(deferred ?? report).hour} label="時間帯別の実績と試算（全道）" />
          </section>

          <section className="card" aria-labelledby="tiles-heading">
            <h2 id="tiles-heading">振興局別</h2>
            <Tiles tiles={tiles} selected={subprefecture} onSelect={setSubprefecture} />
            <p className="muted small">数字は 実績／現時点までの試算。選ぶと下の市町村一覧を絞り込みます。</p>
          </section>

          <section className="card card--wide" aria-labelledby="campaign-heading">
            <h2 id="campaign-heading">送付事業の累計</h2>
            <ErrorAlert error={campaign.error} />
            {curve.length > 0 ? (
              <Curve rows={curve} today={today} />
            ) : (
              campaign.forecast && <p className="empty">発送の波がまだないため、累計の試算はありません。</p>
            )}
          </section>

          <section className="card" aria-labelledby="staffing-heading">
            <h2 id="staffing-heading">オペレーター</h2>
            <Staffing staffing={staffing} error={staffingError} now={now} />
          </section>

          <section className="card card--wide" aria-labelledby="waves-heading">
            <h2 id="waves-heading">発送の波</h2>
            <Waves waves={waves} range={campaign.range} api={api} canAct={canAct} today={today} />
          </section>

          <section className="card card--wide" aria-labelledby="guard-heading">
            <h2 id="guard-heading">負荷監視</h2>
            <GuardPanel canAct={canAct} />
          </section>

          <section className="card" aria-labelledby="alerts-heading">
            <h2 id="alerts-heading">警告・通知</h2>
            <Alerts items={alerts} />
          </section>

          <section className="card card--full" aria-labelledby="municipalities-heading">
            <h2 id="municipalities-heading">市町村別</h2>
            <Table rows={rows} hours={span} subprefecture={subprefecture} onClearSubprefecture={clearSubprefecture} />
          </section>
        </div>
      )}
    </>
  );
}
