import { useState } from 'react';
import { ApiError, type ResumePreview, type WavedeskApi } from '../../api';
import { formatExpected } from '../../components/hourly-rows';
import { formatDate, formatNumber } from '../../format';
import type { CampaignRange } from './campaign-curve';
import { HOLDABLE, WAVE_STATUS_LABELS, datePosition, heldByGuard, type WaveLine } from './waves';

interface WavesTimelineProps {
  waves: readonly WaveLine[];
  range: CampaignRange | null;
  api: WavedeskApi;
  /** whether the user may hold and resume (supervisors and admins) */
  canAct: boolean;
  today: string;
}

const day = (isoDate: string) => formatDate(`${isoDate}T12:00:00+09:00`);

/** The track's span: the campaign, or the waves' own dates when the forecast has none. */
function trackRange(waves: readonly WaveLine[], range: CampaignRange | null, today: string): CampaignRange {
  if (range) return range;
  const dates = waves.flatMap((w) => [w.mailDate, w.peakDate ?? w.mailDate]).concat(today).sort();
  return { from: dates[0], to: dates[dates.length - 1] };
}

/** The plan's waves on one time line, with their status and hold/resume. Empty until waves exist. */
export function WavesTimeline({ waves, range, api, canAct, today }: WavesTimelineProps) {
  if (waves.length === 0) return <p className="empty">波はまだありません。</p>;
  const span = trackRange(waves, range, today);
  const todayAt = datePosition(today, span.from, span.to);
  return (
    <ol className="waves">
      {waves.map((w) => (
        <WaveRow key={w.id} wave={w} range={span} api={api} canAct={canAct} todayAt={todayAt} />
      ))}
    </ol>
  );
}

function previewText(preview: ResumePreview): string {
  const to = preview.schedule?.wave?.to;
  const later = preview.schedule?.later?.filter((l) => l.to !== l.from).length ?? 0;
  const shift = preview.schedule?.shiftBusinessDays ?? 0;
  const parts = [to ? `再開すると発送日は ${day(to)} になります。` : '再開できます。'];
  if (later > 0 && shift > 0) parts.push(`後続の波 ${formatNumber(later)}件も ${formatNumber(shift)}営業日ずれます。`);
  parts.push('再開の前に対象者を突合し直します。よろしければ「再開を確定」を押してください。');
  return parts.join('');
}

function WaveRow({ wave, range, api, canAct, todayAt }: { wave: WaveLine; range: CampaignRange; api: WavedeskApi; canAct: boolean; todayAt: number }) {
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [preview, setPreview] = useState<ResumePreview | null>(null);
  const [busy, setBusy] = useState(false);
  const mail = datePosition(wave.mailDate, range.from, range.to);
  const arrival = wave.arrivalDate ? datePosition(wave.arrivalDate, range.from, range.to) : null;
  const peak = wave.peakDate ? datePosition(wave.peakDate, range.from, range.to) : null;
  const reasonId = `wave-reason-${wave.id}`;
  const status = wave.status ?? null;

  const call = async (action: 'hold' | 'resume' | 'confirm') => {
    if (!reason.trim()) {
      setMessage({ error: true, text: action === 'hold' ? '保留の理由を入力してください。' : '再開の理由を入力してください。' });
      document.getElementById(reasonId)?.focus();
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      if (action === 'hold') {
        await api.waves.hold(wave.id, reason.trim());
        setMessage({ error: false, text: '保留にしました。' });
        setReason('');
      } else if (action === 'resume') {
        const answer = await api.waves.resume(wave.id, reason.trim());
        if (answer.applied) setMessage({ error: false, text: '再開しました。' });
        else setPreview(answer);
      } else {
        await api.waves.resume(wave.id, reason.trim(), true);
        setPreview(null);
        setReason('');
        setMessage({ error: false, text: '再開しました。' });
      }
    } catch (e) {
      const error = ApiError.from(e);
      setMessage({
        error: true,
        text: error.statusCode === 404 ? 'この操作はまだ利用できません（発送の波の保留・再開は準備中です）。' : (error.fieldMessages().reason ?? error.message),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="wave" data-wave-id={wave.id}>
      <div className="wave__head">
        <strong>
          {wave.name ? `${wave.name}・` : ''}
          {day(wave.mailDate)} 発送
        </strong>
        <span className={status === 'held' || status === 'cancelled' ? 'status status--warn' : 'status status--off'}>{status ? (WAVE_STATUS_LABELS[status] ?? status) : '状態未取得'}</span>
        <span className="muted">
          {formatNumber(wave.municipalityCodes.length)}市町村・{formatNumber(wave.forms)}通
          {wave.expectedInquiries !== null && `・試算 ${formatExpected(wave.expectedInquiries)}件`}
          {wave.peakDate && `・ピーク ${day(wave.peakDate)}`}
        </span>
      </div>
      {status === 'held' && wave.heldReason && <p className="wave__held">{heldByGuard(wave.heldReason) ? '負荷監視が保留' : '保留の理由'}：{wave.heldReason}</p>}
      <div className="wave__track" aria-hidden="true">
        <span className="wave__today" style={{ left: `${todayAt}%` }} />
        {arrival !== null && peak !== null && <span className="wave__response" style={{ left: `${arrival}%`, width: `${Math.max(1, peak - arrival)}%` }} />}
        <span className="wave__mail" style={{ left: `${mail}%` }} />
      </div>
      {canAct && wave.hasId && status !== 'done' && status !== 'cancelled' && (
        <div className="wave__actions">
          <label htmlFor={reasonId} className="visually-hidden">
            保留・再開の理由
          </label>
          <input id={reasonId} type="text" placeholder="理由（必須）" value={reason} onChange={(e) => setReason(e.target.value)} />
          <button type="button" className="button button--danger" disabled={busy || (status !== null && !HOLDABLE.has(status))} onClick={() => void call('hold')}>
            保留
          </button>
          <button type="button" className="button" disabled={busy || (status !== null && status !== 'held')} onClick={() => void call('resume')}>
            再開
          </button>
        </div>
      )}
      {preview && (
        <div className="wave__preview" role="status">
          <p>{previewText(preview)}</p>
          <div className="button-row">
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void call('confirm')}>
              再開を確定
            </button>
            <button type="button" className="button button--quiet" onClick={() => setPreview(null)}>
              やめる
            </button>
          </div>
        </div>
      )}
      {message && (
        <p className={message.error ? 'field__error' : 'text-ok'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </li>
  );
}
