import { INQUIRY_CHANNEL_LABELS } from '@wavedesk/contracts';
import type { InquiryCategoryView, Municipality } from '../../api';
import { formatDateTime } from '../../format';
import { outboxCounts, type OutboxEntry } from './inquiry-outbox';

/** "未送信 2件": how many entries wait in this browser, and how many need correcting. Hidden when none. */
export function OutboxBadge({ entries, online }: { entries: readonly OutboxEntry[]; online: boolean }) {
  const { unsent, rejected } = outboxCounts(entries);
  if (unsent === 0) {
    return (
      <span className="outbox-badge outbox-badge--clear" data-testid="outbox-badge" data-unsent="0">
        未送信なし
      </span>
    );
  }
  return (
    <span className={rejected ? 'outbox-badge outbox-badge--rejected' : 'outbox-badge'} data-testid="outbox-badge" data-unsent={unsent} role="status">
      未送信 {unsent}件{rejected > 0 && `（要修正 ${rejected}件）`}
      {!online && <span className="outbox-badge__why">・オフライン</span>}
    </span>
  );
}

interface OutboxPanelProps {
  entries: readonly OutboxEntry[];
  municipalities: readonly Municipality[];
  categories: readonly InquiryCategoryView[];
  onCorrect: (entry: OutboxEntry) => void;
  onDiscard: (entry: OutboxEntry) => void;
  onRetry: () => void;
}

/** The entries waiting in this browser, oldest first; refused ones with the API's reason and what to do. */
export function OutboxPanel({ entries, municipalities, categories, onCorrect, onDiscard, onRetry }: OutboxPanelProps) {
  if (entries.length === 0) return null;
  const name = (code: string) => municipalities.find((m) => m.code === code)?.name ?? code;
  const category = (code: string) => categories.find((c) => c.code === code)?.label ?? code;
  return (
    <section className="panel outbox" aria-labelledby="outbox-heading">
      <div className="toolbar">
        <h2 id="outbox-heading">未送信の記録</h2>
        <button type="button" className="button button--quiet" onClick={onRetry}>
          今すぐ再送
        </button>
      </div>
      <p className="muted">
        この端末に保存されています。接続が戻ると古い順に自動で送信します（同じ記録が二重に登録されることはありません）。
      </p>
      <ul className="outbox__list">
        {entries.map((e) => (
          <li key={e.key} className={e.state === 'rejected' ? 'outbox__item is-rejected' : 'outbox__item'}>
            <span className="outbox__when">{formatDateTime(e.inquiry.receivedAt ?? e.queuedAt)}</span>
            <span className="outbox__what">
              {name(e.inquiry.municipalityCode)}・{INQUIRY_CHANNEL_LABELS[e.inquiry.channel]}・{category(e.inquiry.category)}
            </span>
            {e.state === 'rejected' ? (
              <>
                <span className="outbox__status status status--warn">要修正</span>
                <span className="outbox__reason">{[e.error?.message, ...Object.values(e.error?.fields ?? {})].filter(Boolean).join(' ')}</span>
                <span className="button-row">
                  <button type="button" className="button" onClick={() => onCorrect(e)}>
                    修正する
                  </button>
                  <button type="button" className="button button--danger" onClick={() => onDiscard(e)}>
                    破棄
                  </button>
                </span>
              </>
            ) : (
              <>
                <span className="outbox__status status status--off">送信待ち</span>
                {e.lastFailure && <span className="outbox__reason muted">{e.lastFailure}</span>}
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
