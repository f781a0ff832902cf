import { CALLER_TYPE_LABELS, INQUIRY_CHANNEL_LABELS, INQUIRY_OUTCOME_LABELS } from '@wavedesk/contracts';
import type { InquiryCategoryView, InquiryRecord, Municipality } from '../../api';
import { formatDateTime } from '../../format';

interface RecentInquiriesProps {
  records: readonly InquiryRecord[];
  municipalities: readonly Municipality[];
  categories: readonly InquiryCategoryView[];
  currentUserId: number;
}

/** The last inquiries logged in the user's scope (by anyone), live. */
export function RecentInquiries({ records, municipalities, categories, currentUserId }: RecentInquiriesProps) {
  const name = (code: string) => municipalities.find((m) => m.code === code)?.name ?? code;
  const category = (code: string) => categories.find((c) => c.code === code)?.label ?? code;
  if (records.length === 0) return <p className="muted">まだ記録はありません。</p>;
  return (
    <div className="table-wrap">
      <table className="table table--compact" aria-label="最近の記録">
        <thead>
          <tr>
            <th scope="col">受付日時</th>
            <th scope="col">市町村</th>
            <th scope="col">受付方法</th>
            <th scope="col">分類</th>
            <th scope="col">問い合わせ者</th>
            <th scope="col">対応結果</th>
            <th scope="col">記録者</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <tr key={r.id} data-inquiry-id={r.id}>
              <td>{formatDateTime(r.receivedAt)}</td>
              <td>{name(r.municipalityCode)}</td>
              <td>{INQUIRY_CHANNEL_LABELS[r.channel] ?? r.channel}</td>
              <td>{category(r.category)}</td>
              <td>{CALLER_TYPE_LABELS[r.callerType] ?? r.callerType}</td>
              <td>{INQUIRY_OUTCOME_LABELS[r.outcome] ?? r.outcome}</td>
              <td>{r.loggedById === currentUserId ? 'あなた' : '他の担当者'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
