import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { LIVE_EVENTS } from '@wavedesk/contracts';
import { ApiError, type ForecastView, type Municipality } from '../../api';
import type { Batch, MailingWave, PlanRequest, PlanView, WaveStatusEvent } from '../../api/mailing-types';
import { useApi } from '../../auth';
import { ErrorAlert, Notice } from '../../components';
import { useLiveEvent } from '../../live';
import { BatchPicker } from './batch-picker';
import { addDays, dayLabel, isUnsupported, timelineRows } from './mailing-format';
import { PlanBanner } from './plan-banner';
import { PlanForm } from './plan-form';
import { useMailingApi } from './use-mailing-api';
import { WaveDialog, type WaveDialogAction } from './wave-dialog';
import { WaveTable } from './wave-table';
import { WavesTimelineChart } from './waves-timeline-chart';

const STATUS_LABELS: Record<string, string> = {
  planned: '計画中', approved: '承認済', released: '発送指示済', writing: '書き出し中', done: '完了', held: '保留中', cancelled: '中止',
};

/**
 * 分散発送: plan a batch's waves against capacity, see them on a time line with the forecast load, edit
 * (move, merge, split) and then approve, release, hold and resume each wave. Progress arrives live.
 */
export function WavesSection({ batchId, onChooseBatch, isAdmin }: { batchId: number | null; onChooseBatch: (id: number | null) => void; isAdmin: boolean }) {
  const api = useMailingApi();
  const shared = useApi();
  const [batch, setBatch] = useState<Batch | null>(null);
  const [plan, setPlan] = useState<PlanView | null>(null);
  const [waves, setWaves] = useState<MailingWave[] | null>(null);
  const [forecast, setForecast] = useState<ForecastView | null>(null);
  const [municipalities, setMunicipalities] = useState<Map<string, string>>(new Map());
  const [planError, setPlanError] = useState<ApiError | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [planning, setPlanning] = useState(false);
  const [dialog, setDialog] = useState<{ action: WaveDialogAction; wave: MailingWave; chosen?: MailingWave[] } | null>(null);
  const [chosen, setChosen] = useState<Set<number>>(new Set());

  useEffect(() => {
    shared.municipalities
      .list()
      .then((rows: Municipality[]) => setMunicipalities(new Map(rows.map((m) => [m.code, m.name]))))
      .catch(() => undefined);
  }, [shared]);
  const municipalityName = useCallback((code: string) => municipalities.get(code) ?? code, [municipalities]);

  const loadForecast = useCallback(
    async (b: Batch, p: PlanView | null) => {
      const dates = p?.evaluation.timeline.dates ?? [];
      const from = [b.mailFrom, ...(p?.waves.map((w) => w.mailDate) ?? [])].sort()[0];
      const to = dates.length > 0 ? dates[dates.length - 1] : addDays(b.mailTo, 30);
      try {
        setForecast(await api.forecast.get({ from, to, granularity: 'day' }));
      } catch {
        setForecast(null); // the plan's own timeline is shown instead
      }
    },
    [api],
  );

  const load = useCallback(async () => {
    if (!batch) return;
    setError(null);
    try {
      setWaves(await api.waves.list(batch.id));
    } catch (e) {
      setError(ApiError.from(e));
    }
    try {
      const current = await api.waves.currentPlan(batch.id);
      setPlan(current);
      setPlanError(null);
      await loadForecast(batch, current);
    } catch (e) {
      setPlan(null);
      setPlanError(ApiError.from(e));
    }
  }, [api, batch, loadForecast]);

  useEffect(() => {
    setPlan(null);
    setWaves(null);
    setForecast(null);
    setChosen(new Set());
    void load();
  }, [load]);

  // wave:status: the wave's status and progress at once, then the list and the plan once things settle.
  const reload = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(reload.current), []);
  useLiveEvent<WaveStatusEvent>(LIVE_EVENTS.waveStatus, (event) => {
    if (!batch || event.batchId !== batch.id) return;
    setWaves((rows) =>
      rows?.map((w) => (w.id === event.id ? { ...w, status: event.status, statusLabel: STATUS_LABELS[event.status] ?? event.status, mailDate: event.mailDate, progress: event.progress, heldReason: event.status === 'held' ? event.reason : w.heldReason } : w)) ?? null,
    );
    window.clearTimeout(reload.current);
    reload.current = window.setTimeout(() => void load(), 800);
  });

  const makePlan = async (request: PlanRequest) => {
    if (!batch) return;
    setPlanning(true);
    setPlanError(null);
    setNotice(null);
    try {
      const made = await api.waves.plan(batch.id, request);
      setPlan(made);
      setWaves(made.waves);
      setNotice(`${made.waves.length}回の波に分けた計画を作りました。`);
      await loadForecast(batch, made);
    } catch (e) {
      setPlanError(ApiError.from(e));
    } finally {
      setPlanning(false);
    }
  };

  const rows = useMemo(() => {
    const series = forecast ? { dates: forecast.dates, union: forecast.union.daily } : plan ? plan.evaluation.timeline : null;
    const capacity = plan?.evaluation.union.capacity ?? null;
    return timelineRows(waves ?? plan?.waves ?? [], series, typeof capacity === 'number' ? capacity : null);
  }, [forecast, plan, waves]);

  const chosenWaves = (waves ?? []).filter((w) => chosen.has(w.id));
  const notMatched = planError?.code === 'batch_not_matched';

  return (
    <>
      <BatchPicker batchId={batchId} onChoose={onChooseBatch} onBatch={setBatch} />
      {batchId === null && <p className="empty">計画する発送回を選んでください。</p>}
      {batch && (
        <>
          <p className="muted">
            発送期間 {dayLabel(batch.mailFrom)} 〜 {dayLabel(batch.mailTo)}、{batch.municipalityCodes.length}市町村
          </p>
          {notice && <Notice>{notice}</Notice>}
          <ErrorAlert error={error} />
          {isAdmin && <PlanForm busy={planning} error={notMatched ? null : planError} hasWaves={(waves?.length ?? 0) > 0} onPlan={(r) => void makePlan(r)} />}
          {isUnsupported(planError) ? (
            <ErrorAlert>分散発送の計画はこのサーバーでは未対応です。</ErrorAlert>
          ) : notMatched ? (
            <p className="empty">{planError?.message}</p>
          ) : (
            planError && !isAdmin && <ErrorAlert error={planError} />
          )}
          {plan && plan.waves.length > 0 && <PlanBanner plan={plan} />}
          <WavesTimelineChart rows={rows} />
          {waves && waves.length > 0 && (
            <>
              <div className="toolbar">
                <h2>波の一覧</h2>
                {isAdmin && (
                  <button
                    type="button"
                    className="button"
                    disabled={chosenWaves.length < 2}
                    onClick={() => setDialog({ action: 'merge', wave: chosenWaves[0], chosen: chosenWaves })}
                  >
                    選んだ波を統合（{chosenWaves.length}）
                  </button>
                )}
              </div>
              <WaveTable
                waves={waves}
                isAdmin={isAdmin}
                chosen={chosen}
                municipalityName={municipalityName}
                onChoose={(id, on) =>
                  setChosen((s) => {
                    const next = new Set(s);
                    if (on) next.add(id);
                    else next.delete(id);
                    return next;
                  })
                }
                onAction={(action, wave) => setDialog({ action, wave })}
                onError={setError}
              />
            </>
          )}
          {waves?.length === 0 && !notMatched && <p className="empty">この発送回の波はまだありません。{isAdmin ? '上の「計画を作成」で作ります。' : ''}</p>}
        </>
      )}
      {dialog && (
        <WaveDialog
          api={api}
          action={dialog.action}
          wave={dialog.wave}
          chosen={dialog.chosen}
          municipalityName={municipalityName}
          onClose={() => setDialog(null)}
          onDone={(message) => {
            setDialog(null);
            setNotice(message);
            setChosen(new Set());
            void load();
          }}
        />
      )}
    </>
  );
}
