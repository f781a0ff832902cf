import { useState, type FormEvent } from 'react';
import type { AuditFilters } from '../../api';
import { Field } from '../../components';
import { AUDIT_ACTION_FILTERS } from './audit-labels';
import { auditRangeError, EMPTY_FILTER, toAuditFilters, type AuditFilterInput } from './audit-query';

/** The audit log's filters; Enter in any field searches. */
export function AuditFilterForm({ onSearch }: { onSearch: (filters: AuditFilters) => void }) {
  const [input, setInput] = useState<AuditFilterInput>(EMPTY_FILTER);
  const [rangeError, setRangeError] = useState<string | undefined>();
  const set = (key: keyof AuditFilterInput) => (event: { target: { value: string } }) => setInput((prev) => ({ ...prev, [key]: event.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const error = auditRangeError(input);
    setRangeError(error);
    if (!error) onSearch(toAuditFilters(input));
  };

  const clear = () => {
    setInput(EMPTY_FILTER);
    setRangeError(undefined);
    onSearch({});
  };

  return (
    <form className="filters panel" role="search" aria-label="監査ログの絞り込み" onSubmit={submit} noValidate>
      <Field id="audit-action" label="操作" hint="前方一致（例：auth. はログイン関係すべて）">
        {(p) => (
          <>
            <input {...p} list="audit-action-options" value={input.action} onChange={set('action')} autoComplete="off" />
            <datalist id="audit-action-options">
              {AUDIT_ACTION_FILTERS.map((o) => (
                <option key={o.value} value={o.value} label={o.label} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field id="audit-actor" label="利用者" hint="ユーザー名（完全一致）">
        {(p) => <input {...p} value={input.actor} onChange={set('actor')} autoComplete="off" />}
      </Field>
      <Field id="audit-target" label="対象" hint="例：user:3、municipality:011002">
        {(p) => <input {...p} value={input.target} onChange={set('target')} autoComplete="off" />}
      </Field>
      <Field id="audit-from" label="開始日">
        {(p) => <input {...p} type="date" value={input.fromDay} onChange={set('fromDay')} />}
      </Field>
      <Field id="audit-to" label="終了日" error={rangeError}>
        {(p) => <input {...p} type="date" value={input.toDay} onChange={set('toDay')} />}
      </Field>
      <Field id="audit-result" label="結果">
        {(p) => (
          <select {...p} value={input.result} onChange={set('result')}>
            <option value="">すべて</option>
            <option value="success">成功</option>
            <option value="failure">失敗</option>
          </select>
        )}
      </Field>
      <div className="button-row filters__buttons">
        <button type="submit" className="button button--primary">
          検索
        </button>
        <button type="button" className="button" onClick={clear}>
          条件をクリア
        </button>
      </div>
    </form>
  );
}
