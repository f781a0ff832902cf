import { SIMULATION_SCENARIO_LABELS, type SimulationView } from '@wavedesk/contracts';
import { formatNumber } from '../../format';
import { WAVE_STATUS_LABELS } from '../dashboard/waves';
import { ProgressBar } from '../mailing/progress-bar';
import { formatSimulatedNow, isActive, runState } from './simulation-format';

/** One run: where it is, what it did, its waves; the stop button while it runs. */
export function SimulationRun({ run, stopping, onStop }: { run: SimulationView; stopping: boolean; onStop: () => void }) {
  const active = isActive(run);
  return (
    <section className="simulation-run" aria-labelledby="sim-run-title" aria-live="polite">
      <h2 id="sim-run-title">
        シミュレーション {run.id}：{SIMULATION_SCENARIO_LABELS[run.scenario]}（{runState(run)}）
      </h2>
      <ProgressBar value={run.progress} label={run.status === 'setting_up' ? '準備の進み具合' : 'キャンペーンの進み具合'} detail={run.message ?? undefined} testId="simulation-progress" />
      <dl className="simulation-figures">
        <dt>模擬時刻</dt>
        <dd data-testid="simulated-now">{formatSimulatedNow(run.simulatedNow)}</dd>
        <dt>期間</dt>
        <dd>{run.startDate ? `${run.startDate} 〜 ${run.endDate ?? '…'}` : '—'}</dd>
        <dt>送付対象</dt>
        <dd>{run.targets === null ? '—' : `${formatNumber(run.targets)}人`}</dd>
        <dt>記録した問い合わせ</dt>
        <dd data-testid="inquiries-logged">{formatNumber(run.inquiriesLogged)}件{run.inquiriesFailed > 0 ? `（失敗 ${formatNumber(run.inquiriesFailed)}件）` : ''}</dd>
        <dt>発送した波</dt>
        <dd>
          {run.wavesReleased} / {run.waves.length}
        </dd>
        <dt>保留</dt>
        <dd data-testid="holds-seen">{run.holdsSeen}回</dd>
        <dt>オペレーター</dt>
        <dd>{run.operatorsOnDuty === null ? '—' : `${run.operatorsOnDuty}人`}</dd>
      </dl>
      {active && (
        <button type="button" className="button button--danger" onClick={onStop} disabled={stopping}>
          {stopping ? '停止しています…' : '停止'}
        </button>
      )}
      {run.waves.length > 0 && (
        <table className="table">
          <caption>この送付事業の波</caption>
          <thead>
            <tr>
              <th scope="col">発送回</th>
              <th scope="col">波</th>
              <th scope="col">発送日</th>
              <th scope="col" className="num">通数</th>
              <th scope="col">札幌市</th>
              <th scope="col">状態</th>
            </tr>
          </thead>
          <tbody>
            {run.waves.map((w) => (
              <tr key={w.id} className={w.status === 'held' ? 'row--held' : undefined}>
                <td>{w.batchName}</td>
                <td>{w.name}</td>
                <td>{w.mailDate}</td>
                <td className="num">{formatNumber(w.forms)}</td>
                <td>{w.includesSapporo ? '含む' : ''}</td>
                <td>{WAVE_STATUS_LABELS[w.status] ?? w.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
