import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api';
import type { MatchReview } from '../../api/mailing-types';
import { ErrorAlert } from '../../components';
import { formatEraDate, formatNumber } from '../../format';
import { useMailingApi } from './use-mailing-api';

const SEX: Record<string, string> = { male: '男', female: '女', '1': '男', '2': '女' };
const STATUS: Record<MatchReview['status'], string> = { pending: '確認待ち', excluded: '除外', kept: '送付' };

/**
 * 確認リスト: possible card holders (near matches) to settle one by one. 除外する = the holder is this
 * person (no form); 対象に残す = someone else (mail a form). Personal data: admins only, each read audited.
 */
export function ReviewList({ batchId, version, onDecided }: { batchId: number; version: number; onDecided: () => void }) {
  const api = useMailingApi();
  const [status, setStatus] = useState<MatchReview['status']>('pending');
  const [reviews, setReviews] = useState<MatchReview[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [shown, setShown] = useState(false);

  const load = useCallback(async () => {
    try {
      setReviews(await api.matching.reviews(batchId, status));
    } catch (e) {
      setError(ApiError.from(e));
    }
  }, [api, batchId, status]);

  useEffect(() => {
    if (shown) void load();
  }, [load, shown, version]);

  const decide = async (review: MatchReview, decision: 'exclude' | 'keep') => {
    setBusy(review.id);
    setError(null);
    try {
      const settled = await api.matching.decide(review.id, decision);
      setReviews((rows) => (status === 'pending' ? rows?.filter((r) => r.id !== review.id) ?? null : rows?.map((r) => (r.id === review.id ? { ...r, ...settled, person: r.person } : r)) ?? null));
      onDecided();
    } catch (e) {
      setError(ApiError.from(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="reviews-title">
      <h2 id="reviews-title">確認リスト（カード取得者の可能性がある人）</h2>
      <p className="muted">氏名・生年月日などが近いカード取得者がいる人です。同一人物なら「除外する」、別人なら「対象に残す」を押してください。確認待ちの人には送付しません。</p>
      {!shown ? (
        <button type="button" className="button" onClick={() => setShown(true)}>
          確認リストを表示（個人情報の閲覧は記録されます）
        </button>
      ) : (
        <>
          <div className="filters">
            <div className="field">
              <label htmlFor="review-status">表示</label>
              <select id="review-status" value={status} onChange={(e) => setStatus(e.target.value as MatchReview['status'])}>
                <option value="pending">確認待ち</option>
                <option value="excluded">除外した人</option>
                <option value="kept">対象に残した人</option>
              </select>
            </div>
          </div>
          <ErrorAlert error={error} />
          {reviews === null && !error && <p role="status">読み込み中…</p>}
          {reviews?.length === 0 && <p className="empty">{status === 'pending' ? '確認待ちの人はいません。' : '該当する人はいません。'}</p>}
          {reviews && reviews.length > 0 && (
            <div className="table-wrap table-wrap--scroll">
              <table className="table table--compact" aria-label="確認リスト">
                <caption className="visually-hidden">{formatNumber(reviews.length)}人</caption>
                <thead>
                  <tr>
                    <th scope="col">被保険者番号</th>
                    <th scope="col">氏名</th>
                    <th scope="col">生年月日・性別</th>
                    <th scope="col">住所</th>
                    <th scope="col">理由</th>
                    <th scope="col">判定</th>
                  </tr>
                </thead>
                <tbody>
                  {reviews.map((r) => (
                    <tr key={r.id}>
                      <td className="mono">{r.insuredNumber}</td>
                      <td>
                        {r.person?.name ?? '—'}
                        {r.person && <div className="muted small">{r.person.nameKana}</div>}
                      </td>
                      <td>{r.person ? `${/^\d{4}-\d{2}-\d{2}$/.test(r.person.birthDate) ? formatEraDate(`${r.person.birthDate}T12:00:00+09:00`) : r.person.birthDate} ${SEX[r.person.sex] ?? r.person.sex}` : '—'}</td>
                      <td className="detail">{r.person ? `〒${r.person.postalCode} ${r.person.address}` : r.municipalityCode}</td>
                      <td className="detail">{r.reasonLabel}</td>
                      <td className="actions">
                        {r.status === 'pending' ? (
                          <span className="row-form">
                            <button type="button" className="button button--danger" disabled={busy === r.id} onClick={() => void decide(r, 'exclude')}>
                              除外する<span className="visually-hidden">（{r.insuredNumber}）</span>
                            </button>
                            <button type="button" className="button" disabled={busy === r.id} onClick={() => void decide(r, 'keep')}>
                              対象に残す<span className="visually-hidden">（{r.insuredNumber}）</span>
                            </button>
                          </span>
                        ) : (
                          <span>
                            {STATUS[r.status]}
                            {r.decidedBy && `（${r.decidedBy}）`}
                          </span>
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
    </section>
  );
}
