import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { LIVE_EVENTS } from '@wavedesk/contracts';
import { ApiError, type InquiryCategoryView, type InquiryRecord, type Municipality } from '../../api';
import { useApi, useCurrentUser } from '../../auth';
import { ErrorAlert, PageHeader } from '../../components';
import { useLiveLoad } from '../../components/use-live-load';
import { formatDate, formatNumber } from '../../format';
import { useLiveEvent } from '../../live';
import { InquiryEntryForm, type InquiryEntryFormHandle } from './inquiry-entry-form';
import type { OutboxEntry } from './inquiry-outbox';
import { OutboxBadge, OutboxPanel } from './outbox-panel';
import { RecentInquiries } from './recent-inquiries';
import { mergeRecent } from './recent-list';
import { useInquiryOutbox } from './use-inquiry-outbox';
import './desk.css';

const RECENT = 10;

/** Whether the browser believes it is online, following its online/offline events. */
function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/**
 * 窓口: one screen to log a call or counter visit by keyboard in a few seconds, with today's count and the
 * latest entries live. Entries wait in the browser while the network is down and are sent once it is back.
 */
export function DeskPage() {
  const api = useApi();
  const user = useCurrentUser();
  const [municipalities, setMunicipalities] = useState<Municipality[]>([]);
  const [categories, setCategories] = useState<InquiryCategoryView[]>([]);
  const [recent, setRecent] = useState<InquiryRecord[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const form = useRef<InquiryEntryFormHandle>(null);
  const online = useOnline();
  const { report } = useLiveLoad();

  const addRecent = (record: InquiryRecord) => setRecent((list) => mergeRecent(list, record, RECENT));
  const { outbox, entries } = useInquiryOutbox(user.id, addRecent);
  useLiveEvent<InquiryRecord>(LIVE_EVENTS.inquiryLogged, addRecent);

  useEffect(() => {
    let current = true;
    Promise.all([api.municipalities.list(), api.inquiries.categories(), api.inquiries.list({}, null, RECENT)])
      .then(([m, c, page]) => {
        if (!current) return;
        setMunicipalities(m);
        setCategories([...c].sort((a, b) => a.sortOrder - b.sortOrder));
        setRecent((live) => page.items.reduce((list, r) => mergeRecent(list, r, RECENT), live));
      })
      .catch((e: unknown) => current && setError(ApiError.from(e)));
    return () => {
      current = false;
    };
  }, [api]);

  const own = user.role === 'municipal' ? (municipalities.find((m) => m.code === user.municipalityCode) ?? null) : null;
  const scope = user.role === 'municipal' ? (own?.name ?? user.municipalityCode ?? '') : '全道';

  const discard = (entry: OutboxEntry) => {
    if (window.confirm('この記録を破棄します。送信されず、元に戻せません。よろしいですか？')) outbox.discard(entry.key);
  };

  return (
    <>
      <PageHeader title="窓口">
        電話・来庁の問い合わせを記録します。市町村を入力して Enter、分類の数字キー、Enter で登録できます。
        {own && (
          <>
            {' '}
            <Link to={`/municipality/${own.code}`}>{own.name}の状況を見る</Link>
          </>
        )}
      </PageHeader>
      <ErrorAlert error={error} />
      <div className="desk">
        <div className="desk__main">
          {municipalities.length > 0 && categories.length > 0 ? (
            <InquiryEntryForm handle={form} municipalities={municipalities} categories={categories} fixedMunicipality={own} outbox={outbox} />
          ) : (
            !error && <p role="status">読み込み中…</p>
          )}
        </div>
        <aside className="desk__side" aria-label="本日の状況">
          <div className="desk-count">
            <p className="desk-count__label">本日の問い合わせ（{scope}）</p>
            <p className="desk-count__value" data-testid="desk-today-count">
              {report ? formatNumber(report.total.day.actual) : '—'}
              <span className="desk-count__unit">件</span>
            </p>
            <p className="desk-count__date">{formatDate(new Date())}</p>
          </div>
          <OutboxBadge entries={entries} online={online} />
          {!online && <p className="desk-offline" role="status">オフラインです。記録はこの端末に保存され、接続が戻ると送信されます。</p>}
        </aside>
      </div>
      <OutboxPanel
        entries={entries}
        municipalities={municipalities}
        categories={categories}
        onCorrect={(entry) => form.current?.correct(entry)}
        onDiscard={discard}
        onRetry={() => void outbox.retryNow()}
      />
      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading">最近の記録</h2>
        <RecentInquiries records={recent} municipalities={municipalities} categories={categories} currentUserId={user.id} />
      </section>
    </>
  );
}
