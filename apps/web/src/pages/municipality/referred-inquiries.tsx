import { useEffect, useState } from 'react';
import { CALLER_TYPE_LABELS, INQUIRY_CHANNEL_LABELS, LIVE_EVENTS } from '@wavedesk/contracts';
import { ApiError, type InquiryCategoryView, type InquiryRecord } from '../../api';
import { useApi } from '../../auth';
import { ErrorAlert } from '../../components';
import { formatDateTime, formatNumber } from '../../format';
import { useLiveEvent } from '../../live';
import { mergeReferred, unhandledCount } from './referred';

/**
 * The inquiries the union referred to this municipality (outcome 市町村へ引継), newest first, live; the
 * municipality's staff mark each as handled once they have called back.
 */
export function ReferredInquiries({ code, canMarkHandled }: { code: string; canMarkHandled: boolean }) {
  const api = useApi();
  const [records, setRecords] = useState<InquiryRecord[] | null>(null);
  const [categories, setCategories] = useState<InquiryCategoryView[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [onlyOpen, setOnlyOpen] = useState(true);
  const [busy, setBusy] = useState<number | null>(null);

  useEffect(() => {
    let current = true;
    setRecords(null);
    Promise.all([api.inquiries.list({ municipalityCode: code, outcome: 'referred' }, null, 200), api.inquiries.categories()])
      .then(([page, c]) => {
        if (!current) return;
        setRecords((live) => page.items.reduce((list, r) => mergeReferred(list, r), live ?? []));
        setCategories(c);
      })
      .catch((e: unknown) => current && setError(ApiError.from(e)));
    return () => {
      current = false;
    };
  }, [api, code]);

  useLiveEvent<InquiryRecord>(LIVE_EVENTS.inquiryLogged, (record) => {
    if (record.municipalityCode === code && record.outcome === 'referred') setRecords((list) => mergeReferred(list ?? [], record));
  });
  // Marked handled by another member of staff (or in another tab): the row turns 対応済 without a reload.
  useLiveEvent<InquiryRecord>(LIVE_EVENTS.inquiryHandled, (record) => {
    if (record.municipalityCode === code) setRecords((list) => mergeReferred(list ?? [], record));
  });

  const markHandled = async (record: InquiryRecord) => {
    setBusy(record.id);
    setError(null);
    try {
      const updated = await api.inquiries.markHandled(record.id);
      setRecords((list) => mergeReferred(list ?? [], updated));
    } catch (e) {
      setError(ApiError.from(e));
    } finally {
      setBusy(null);
    }
  };

  const category = (c: string) => categories.find((x) => x.code === c)?.label ?? c;
  const shown = (records ?? []).filter((r) => !onlyOpen || !r.handledAt);

  return (
    <>
      <ErrorAlert error={error} />
      {!records && !error && <p role="status">読み込み中…</p>}
      {records && (
        <>
          <div className="toolbar">
            <p className="summary" data-testid="referred-open-count">
              未対応 {formatNumber(unhandledCount(records))}件／引継ぎ {formatNumber(records.length)}件
            </p>
            <label className="checkbox">
              <input type="checkbox" checked={onlyOpen} onChange={(e) => setOnlyOpen(e.target.checked)} /> 未対応のみ表示
            </label>
          </div>
          {shown.length === 0 ? (
            <p className="empty">{onlyOpen ? '未対応の引継ぎはありません。' : '引継ぎされた問い合わせはありません。'}</p>
          ) : (
            <div className="table-wrap">
              <table className="table table--compact" aria-label="市町村へ引継ぎされた問い合わせ">
                <thead>
                  <tr>
                    <th scope="col">受付日時</th>
                    <th scope="col">受付方法</th>
                    <th scope="col">分類</th>
                    <th scope="col">問い合わせ者</th>
                    <th scope="col">メモ</th>
                    <th scope="col">状態</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((r) => (
                    <tr key={r.id} data-inquiry-id={r.id}>
                      <td>{formatDateTime(r.receivedAt)}</td>
                      <td>{INQUIRY_CHANNEL_LABELS[r.channel] ?? r.channel}</td>
                      <td>{category(r.category)}</td>
                      <td>{CALLER_TYPE_LABELS[r.callerType] ?? r.callerType}</td>
                      <td className="detail">{r.note ?? ''}</td>
                      <td>
                        {r.handledAt ? (
                          <span className="status status--ok">対応済（{formatDateTime(r.handledAt)}）</span>
                        ) : canMarkHandled ? (
                          <button type="button" className="button" disabled={busy === r.id} onClick={() => void markHandled(r)}>
                            対応済にする
                          </button>
                        ) : (
                          <span className="status status--warn">未対応</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}
