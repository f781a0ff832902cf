import { useLiveConnection, type LiveStatus } from '../live';

const TEXT: Record<LiveStatus, string> = {
  connecting: '接続中…',
  connected: 'ライブ接続中',
  reconnecting: '再接続中…',
  refused: '未接続',
};

/** A small light and word showing whether live updates are arriving. */
export function LiveIndicator() {
  const { status, hello } = useLiveConnection();
  const title = status === 'connected' && hello ? `リアルタイム更新を受信しています（${hello.rooms.join('、')}）` : 'リアルタイム更新の接続状態';
  return (
    <span className={`live live--${status}`} role="status" title={title} data-status={status}>
      <span className="live__dot" aria-hidden="true" />
      {TEXT[status]}
    </span>
  );
}
