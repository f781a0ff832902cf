import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../api';
import type { Campaign, CampaignDetail } from '../../api/mailing-types';
import { ErrorAlert, Field, Notice } from '../../components';
import { formatDate, formatNumber } from '../../format';
import { BatchForm } from './batch-form';
import { dayLabel } from './mailing-format';
import type { MailingTab } from './mailing-tabs';
import { useMailingApi } from './use-mailing-api';

const BATCH_STATUS: Record<string, string> = { draft: '準備中', matching: '突合中', matched: '突合済み', planned: '計画済み', mailing: '発送中', done: '完了' };

/** 送付事業・発送回: the campaigns, a new campaign, and the chosen campaign's batches with a new batch. */
export function CampaignsSection({ isAdmin, onOpenBatch }: { isAdmin: boolean; onOpenBatch: (id: number, tab: MailingTab) => void }) {
  const api = useMailingApi();
  const [campaigns, setCampaigns] = useState<Campaign[] | null>(null);
  const [selected, setSelected] = useState<CampaignDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setCampaigns(await api.campaigns.list());
    } catch (e) {
      setError(ApiError.from(e));
    }
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  const open = async (id: number) => {
    setError(null);
    try {
      setSelected(await api.campaigns.get(id));
    } catch (e) {
      setError(ApiError.from(e));
    }
  };

  return (
    <>
      <ErrorAlert error={error} />
      {notice && <Notice>{notice}</Notice>}
      {isAdmin && (
        <CampaignForm
          onCreated={(c) => {
            setNotice(`送付事業「${c.name}」を作成しました。続けて発送回を追加してください。`);
            void load();
            void open(c.id);
          }}
        />
      )}
      <h2>送付事業</h2>
      {!campaigns && !error && <p role="status">読み込み中…</p>}
      {campaigns?.length === 0 && <p className="empty">送付事業はまだありません。</p>}
      {campaigns && campaigns.length > 0 && (
        <div className="table-wrap">
          <table className="table" aria-label="送付事業一覧">
            <thead>
              <tr>
                <th scope="col">送付事業</th>
                <th scope="col">作成者</th>
                <th scope="col">作成日</th>
                <th scope="col"><span className="visually-hidden">操作</span></th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((c) => (
                <tr key={c.id} className={selected?.id === c.id ? 'is-selected' : undefined}>
                  <th scope="row">{c.name}</th>
                  <td>{c.createdBy ?? '—'}</td>
                  <td>{formatDate(c.createdAt)}</td>
                  <td className="actions">
                    <button type="button" className="button" aria-pressed={selected?.id === c.id} onClick={() => void open(c.id)}>
                      発送回を見る<span className="visually-hidden">（{c.name}）</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {selected && (
        <section aria-labelledby="batches-title">
          <h2 id="batches-title">「{selected.name}」の発送回</h2>
          {selected.batches.length === 0 ? (
            <p className="empty">発送回はまだありません。</p>
          ) : (
            <div className="table-wrap">
              <table className="table" aria-label="発送回一覧">
                <thead>
                  <tr>
                    <th scope="col">発送回</th>
                    <th scope="col">突合基準日</th>
                    <th scope="col">発送期間</th>
                    <th scope="col" className="num">市町村</th>
                    <th scope="col">状態</th>
                    <th scope="col"><span className="visually-hidden">操作</span></th>
                  </tr>
                </thead>
                <tbody>
                  {selected.batches.map((b) => (
                    <tr key={b.id}>
                      <th scope="row">{b.name}</th>
                      <td>{dayLabel(b.matchDate)}</td>
                      <td>
                        {dayLabel(b.mailFrom)} 〜 {dayLabel(b.mailTo)}
                      </td>
                      <td className="num">{formatNumber(b.municipalityCodes.length)}</td>
                      <td>{BATCH_STATUS[b.status] ?? b.status}</td>
                      <td className="actions">
                        <span className="row-form">
                          <button type="button" className="button" onClick={() => onOpenBatch(b.id, 'matching')}>
                            突合<span className="visually-hidden">（{b.name}）</span>
                          </button>
                          <button type="button" className="button" onClick={() => onOpenBatch(b.id, 'waves')}>
                            分散発送<span className="visually-hidden">（{b.name}）</span>
                          </button>
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {isAdmin && (
            <BatchForm
              campaignId={selected.id}
              onCreated={(b) => {
                setNotice(`発送回「${b.name}」を作成しました（${formatNumber(b.municipalityCodes.length)}市町村）。`);
                void open(selected.id);
              }}
            />
          )}
        </section>
      )}
    </>
  );
}

function CampaignForm({ onCreated }: { onCreated: (campaign: Campaign) => void }) {
  const api = useMailingApi();
  const [name, setName] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const campaign = await api.campaigns.create(name.trim());
      setName('');
      onCreated(campaign);
    } catch (e) {
      setError(ApiError.from(e));
    } finally {
      setBusy(false);
    }
  };

  const fields = error?.fieldMessages() ?? {};
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="new-campaign-title">
      <h2 id="new-campaign-title">新しい送付事業</h2>
      <ErrorAlert error={error && !fields.name ? error : null} />
      <div className="form-grid">
        <Field id="campaign-name" label="送付事業名" hint="例: マイナンバーカード交付申請書送付" error={fields.name}>
          {(p) => <input {...p} name="name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
      </div>
      <button type="submit" className="button button--primary" disabled={busy}>
        送付事業を作成
      </button>
    </form>
  );
}
