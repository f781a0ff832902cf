import { useEffect, useState } from 'react';
import { LIVE_EVENTS } from '@wavedesk/contracts';
import { ApiError } from '../../api';
import { useGuardApi } from '../../api/guard-api';
import type { GuardAlert, GuardEventView } from '../../api/guard-types';
import { ErrorAlert } from '../../components';
import { formatDateTime } from '../../format';
import { useLiveConnection, useLiveEvent } from '../../live';
import { applyGuardAlert, guardActions, resumeModeText } from './guard-events';

/**
 * 負荷監視: the trips still holding a wave, with the evidence and 確認 / 再開（理由必須）/ 保留を続ける.
 * Loaded from `GET /api/guard/events` on every (re)connect of the live channel, so an alert sent while this
 * dashboard was away (or Redis was down) is shown; kept current by `guard:alert`.
 */
export function GuardPanel({ canAct }: { canAct: boolean }) {
  const guard = useGuardApi();
  const { status } = useLiveConnection();
  const [events, setEvents] = useState<GuardEventView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (status !== 'connected') return;
    let current = true;
    guard.events
      .list('open')
      .then((page) => {
        if (!current) return;
        setEvents(page.items);
        setError(null);
      })
      .catch((e: unknown) => current && setError(ApiError.from(e)));
    return () => {
      current = false;
    };
  }, [guard, status]);
  useLiveEvent<GuardAlert>(LIVE_EVENTS.guardAlert, (alert) => setEvents((list) => applyGuardAlert(list ?? [], alert)));

  const settled = (updated: GuardEventView) => setEvents((list) => applyGuardAlert(list ?? [], { type: 'acknowledge', event: updated }));

  return (
    <div className="guard-panel">
      <ErrorAlert error={error} />
      {events === null && !error && <p role="status">読み込み中…</p>}
      {events?.length === 0 && <p className="empty">負荷監視による保留はありません。</p>}
      {events && events.length > 0 && (
        <ol className="guard-panel__list" aria-live="polite">
          {events.map((e) => (
            <GuardEventCard key={e.id} event={e} canAct={canAct} onChange={settled} />
          ))}
        </ol>
      )}
    </div>
  );
}

function GuardEventCard({ event, canAct, onChange }: { event: GuardEventView; canAct: boolean; onChange: (e: GuardEventView) => void }) {
  const guard = useGuardApi();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const reasonId = `guard-reason-${event.id}`;
  const can = guardActions(event);

  const act = async (action: 'acknowledge' | 'keepHolding' | 'resume') => {
    if (action === 'resume' && !reason.trim()) {
      setMessage({ error: true, text: '再開の理由を入力してください。' });
      document.getElementById(reasonId)?.focus();
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const updated =
        action === 'acknowledge'
          ? await guard.events.acknowledge(event.id)
          : action === 'keepHolding'
            ? await guard.events.keepHolding(event.id, reason.trim() || undefined)
            : await guard.events.resume(event.id, reason.trim());
      setMessage({ error: false, text: action === 'acknowledge' ? '確認しました。' : action === 'keepHolding' ? '保留を続けます。' : '再開しました。' });
      onChange(updated);
    } catch (e) {
      const error = ApiError.from(e);
      setMessage({ error: true, text: error.fieldMessages().reason ?? error.message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="guard-event" data-guard-event={event.id}>
      <p className="guard-event__summary">
        <strong>{event.summary}</strong>
      </p>
      <p className="guard-event__meta muted small">
        {formatDateTime(event.decidedAt)}・ルール「{event.ruleName}」（第{event.ruleVersion}版）・{resumeModeText(event)}
        {event.acknowledged && `・確認済み（${event.acknowledged.by}）`}
      </p>
      {canAct && (
        <div className="guard-event__actions">
          <label htmlFor={reasonId} className="visually-hidden">
            再開・保留の理由
          </label>
          <input id={reasonId} type="text" placeholder="理由（再開には必須）" value={reason} onChange={(e) => setReason(e.target.value)} />
          <button type="button" className="button" disabled={busy || !can.acknowledge} onClick={() => void act('acknowledge')}>
            確認
          </button>
          <button type="button" className="button" disabled={busy || !can.resume} onClick={() => void act('resume')}>
            再開
          </button>
          <button type="button" className="button button--danger" disabled={busy || !can.keepHolding} onClick={() => void act('keepHolding')}>
            保留を続ける
          </button>
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
