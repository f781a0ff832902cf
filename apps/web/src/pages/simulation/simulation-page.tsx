import { useEffect, useMemo, useState } from 'react';
import { LIVE_EVENTS, SIMULATION_SCENARIO_LABELS, type SimulationView, type StartSimulationRequest } from '@wavedesk/contracts';
import { ApiError } from '../../api';
import { SimulationApi } from '../../api/simulation-api';
import { useApi } from '../../auth';
import { ErrorAlert, Notice, PageHeader } from '../../components';
import { formatDateTime, formatNumber } from '../../format';
import { useLiveEvent } from '../../live';
import { isActive, runState, upsertRun } from './simulation-format';
import { SimulationForm } from './simulation-form';
import { SimulationRun } from './simulation-run';
import './simulation.css';

/**
 * シミュレーション (admins, simulation mode only): start a scenario, watch the set-up and the simulated
 * campaign live (`simulation:progress`), stop it. The dashboard shows the same campaign to supervisors.
 */
export function SimulationPage() {
  const api = useApi();
  const simulations = useMemo(() => new SimulationApi(api.http), [api]);
  const [runs, setRuns] = useState<SimulationView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [disabled, setDisabled] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    simulations
      .list()
      .then((rows) => current && setRuns(rows))
      .catch((e: unknown) => {
        if (!current) return;
        const err = ApiError.from(e);
        if (err.code === 'simulation_disabled') setDisabled(true);
        setError(err);
        setRuns([]);
      });
    return () => {
      current = false;
    };
  }, [simulations]);

  useLiveEvent<SimulationView>(LIVE_EVENTS.simulationProgress, (view) => setRuns((list) => upsertRun(list ?? [], view)));

  const shown = runs?.find(isActive) ?? runs?.[0] ?? null;
  const running = runs?.some(isActive) ?? false;

  const start = (request: StartSimulationRequest) => {
    setBusy(true);
    setError(null);
    setFieldErrors({});
    simulations
      .start(request)
      .then((view) => setRuns((list) => upsertRun(list ?? [], view)))
      .catch((e: unknown) => {
        const err = ApiError.from(e);
        setFieldErrors(err.fieldMessages());
        setError(err);
      })
      .finally(() => setBusy(false));
  };

  const stop = () => {
    if (!shown) return;
    setBusy(true);
    simulations
      .stop(shown.id)
      .then((view) => setRuns((list) => upsertRun(list ?? [], view)))
      .catch((e: unknown) => setError(ApiError.from(e)))
      .finally(() => setBusy(false));
  };

  return (
    <>
      <PageHeader title="シミュレーション">
        合成した北海道のデータで送付事業を模擬時計の上で動かします。波は発送日に発送指示され、模擬オペレーターが試算どおりの件数（シナリオの倍率つき）の問い合わせを窓口 API で記録します。ダッシュボードで負荷と負荷監視の動きを確認できます。
      </PageHeader>
      <ErrorAlert error={error} />
      {disabled ? (
        <Notice>この API は模擬運用モードで起動していません。シミュレーションは `npm run demo`（または WAVEDESK_SIMULATION=true）で起動したときだけ使えます。</Notice>
      ) : (
        <>
          <SimulationForm disabled={busy || running || runs === null} errors={fieldErrors} onStart={start} />
          {running && <Notice>実行中のシミュレーションがあります。終わるか停止するまで、次は開始できません。</Notice>}
          {shown && <SimulationRun run={shown} stopping={busy && isActive(shown)} onStop={stop} />}
          {runs && runs.length > 1 && (
            <table className="table">
              <caption>これまでのシミュレーション</caption>
              <thead>
                <tr>
                  <th scope="col">ID</th>
                  <th scope="col">シナリオ</th>
                  <th scope="col" className="num">規模</th>
                  <th scope="col" className="num">速さ</th>
                  <th scope="col">状態</th>
                  <th scope="col" className="num">問い合わせ</th>
                  <th scope="col" className="num">保留</th>
                  <th scope="col">開始</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id}>
                    <td>{r.id}</td>
                    <td>{SIMULATION_SCENARIO_LABELS[r.scenario]}</td>
                    <td className="num">{r.scale}</td>
                    <td className="num">{r.speed}</td>
                    <td>{runState(r)}</td>
                    <td className="num">{formatNumber(r.inquiriesLogged)}</td>
                    <td className="num">{r.holdsSeen}</td>
                    <td>{formatDateTime(r.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </>
  );
}
