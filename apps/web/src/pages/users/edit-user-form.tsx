import { useState, type FormEvent } from 'react';
import { ROLE_LABELS, ROLES, type Role } from '@wavedesk/contracts';
import { ApiError, type Municipality, type User, type UserChanges } from '../../api';
import { useApi } from '../../auth';
import { ErrorAlert, Field, MunicipalitySelect } from '../../components';
import { userFieldMessages } from './user-form-errors';

interface EditUserFormProps {
  user: User;
  municipalities: Municipality[];
  /** The admin is editing their own account (they cannot demote or disable themselves). */
  self: boolean;
  onSaved: (user: User, what: string) => void;
  onCancel: () => void;
}

/** Change a user's role, municipality or password, or disable / enable them. Any change ends their sessions. */
export function EditUserForm({ user, municipalities, self, onSaved, onCancel }: EditUserFormProps) {
  const api = useApi();
  const [role, setRole] = useState<Role>(user.role);
  const [municipalityCode, setMunicipalityCode] = useState(user.municipalityCode ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `user-${user.id}`;

  const send = async (changes: UserChanges, what: string) => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.users.update(user.id, changes), what);
    } catch (e) {
      setError(ApiError.from(e));
    } finally {
      setBusy(false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const changes: UserChanges = {};
    if (role !== user.role) changes.role = role;
    if (role === 'municipal' && municipalityCode !== (user.municipalityCode ?? '')) changes.municipalityCode = municipalityCode;
    if (password) changes.password = password;
    if (Object.keys(changes).length === 0) return onCancel();
    await send(changes, 'を変更しました');
  };

  const toggleDisabled = async () => {
    const disable = !user.disabled;
    if (disable && !window.confirm(`ユーザー「${user.username}」を無効にします。このユーザーはログインできなくなります。よろしいですか？`)) return;
    await send({ disabled: disable }, disable ? 'を無効にしました' : 'を有効にしました');
  };

  const fields = userFieldMessages(error);
  return (
    <form className="edit-user" onSubmit={submit} noValidate aria-label={`ユーザー「${user.username}」の変更`}>
      <ErrorAlert error={error} />
      <div className="form-grid">
        <Field id={`${id}-role`} label="役割" error={fields.role} hint={self ? '自分自身の役割は変更できません' : undefined}>
          {(p) => (
            <select {...p} value={role} disabled={self} autoFocus={!self} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {role === 'municipal' && (
          <Field id={`${id}-municipality`} label="市町村" error={fields.municipalityCode}>
            {(p) => <MunicipalitySelect {...p} municipalities={municipalities} value={municipalityCode} onChange={setMunicipalityCode} required />}
          </Field>
        )}
        <Field id={`${id}-password`} label="新しいパスワード" hint="変更しない場合は空欄（8文字以上）" error={fields.password}>
          {(p) => (
            <input {...p} type="password" autoComplete="new-password" autoFocus={self} value={password} onChange={(e) => setPassword(e.target.value)} />
          )}
        </Field>
      </div>
      <p className="field__hint">変更すると、このユーザーは次の操作からもう一度ログインが必要になります。</p>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={busy}>
          保存
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          取消
        </button>
        {!self && (
          <button type="button" className={user.disabled ? 'button' : 'button button--danger'} onClick={toggleDisabled} disabled={busy}>
            {user.disabled ? '有効にする' : '無効にする'}
          </button>
        )}
      </div>
    </form>
  );
}
