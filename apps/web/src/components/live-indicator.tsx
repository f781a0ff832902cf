import { UNION_ROOM, municipalityRoom } from '@wavedesk/contracts';
import { useLiveConnection, type LiveStatus } from '../live';

const TEXT: Record<LiveStatus, string> = {
  connecting: '接続中…',
  connected: 'ライブ接続中',
  reconnecting: '再接続中…',
  refused: '未接続',
};

/** Rooms in words: `union` → 全道, `municipality:012025` → 市町村 012025. */
const MUNICIPALITY_ROOM_PREFIX = municipalityRoom('');
const roomLabel = (room: string): string =>
  room === UNION_ROOM ? '全道' : room.startsWith(MUNICIPALITY_ROOM_PREFIX) ? `市町村 ${room.slice(MUNICIPALITY_ROOM_PREFIX.length)}` : room;

/** A small light and word showing whether live updates are arriving. */
export function LiveIndicator() {
  const { status, hello } = useLiveConnection();
  const title = status === 'connected' && hello ? `リアルタイム更新を受信しています（${hello.rooms.map(roomLabel).join('、')}）` : 'リアルタイム更新の接続状態';
  return (
    <span className={`live live--${status}`} role="status" title={title} data-status={status}>
      <span className="live__dot" aria-hidden="true" />
      {TEXT[status]}
    </span>
  );
}
