import { useCallback, useEffect, useRef, useState } from 'react';
import { ROLE_LABELS } from '@wavedesk/contracts';
import { ApiError, type AuditEntry, type AuditFilters } from '../../api';
import { useApi } from '../../auth';
import { ErrorAlert, PageHeader } from '../../components';
import { saveFile } from '../../download';
import { formatDateTime, formatNumber, toIsoDay } from '../../format';
import { AuditFilterForm } from './audit-filter-form';
import { auditActionLabel, auditDetailText } from './audit-labels';

const PAGE_SIZE = 100;

/** 監査ログ (admins): who did what, when, from where; filter, page through, export as CSV. */
export function AuditPage() {
  const api = useApi();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [nextCursor, setNextCursor] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [downloading, setDownloading] = useState(false);
  /** Only the latest request may fill the table (a new search overtakes a slow "さらに読み込む"). */
  const latest = useRef(0);

  const load = useCallback(
    async (applied: AuditFilters, cursor: number | null) => {
      const request = ++latest.current;
      setLoading(true);
      setError(null);
      try {
        const page = await api.audit.list(applied, cursor, PAGE_SIZE);
        if (request !== latest.current) return;
        setItems((prev) => (cursor ? [...prev, ...page.items] : page.items));
        setNextCursor(page.nextCursor);
      } catch (e) {
        if (request === latest.current) setError(ApiError.from(e));
      } finally {
        if (request === latest.current) setLoading(false);
      }
    },
    [api],
  );

  useEffect(() => {
    void load(filters, null);
  }, [load, filters]);

  const download = async () => {
    setDownloading(true);
    setError(null);
    try {
      saveFile(await api.audit.exportCsv(filters), `監査ログ_${toIsoDay(new Date())}.csv`);
    } catch (e) {
      setError(ApiError.from(e));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <>
      <PageHeader title="監査ログ">ログイン、ユーザーや設定の変更、個人データの閲覧、保留・再開・発送の記録です（新しい順）。記録は変更・削除できません。</PageHeader>
      <AuditFilterForm onSearch={setFilters} />
      <ErrorAlert error={error} />
      <div className="toolbar">
        <p className="summary" aria-live="polite">
          {loading && items.length === 0 ? '読み込み中…' : `${formatNumber(items.length)} 件を表示${nextCursor ? '（続きがあります）' : ''}`}
        </p>
        <button type="button" className="button" onClick={download} disabled={downloading}>
          {downloading ? 'CSV を作成しています…' : 'この条件で CSV をダウンロード'}
        </button>
      </div>
      <div className="table-wrap">
        <table className="table table--compact" aria-label="監査ログ">
          <thead>
            <tr>
              <th scope="col">日時</th>
              <th scope="col">利用者</th>
              <th scope="col">操作</th>
              <th scope="col">対象</th>
              <th scope="col">結果</th>
              <th scope="col">接続元</th>
              <th scope="col">詳細</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <td className="nowrap">{formatDateTime(e.at)}</td>
                <td>
                  {e.actorName ?? <span className="muted">（システム）</span>}
                  {e.actorRole && <span className="muted"> {ROLE_LABELS[e.actorRole] ?? e.actorRole}</span>}
                </td>
                <td>
                  {auditActionLabel(e.action)}
                  <br />
                  <code className="muted">{e.action}</code>
                </td>
                <td className="mono">{e.target ?? '—'}</td>
                <td>
                  <span className={e.success ? 'status status--ok' : 'status status--warn'}>{e.success ? '成功' : '失敗'}</span>
                </td>
                <td className="mono">{e.clientAddress ?? '—'}</td>
                <td className="detail">
                  <code>{auditDetailText(e.detail)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!loading && items.length === 0 && !error && <p>条件に合う記録はありません。</p>}
      {nextCursor && (
        <button type="button" className="button button--wide" onClick={() => void load(filters, nextCursor)} disabled={loading}>
          {loading ? '読み込み中…' : 'さらに読み込む'}
        </button>
      )}
    </>
  );
}
