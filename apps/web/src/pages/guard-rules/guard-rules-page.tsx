import { useEffect, useState } from 'react';
import { ApiError, type Municipality } from '../../api';
import { useGuardApi } from '../../api/guard-api';
import type { GuardRuleSetView, GuardRuleView } from '../../api/guard-types';
import { useApi } from '../../auth';
import { ErrorAlert, Notice, PageHeader } from '../../components';
import { formatDateTime } from '../../format';
import { fieldPath, KIND_LABELS, PARAM_LABELS, scopeLabel, withValue } from './rule-labels';
import './guard-rules.css';

/**
 * 監視ルール (admins): the load guard's rules — enable or disable each, edit its parameters and how it
 * resumes, save as a new version. The API checks every field and answers in Japanese per field.
 */
export function GuardRulesPage() {
  const guard = useGuardApi();
  const api = useApi();
  const [set, setSet] = useState<GuardRuleSetView | null>(null);
  const [rules, setRules] = useState<GuardRuleView[]>([]);
  const [municipalities, setMunicipalities] = useState<Municipality[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    Promise.all([guard.rules.get(), api.municipalities.list()])
      .then(([loaded, list]) => {
        if (!current) return;
        setSet(loaded);
        setRules(loaded.rules);
        setMunicipalities(list);
      })
      .catch((e: unknown) => current && setError(ApiError.from(e)));
    return () => {
      current = false;
    };
  }, [guard, api]);

  const nameOf = (code: string) => municipalities.find((m) => m.code === code)?.name ?? code;

  const save = async () => {
    setBusy(true);
    setError(null);
    setFields({});
    setNotice(null);
    try {
      const saved = await guard.rules.save(rules);
      setNotice(saved.version === set?.version ? '変更はありません。' : `第${saved.version}版として保存しました。`);
      setSet(saved);
      setRules(saved.rules);
    } catch (e) {
      const failure = ApiError.from(e);
      setError(failure);
      setFields(failure.fieldMessages());
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (path: string) =>
    fields[path] ? (
      <span className="field__error" role="alert">
        {fields[path]}
      </span>
    ) : null;

  return (
    <>
      <PageHeader title="監視ルール">
        負荷監視が次の波を保留する条件です。保存するたびに新しい版になり、監査ログに変更前と変更後が残ります。
        {set && (
          <span className="guard-rules__version">
            （現在 第{set.version}版、{formatDateTime(set.createdAt)} {set.createdBy}）
          </span>
        )}
      </PageHeader>
      {notice && <Notice>{notice}</Notice>}
      <ErrorAlert error={error} />
      {!set && !error && <p role="status">読み込み中…</p>}
      {set && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <div className="table-wrap">
            <table className="table guard-rules">
              <thead>
                <tr>
                  <th scope="col">有効</th>
                  <th scope="col">ルール</th>
                  <th scope="col">対象・種類</th>
                  <th scope="col">パラメーター</th>
                  <th scope="col">再開</th>
                  <th scope="col">版</th>
                </tr>
              </thead>
              <tbody>
                {rules.map((rule, i) => (
                  <tr key={rule.id} data-rule={rule.id}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${rule.name}を有効にする`}
                        checked={rule.enabled}
                        onChange={(e) => setRules((list) => list.map((r, j) => (j === i ? { ...r, enabled: e.target.checked } : r)))}
                      />
                    </td>
                    <th scope="row">
                      {rule.name}
                      <div className="muted small">{rule.id}</div>
                    </th>
                    <td>
                      {scopeLabel(rule, nameOf)}
                      <div className="muted small">{KIND_LABELS[rule.kind] ?? rule.kind}</div>
                    </td>
                    <td>
                      {Object.entries(rule.params).map(([key, value]) => {
                        const id = `rule-${i}-${key}`;
                        return (
                          <div key={key} className="guard-rules__param">
                            <label htmlFor={id}>{PARAM_LABELS[key] ?? key}</label>
                            <input id={id} inputMode="decimal" value={String(value)} onChange={(e) => setRules((list) => withValue(list, i, ['params', key], e.target.value))} />
                            {fieldError(fieldPath(i, 'params', key))}
                          </div>
                        );
                      })}
                    </td>
                    <td>
                      <div className="guard-rules__param">
                        <label htmlFor={`rule-${i}-mode`}>再開のしかた</label>
                        <select
                          id={`rule-${i}-mode`}
                          value={rule.resume.mode}
                          onChange={(e) => setRules((list) => list.map((r, j) => (j === i ? { ...r, resume: { ...r.resume, mode: e.target.value as 'auto' | 'manual' } } : r)))}
                        >
                          <option value="auto">自動（負荷が下がれば）</option>
                          <option value="manual">手動（理由を入力）</option>
                        </select>
                        {fieldError(fieldPath(i, 'resume', 'mode'))}
                      </div>
                      <div className="guard-rules__param">
                        <label htmlFor={`rule-${i}-below`}>再開する水準（倍）</label>
                        <input id={`rule-${i}-below`} inputMode="decimal" value={String(rule.resume.belowRatio)} onChange={(e) => setRules((list) => withValue(list, i, ['resume', 'belowRatio'], e.target.value))} />
                        {fieldError(fieldPath(i, 'resume', 'belowRatio'))}
                      </div>
                      <div className="guard-rules__param">
                        <label htmlFor={`rule-${i}-for`}>その水準が続く時間（分）</label>
                        <input id={`rule-${i}-for`} inputMode="numeric" value={String(rule.resume.forMinutes)} onChange={(e) => setRules((list) => withValue(list, i, ['resume', 'forMinutes'], e.target.value))} />
                        {fieldError(fieldPath(i, 'resume', 'forMinutes'))}
                      </div>
                    </td>
                    <td>第{rule.version}版</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? '保存中…' : '保存（新しい版）'}
          </button>
        </form>
      )}
    </>
  );
}
