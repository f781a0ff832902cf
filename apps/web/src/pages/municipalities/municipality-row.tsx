import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { ApiError, type Municipality, type MunicipalityChanges } from '../../api';
import { useApi } from '../../auth';
import { formatNumber } from '../../format';

interface RowProps {
  municipality: Municipality;
  /** Admins may change counter capacity and contact phone. */
  editable: boolean;
  onSaved: (saved: Municipality) => void;
}

/** One municipality; for admins an 編集 button turns its two settings into inputs (Enter saves, Esc cancels). */
export function MunicipalityRow({ municipality: m, editable, onSaved }: RowProps) {
  const api = useApi();
  const [editing, setEditing] = useState(false);
  const [capacity, setCapacity] = useState('');
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const formId = `municipality-${m.code}`;

  const start = () => {
    setCapacity(String(m.counterCapacity));
    setPhone(m.contactPhone ?? '');
    setError(null);
    setEditing(true);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const changes: MunicipalityChanges = {};
    const capacityNumber = Number(capacity.replace(/[,，\s]/g, ''));
    if (capacity.trim() === '' || !Number.isInteger(capacityNumber)) {
      setError(new ApiError({ statusCode: 400, code: 'validation_failed', message: '入力内容に誤りがあります。', errors: [
        { field: 'counterCapacity', code: 'isInt', message: '窓口の対応可能件数は整数で入力してください。' },
      ] }));
      return;
    }
    if (capacityNumber !== m.counterCapacity) changes.counterCapacity = capacityNumber;
    if (phone.trim() !== (m.contactPhone ?? '')) changes.contactPhone = phone.trim();
    if (Object.keys(changes).length === 0) {
      setEditing(false);
      return;
    }
    setBusy(true);
    try {
      onSaved(await api.municipalities.update(m.code, changes));
      setEditing(false);
    } catch (e) {
      setError(ApiError.from(e));
    } finally {
      setBusy(false);
    }
  };

  const cancelOnEscape = (event: KeyboardEvent) => {
    if (event.key === 'Escape') setEditing(false);
  };

  const fields = error?.fieldMessages() ?? {};
  const otherError = error && !fields.counterCapacity && !fields.contactPhone ? error.message : null;

  return (
    <tr className={editing ? 'is-editing' : undefined}>
      <td className="mono">{m.code}</td>
      <th scope="row">{m.name}</th>
      <td>{m.kana}</td>
      <td>{m.subprefecture}</td>
      <td className="num">{formatNumber(m.population)}</td>
      <td className="num">
        {editing ? (
          <>
            <label className="visually-hidden" htmlFor={`${formId}-capacity`}>
              {m.name}の窓口対応可能件数（件/日）
            </label>
            <input
              id={`${formId}-capacity`} form={formId} className="input--number" inputMode="numeric" autoFocus
              value={capacity} onChange={(e) => setCapacity(e.target.value)} onKeyDown={cancelOnEscape}
              aria-invalid={fields.counterCapacity ? true : undefined}
              aria-describedby={fields.counterCapacity ? `${formId}-capacity-error` : undefined}
            />
            {fields.counterCapacity && <p className="field__error" id={`${formId}-capacity-error`}>{fields.counterCapacity}</p>}
          </>
        ) : (
          formatNumber(m.counterCapacity)
        )}
      </td>
      <td>
        {editing ? (
          <>
            <label className="visually-hidden" htmlFor={`${formId}-phone`}>
              {m.name}の連絡先電話番号
            </label>
            <input
              id={`${formId}-phone`} form={formId} type="tel" autoComplete="off" placeholder="011-211-2111"
              value={phone} onChange={(e) => setPhone(e.target.value)} onKeyDown={cancelOnEscape}
              aria-invalid={fields.contactPhone ? true : undefined}
              aria-describedby={fields.contactPhone ? `${formId}-phone-error` : undefined}
            />
            {fields.contactPhone && <p className="field__error" id={`${formId}-phone-error`}>{fields.contactPhone}</p>}
          </>
        ) : (
          m.contactPhone ?? <span className="muted">未登録</span>
        )}
      </td>
      {editable && (
        <td className="actions">
          {editing ? (
            <form id={formId} onSubmit={save} className="row-form">
              <button type="submit" className="button button--primary" disabled={busy}>
                保存
              </button>
              <button type="button" className="button" onClick={() => setEditing(false)} disabled={busy}>
                取消
              </button>
              {otherError && <p className="field__error" role="alert">{otherError}</p>}
            </form>
          ) : (
            <button type="button" className="button" onClick={start} aria-label={`${m.name}の設定を編集`}>
              編集
            </button>
          )}
        </td>
      )}
    </tr>
  );
}
