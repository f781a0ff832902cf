import { useEffect, useMemo, useState } from 'react';
import { ApiError, type Municipality } from '../../api';
import { useApi, useCurrentUser } from '../../auth';
import { ErrorAlert, Field, Notice, PageHeader } from '../../components';
import { formatNumber } from '../../format';
import { filterMunicipalities, subprefecturesOf } from './municipality-filter';
import { MunicipalityRow } from './municipality-row';

/**
 * 市町村: the 179 municipalities with their counter settings (a municipal user sees only their own).
 * Admins change counter capacity and contact phone inline.
 */
export function MunicipalitiesPage() {
  const api = useApi();
  const user = useCurrentUser();
  const [list, setList] = useState<Municipality[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [text, setText] = useState('');
  const [subprefecture, setSubprefecture] = useState('');
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    api.municipalities
      .list()
      .then((rows) => current && setList(rows))
      .catch((e: unknown) => current && setError(ApiError.from(e)));
    return () => {
      current = false;
    };
  }, [api]);

  const shown = useMemo(() => (list ? filterMunicipalities(list, { text, subprefecture }) : []), [list, text, subprefecture]);
  const editable = user.role === 'admin';
  const single = list?.length === 1;

  const onSaved = (m: Municipality) => {
    setList((rows) => rows?.map((r) => (r.code === m.code ? m : r)) ?? null);
    setSaved(`${m.name}の設定を保存しました。`);
  };

  return (
    <>
      <PageHeader title="市町村">
        {user.role === 'municipal'
          ? 'ご担当の市町村の情報です。'
          : '広域連合の179市町村と、各窓口の1日あたり対応可能件数・連絡先です。'}
        {editable && ' 「編集」で対応可能件数と連絡先を変更できます（Enter で保存、Esc で取消）。'}
      </PageHeader>
      <ErrorAlert error={error} />
      {saved && <Notice>{saved}</Notice>}
      {!list && !error && <p role="status">読み込み中…</p>}
      {list && !single && (
        <form className="filters" role="search" aria-label="市町村の絞り込み" onSubmit={(e) => e.preventDefault()}>
          <Field id="municipality-search" label="市町村名・よみ・コード" hint="例：札幌、さっぽろ、0110">
            {(p) => <input {...p} type="search" value={text} onChange={(e) => setText(e.target.value)} />}
          </Field>
          <Field id="municipality-subprefecture" label="振興局">
            {(p) => (
              <select {...p} value={subprefecture} onChange={(e) => setSubprefecture(e.target.value)}>
                <option value="">すべて</option>
                {subprefecturesOf(list).map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </form>
      )}
      {list && (
        <>
          <p className="summary" aria-live="polite">
            {shown.length === list.length ? `${formatNumber(list.length)} 市町村` : `${formatNumber(list.length)} 市町村のうち ${formatNumber(shown.length)} 件を表示`}
            ・人口 計 {formatNumber(shown.reduce((sum, m) => sum + m.population, 0))} 人
          </p>
          <div className="table-wrap">
            <table className="table" aria-label="市町村一覧">
              <thead>
                <tr>
                  <th scope="col">コード</th>
                  <th scope="col">市町村名</th>
                  <th scope="col">よみ</th>
                  <th scope="col">振興局</th>
                  <th scope="col" className="num">人口</th>
                  <th scope="col" className="num">窓口対応可能件数<br /><span className="unit">（件/日）</span></th>
                  <th scope="col">連絡先</th>
                  {editable && <th scope="col"><span className="visually-hidden">操作</span></th>}
                </tr>
              </thead>
              <tbody>
                {shown.map((m) => (
                  <MunicipalityRow key={m.code} municipality={m} editable={editable} onSaved={onSaved} />
                ))}
              </tbody>
            </table>
          </div>
          {shown.length === 0 && <p>条件に合う市町村はありません。</p>}
        </>
      )}
    </>
  );
}
