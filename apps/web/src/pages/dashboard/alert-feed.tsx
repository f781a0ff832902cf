import { formatDateTime } from '../../format';
import type { AlertItem } from './alerts';

/** The load guard's alerts and wave status changes as they arrive, newest first. */
export function AlertFeed({ items }: { items: readonly AlertItem[] }) {
  if (items.length === 0) return <p className="empty">警告・通知はまだありません。負荷監視の警告と波の状態の変化がここに表示されます。</p>;
  return (
    <ol className="alert-feed" aria-live="polite">
      {items.map((a) => (
        <li key={a.id} className={`alert-feed__item alert-feed__item--${a.severity}`}>
          <span className="alert-feed__when">{formatDateTime(a.at)}</span>
          <strong className="alert-feed__title">{a.title}</strong>
          <span>{a.text}</span>
        </li>
      ))}
    </ol>
  );
}
