import { useRef, useState, type FormEvent } from 'react';
import { ROLE_LABELS, ROLES, type Role } from '@wavedesk/contracts';
import { ApiError, type Municipality, type User } from '../../api';
import { useApi } from '../../auth';
import { ErrorAlert, Field, MunicipalitySelect } from '../../components';
import { userFieldMessages } from './user-form-errors';

interface CreateUserFormProps {
  municipalities: Municipality[];
  onCreated: (user: User) => void;
}

/** 新しいユーザー: name, first password, role, and for 市町村職員 their municipality. Errors appear by each field. */
export function CreateUserForm({ municipalities, onCreated }: CreateUserFormProps) {
  const api = useApi();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [municipalityCode, setMunicipalityCode] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const usernameInput = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = await api.users.create({
        username: username.trim(),
        password,
        role,
        ...(role === 'municipal' && municipalityCode ? { municipalityCode } : {}),
      });
      setUsername('');
      setPassword('');
      setMunicipalityCode('');
      onCreated(user);
      usernameInput.current?.focus();
    } catch (e) {
      setError(ApiError.from(e));
    } finally {
      setBusy(false);
    }
  };

  const fields = userFieldMessages(error);
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="create-user-title">
      <h2 id="create-user-title">新しいユーザーを作成</h2>
      <ErrorAlert error={error} />
      <div className="form-grid">
        <Field id="new-username" label="ユーザー名" hint="半角英数字と . _ - の3〜64文字" error={fields.username}>
          {(p) => (
            <input {...p} ref={usernameInput} name="username" autoComplete="off" required value={username} onChange={(e) => setUsername(e.target.value)} />
          )}
        </Field>
        <Field id="new-password" label="初期パスワード" hint="8文字以上" error={fields.password}>
          {(p) => (
            <input {...p} name="password" type="password" autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          )}
        </Field>
        <Field id="new-role" label="役割" error={fields.role}>
          {(p) => (
            <select {...p} name="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {role === 'municipal' && (
          <Field id="new-municipality" label="市町村" hint="市町村職員は担当の市町村のみ利用できます" error={fields.municipalityCode}>
            {(p) => <MunicipalitySelect {...p} municipalities={municipalities} value={municipalityCode} onChange={setMunicipalityCode} required />}
          </Field>
        )}
      </div>
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? '作成しています…' : 'ユーザーを作成'}
      </button>
    </form>
  );
}
