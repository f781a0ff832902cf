import { useEffect, useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { ApiError } from '../../api';
import { useAuth } from '../../auth';
import { ErrorAlert, Field, Notice } from '../../components';
import { homePathFor, mayOpenPath } from '../../navigation';

/** Where the user was going before being sent to sign in. */
interface FromState {
  from?: string;
}

/** ログイン: user name and password. The API's Japanese message explains a refusal (wrong password, locked). */
export function SignInPage() {
  const { session, notice, signIn } = useAuth();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = 'ログイン | wavedesk';
  }, []);

  if (session) {
    const from = (location.state as FromState | null)?.from;
    const role = session.user.role;
    return <Navigate to={from && mayOpenPath(role, from) ? from : homePathFor(role)} replace />;
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (e) {
      setError(ApiError.from(e));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  const fields = error?.fieldMessages() ?? {};
  return (
    <main className="sign-in" id="main">
      <div className="sign-in__card">
        <p className="sign-in__product">wavedesk</p>
        <h1>ログイン</h1>
        <p className="sign-in__lead">北海道後期高齢者医療広域連合 マイナンバーカード交付申請書の分散発送・問い合わせ窓口</p>
        {notice && !error && <Notice>{notice}</Notice>}
        <ErrorAlert error={error} />
        <form onSubmit={submit} noValidate>
          <Field id="signin-username" label="ユーザー名" error={fields.username}>
            {(p) => (
              <input {...p} name="username" autoComplete="username" autoFocus required value={username} onChange={(e) => setUsername(e.target.value)} />
            )}
          </Field>
          <Field id="signin-password" label="パスワード" error={fields.password}>
            {(p) => (
              <input {...p} name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
            )}
          </Field>
          <button type="submit" className="button button--primary button--wide" disabled={busy}>
            {busy ? 'ログインしています…' : 'ログイン'}
          </button>
        </form>
      </div>
    </main>
  );
}
