import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { IMPORT_KIND_LABELS, IMPORT_STATUS_LABELS, LIVE_EVENTS } from '@wavedesk/contracts';
import { ApiError } from '../../api';
import type { ImportEncoding, ImportKindName, ImportProgressEvent, ImportView } from '../../api/mailing-types';
import { ErrorAlert, Field } from '../../components';
import { formatDateTime, formatNumber } from '../../format';
import { useLiveEvent } from '../../live';
import { dayLabel, formatBytes, isRunning, percent } from './mailing-format';
import { ProgressBar } from './progress-bar';
import { useMailingApi } from './use-mailing-api';

const KINDS: ImportKindName[] = ['insured', 'card-holders', 'application-ids'];
const ENCODINGS: Array<{ value: ImportEncoding; label: string }> = [
  { value: 'auto', label: '自動判定' },
  { value: 'shift_jis', label: 'Shift_JIS' },
  { value: 'utf-8', label: 'UTF-8' },
];
const KIND_HINTS: Record<ImportKindName, string> = {
  insured: '見出し行: 被保険者番号, 市町村コード, 氏名, 氏名カナ, 生年月日, 性別, 郵便番号, 住所（送付先は任意）',
  'card-holders': '見出し行: 氏名, 氏名カナ, 生年月日, 性別, 住所（被保険者番号は任意）',
  'application-ids': '見出し行: 被保険者番号, 申請書ID, QRデータ',
};

/** 取込: upload a list (kind, encoding, as-of date, valid rows only), its progress live, its errors by row and column. */
export function ImportsSection() {
  const api = useMailingApi();
  const [kind, setKind] = useState<ImportKindName>('insured');
  const [encoding, setEncoding] = useState<ImportEncoding>('auto');
  const [asOf, setAsOf] = useState('');
  const [validOnly, setValidOnly] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [uploading, setUploading] = useState<{ sent: number; total: number } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [current, setCurrent] = useState<ImportView | null>(null);
  const [recent, setRecent] = useState<ImportView[]>([]);
  /** The files uploaded in this tab, by import id, so that their valid rows can be sent again without choosing them. */
  const files = useRef(new Map<number, { file: File; encoding: ImportEncoding; asOf: string }>());
  const fileInput = useRef<HTMLInputElement>(null);
  /**
   * Each import's last live event once it ended: the worker's final figures. They win over any read
   * answered later but issued earlier (the upload's own read, or one that raced a late progress write),
   * so the page never goes back from the end to "running".
   */
  const finals = useRef(new Map<number, ImportProgressEvent>());
  const withFinal = useCallback((view: ImportView): ImportView => {
    const final = finals.current.get(view.id);
    return final ? { ...view, ...final } : view;
  }, []);

  const loadRecent = useCallback(async () => {
    try {
      setRecent((await api.imports.list(20)).map(withFinal));
    } catch (e) {
      setError(ApiError.from(e));
    }
  }, [api, withFinal]);
  useEffect(() => {
    void loadRecent();
  }, [loadRecent]);

  const refresh = useCallback(
    async (id: number, show = false) => {
      try {
        const view = withFinal(await api.imports.get(id));
        setCurrent((c) => (show || c === null || c.id === id ? view : c));
        if (!isRunning(view.status)) void loadRecent();
      } catch (e) {
        setError(ApiError.from(e));
      }
    },
    [api, loadRecent, withFinal],
  );

  useLiveEvent<ImportProgressEvent>(LIVE_EVENTS.importProgress, (event) => {
    if (!isRunning(event.status)) finals.current.set(event.id, event);
    setRecent((rows) => rows.map((r) => (r.id === event.id ? { ...r, ...event } : r)));
    setCurrent((c) => {
      if (!c || c.id !== event.id) return c;
      return { ...c, ...event };
    });
  });

  // An import that ended before the live channel told us (or while it was reconnecting) is read once more.
  const currentId = current?.id;
  const currentRunning = isRunning(current?.status);
  useEffect(() => {
    if (currentId !== undefined && currentRunning) void refresh(currentId);
  }, [currentId, currentRunning, refresh]);
  // The end of an import, however the page learnt of it (live event, or a read): fetch its errors and
  // message once. Deciding here, on the rendered state, cannot miss an end that came while the upload's
  // own read was still on its way.
  const finalRead = useRef<number | null>(null);
  useEffect(() => {
    if (currentId === undefined || currentRunning || finalRead.current === currentId) return;
    finalRead.current = currentId;
    void refresh(currentId);
  }, [currentId, currentRunning, refresh]);

  const send = async (request: { file: File; encoding: ImportEncoding; asOf: string; validOnly: boolean; kind: ImportKindName }) => {
    setError(null);
    setUploading({ sent: 0, total: request.file.size });
    try {
      const answer = await api.imports.upload(
        { kind: request.kind, file: request.file, encoding: request.encoding, validOnly: request.validOnly, asOf: request.kind === 'card-holders' ? request.asOf : undefined },
        { onUploadProgress: (sent, total) => setUploading({ sent, total }) },
      );
      files.current.set(answer.id, { file: request.file, encoding: request.encoding, asOf: request.asOf });
      // The import may end (and say so live) before this read is answered: the announced end wins.
      setCurrent(withFinal(await api.imports.get(answer.id)));
      void loadRecent();
    } catch (e) {
      setError(ApiError.from(e));
    } finally {
      setUploading(null);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setError(new ApiError({ statusCode: 400, code: 'file_required', message: 'ファイルを選んでください。', errors: [{ field: 'file', code: 'required', message: 'ファイルを選んでください。' }] }));
      fileInput.current?.focus();
      return;
    }
    void send({ file, encoding, asOf, validOnly, kind });
  };

  /** The same file again, storing only its valid rows (the admin's explicit choice). */
  const importValidRows = (view: ImportView) => {
    const kept = files.current.get(view.id);
    if (kept) {
      void send({ ...kept, kind: view.kind, validOnly: true });
      return;
    }
    setKind(view.kind);
    setValidOnly(true);
    setError(new ApiError({ statusCode: 400, code: 'file_required', message: `「${view.fileName}」をもう一度選んでから「取り込む」を押してください（有効な行のみ取り込みます）。` }));
    fileInput.current?.focus();
  };

  const fields = error?.fieldMessages() ?? {};
  return (
    <>
      <form className="panel" onSubmit={submit} noValidate aria-labelledby="import-title">
        <h2 id="import-title">名簿の取込</h2>
        <ErrorAlert error={error} />
        <div className="form-grid">
          <Field id="import-kind" label="種類" hint={KIND_HINTS[kind]}>
            {(p) => (
              <select {...p} value={kind} onChange={(e) => setKind(e.target.value as ImportKindName)}>
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {IMPORT_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="import-encoding" label="文字コード" error={fields.encoding}>
            {(p) => (
              <select {...p} value={encoding} onChange={(e) => setEncoding(e.target.value as ImportEncoding)}>
                {ENCODINGS.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {kind === 'card-holders' && (
            <Field id="import-as-of" label="基準日" hint="この名簿がいつ時点のカード取得者か" error={fields.asOf}>
              {(p) => <input {...p} type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />}
            </Field>
          )}
          <Field id="import-file" label="CSVファイル" hint="1行目は見出し行" error={fields.file}>
            {(p) => <input {...p} ref={fileInput} type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
          </Field>
        </div>
        <p className="checkbox">
          <input id="import-valid-only" type="checkbox" checked={validOnly} onChange={(e) => setValidOnly(e.target.checked)} />
          <label htmlFor="import-valid-only">誤りのある行を除き、有効な行のみ取り込む</label>
        </p>
        <button type="submit" className="button button--primary" disabled={uploading !== null}>
          取り込む
        </button>
        {uploading && (
          <ProgressBar
            label="ファイルの送信"
            value={uploading.total > 0 ? (uploading.sent / uploading.total) * 100 : 0}
            detail={`送信中 ${formatBytes(uploading.sent)} / ${formatBytes(uploading.total)}`}
          />
        )}
      </form>

      {current && <ImportResult view={current} onImportValidRows={importValidRows} />}

      <h2>最近の取込</h2>
      {recent.length === 0 ? (
        <p className="empty">取込はまだありません。</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--compact" aria-label="最近の取込">
            <thead>
              <tr>
                <th scope="col">取込ID</th>
                <th scope="col">種類</th>
                <th scope="col">ファイル</th>
                <th scope="col">状態</th>
                <th scope="col" className="num">読込行数</th>
                <th scope="col" className="num">登録件数</th>
                <th scope="col" className="num">エラー</th>
                <th scope="col">受付日時</th>
                <th scope="col"><span className="visually-hidden">操作</span></th>
              </tr>
            </thead>
            <tbody>
              {recent.map((r) => (
                <tr key={r.id}>
                  <td className="num">{r.id}</td>
                  <td>{IMPORT_KIND_LABELS[r.kind]}</td>
                  <td className="detail">{r.fileName}</td>
                  <td>
                    <ImportStatus status={r.status} />
                    {isRunning(r.status) && <span className="muted"> {percent(r.progress)}%</span>}
                  </td>
                  <td className="num">{formatNumber(r.rowsRead)}</td>
                  <td className="num">{formatNumber(r.rowsStored)}</td>
                  <td className="num">{formatNumber(r.errorCount)}</td>
                  <td>{formatDateTime(r.createdAt)}</td>
                  <td className="actions">
                    <button type="button" className="button" onClick={() => void refresh(r.id, true)}>
                      詳細<span className="visually-hidden">（取込ID {r.id}）</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function ImportStatus({ status }: { status: ImportView['status'] }) {
  const tone = status === 'stored' ? 'ok' : status === 'rejected' || status === 'failed' ? 'warn' : 'off';
  return <span className={`status status--${tone}`}>{IMPORT_STATUS_LABELS[status] ?? status}</span>;
}

/** One import: its progress bar while it runs, then what was stored and every error by row and column. */
function ImportResult({ view, onImportValidRows }: { view: ImportView; onImportValidRows: (view: ImportView) => void }) {
  const running = isRunning(view.status);
  const errors = view.errors ?? [];
  return (
    <section className="panel" aria-labelledby="import-result-title" data-testid="import-result" data-status={view.status}>
      <h2 id="import-result-title">
        取込ID {view.id}: {IMPORT_KIND_LABELS[view.kind]}「{view.fileName}」
      </h2>
      <p>
        <ImportStatus status={view.status} /> {formatBytes(view.sizeBytes)}
        {view.detectedEncoding && `、文字コード ${view.detectedEncoding === 'shift_jis' ? 'Shift_JIS' : view.detectedEncoding === 'utf-8' ? 'UTF-8' : view.detectedEncoding}`}
        {view.asOf && `、基準日 ${dayLabel(view.asOf)}`}
        {view.validOnly && '、有効な行のみ'}
      </p>
      <ProgressBar
        label="取込の進み具合"
        testId="import-progress"
        value={running ? view.progress : view.status === 'stored' ? 100 : view.progress}
        detail={`読込 ${formatNumber(view.rowsRead)}行・登録 ${formatNumber(view.rowsStored)}件`}
      />
      <div aria-live="polite">
        {!running && view.message && <p className={view.status === 'stored' ? 'text-ok' : 'text-danger'}>{view.message}</p>}
      </div>
      {!running && view.errorCount > 0 && (
        <>
          <div className="toolbar">
            <p className="summary">エラー {formatNumber(view.errorCount)}件{errors.length > 0 && view.errorCount > errors.length && `（先頭 ${formatNumber(errors.length)}件を表示）`}</p>
            {view.status === 'rejected' && !view.validOnly && (
              <button type="button" className="button button--primary" onClick={() => onImportValidRows(view)}>
                有効な行のみ取り込む
              </button>
            )}
          </div>
          <div className="table-wrap table-wrap--scroll">
            <table className="table table--compact" aria-label="取込エラー">
              <thead>
                <tr>
                  <th scope="col" className="num">行</th>
                  <th scope="col">列</th>
                  <th scope="col">内容</th>
                </tr>
              </thead>
              <tbody>
                {errors.map((e, i) => (
                  <tr key={i}>
                    <td className="num">{e.row === null ? '—' : formatNumber(e.row)}</td>
                    <td>{e.column ?? '（ファイル全体）'}</td>
                    <td className="detail">{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
