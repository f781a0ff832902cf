import { useCallback, useEffect, useState } from 'react';
import { LIVE_EVENTS } from '@wavedesk/contracts';
import { ApiError } from '../../api';
import type { Batch, BatchMatchView, MatchProgressEvent } from '../../api/mailing-types';
import { ErrorAlert, Notice } from '../../components';
import { saveFile } from '../../download';
import { formatDateTime, formatNumber } from '../../format';
import { useLiveEvent } from '../../live';
import { BatchPicker } from './batch-picker';
import { dayLabel, isRunning, isUnsupported } from './mailing-format';
import { MatchChart } from './match-chart';
import { MatchTable } from './match-table';
import { ProgressBar } from './progress-bar';
import { ReviewList } from './review-list';
import { useMailingApi } from './use-mailing-api';

const STEP_LABELS: Record<string, string> = { load: '名簿の読込', match: '照合', write: '結果の保存', done: '完了' };
const STATUS_LABELS: Record<string, string> = { none: '未実行', queued: '待機中', running: '突合中', done: '完了', failed: '失敗' };

/** 突合: run the matching of a batch (progress live), its counts per municipality, a chart, CSV, and the review list. */
export function MatchingSection({ batchId, onChooseBatch, isAdmin }: { batchId: number | null; onChooseBatch: (id: number | null) => void; isAdmin: boolean }) {
  const api = useMailingApi();
  const [batch, setBatch] = useState<Batch | null>(null);
  const [view, setView] = useState<BatchMatchView | null>(null);
  const [step, setStep] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [reviewsVersion, setReviewsVersion] = useState(0);

  const load = useCallback(async () => {
    if (batchId === null) return;
    try {
      setView(await api.matching.view(batchId));
    } catch (e) {
      setError(ApiError.from(e));
    }
  }, [api, batchId]);

  useEffect(() => {
    setView(null);
    setError(null);
    void load();
  }, [load]);

  useLiveEvent<MatchProgressEvent>(LIVE_EVENTS.matchProgress, (event) => {
    if (event.batchId !== batchId) return;
    setStep(event.step);
    setView((v) => (v ? { ...v, status: event.status, progress: event.progress, runId: event.runId } : v));
    if (!isRunning(event.status)) {
      void load();
      setReviewsVersion((n) => n + 1);
    }
  });

  const run = async () => {
    if (batchId === null) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await api.matching.run(batchId);
      setStep(null);
      setView((v) => (v ? { ...v, status: 'queued', progress: 0, runId: answer.runId } : v));
    } catch (e) {
      setError(ApiError.from(e));
    } finally {
      setBusy(false);
    }
  };

  const download = async () => {
    if (batchId === null) return;
    try {
      saveFile(await api.matching.csv(batchId), `突合結果_${batch?.name ?? `発送回${batchId}`}.csv`);
    } catch (e) {
      setError(ApiError.from(e));
    }
  };

  const running = isRunning(view?.status);
  return (
    <>
      <BatchPicker batchId={batchId} onChoose={onChooseBatch} onBatch={setBatch} />
      {isUnsupported(error) ? <ErrorAlert>突合はこのサーバーでは未対応です。</ErrorAlert> : <ErrorAlert error={error} />}
      {batchId === null && <p className="empty">突合する発送回を選んでください。</p>}
      {batch && view && (
        <>
          <div className="panel">
            <h2>突合の実行</h2>
            <p>
              突合基準日 {dayLabel(view.matchDate)} のカード取得者（基準日がこの日以前の名簿）を除き、送付対象者を決めます。
              {view.holders !== null && ` 前回の突合ではカード取得者 ${formatNumber(view.holders)}人の名簿と照合しました。`}
            </p>
            <p>
              状態: <strong data-testid="match-status">{STATUS_LABELS[view.status] ?? view.status}</strong>
              {view.finishedAt && !running && `（${formatDateTime(view.finishedAt)} 完了）`}
              {view.requestedBy && `、実行者 ${view.requestedBy}`}
            </p>
            {running && <ProgressBar label="突合の進み具合" value={view.progress} detail={step ? STEP_LABELS[step] ?? step : undefined} testId="match-progress" />}
            {view.status === 'failed' && view.message && <ErrorAlert>{view.message}</ErrorAlert>}
            <div className="button-row">
              {isAdmin && (
                <button type="button" className="button button--primary" onClick={() => void run()} disabled={busy || running}>
                  {view.totals ? '突合をやり直す' : '突合を実行'}
                </button>
              )}
              {view.totals && (
                <button type="button" className="button" onClick={() => void download()}>
                  CSVをダウンロード
                </button>
              )}
            </div>
          </div>
          {view.totals ? (
            <>
              <Notice>
                送付対象者 {formatNumber(view.totals.targets)}人（被保険者 {formatNumber(view.totals.insured)}人のうち、カード取得者 {formatNumber(view.totals.cardHolders + view.totals.reviewExcluded)}人を除外、確認待ち {formatNumber(view.totals.review)}人）
              </Notice>
              <MatchChart municipalities={view.municipalities} />
              <MatchTable view={view} />
            </>
          ) : (
            !running && <p className="empty">この発送回はまだ突合されていません。</p>
          )}
          {isAdmin && view.totals && <ReviewList batchId={batch.id} version={reviewsVersion} onDecided={() => void load()} />}
        </>
      )}
    </>
  );
}
