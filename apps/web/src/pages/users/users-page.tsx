import { Fragment, useEffect, useMemo, useState } from 'react';
import { ROLE_LABELS } from '@wavedesk/contracts';
import { ApiError, type Municipality, type User } from '../../api';
import { useApi, useAuth, useCurrentUser } from '../../auth';
import { ErrorAlert, Notice, PageHeader } from '../../components';
import { formatDate } from '../../format';
import { CreateUserForm } from './create-user-form';
import { EditUserForm } from './edit-user-form';
import { municipalityLabel, userStatus } from './user-labels';

/** ユーザー (admins): who may sign in, with which role; create, change role or password, disable. */
export function UsersPage() {
  const api = useApi();
  const { signOut } = useAuth();
  const me = useCurrentUser();
  const [users, setUsers] = useState<User[] | null>(null);
  const [municipalities, setMunicipalities] = useState<Municipality[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    Promise.all([api.users.list(), api.municipalities.list()])
      .then(([userRows, municipalityRows]) => {
        if (!current) return;
        setUsers(userRows);
        setMunicipalities(municipalityRows);
      })
      .catch((e: unknown) => current && setError(ApiError.from(e)));
    return () => {
      current = false;
    };
  }, [api]);

  const byCode = useMemo(() => new Map(municipalities.map((m) => [m.code, m])), [municipalities]);

  const created = (user: User) => {
    setUsers((rows) => [...(rows ?? []), user]);
    setNotice(`ユーザー「${user.username}」（${ROLE_LABELS[user.role]}）を作成しました。`);
  };

  const saved = (user: User, what: string) => {
    if (user.id === me.id) {
      // Changing one's own password ends one's own session too.
      signOut('パスワードを変更しました。新しいパスワードでログインしてください。');
      return;
    }
    setUsers((rows) => rows?.map((u) => (u.id === user.id ? user : u)) ?? null);
    setEditing(null);
    setNotice(`ユーザー「${user.username}」${what}。`);
  };

  return (
    <>
      <PageHeader title="ユーザー">ログインできる人と、その役割を管理します。役割によって使える画面とデータが決まります。</PageHeader>
      <ErrorAlert error={error} />
      {notice && <Notice>{notice}</Notice>}
      <CreateUserForm municipalities={municipalities} onCreated={created} />
      <h2>ユーザー一覧</h2>
      {!users && !error && <p role="status">読み込み中…</p>}
      {users && (
        <div className="table-wrap">
          <table className="table" aria-label="ユーザー一覧">
            <thead>
              <tr>
                <th scope="col">ユーザー名</th>
                <th scope="col">役割</th>
                <th scope="col">市町村</th>
                <th scope="col">状態</th>
                <th scope="col">作成日</th>
                <th scope="col"><span className="visually-hidden">操作</span></th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => {
                const status = userStatus(u);
                return (
                  <Fragment key={u.id}>
                    <tr className={u.disabled ? 'is-disabled' : undefined}>
                      <th scope="row">
                        {u.username}
                        {u.id === me.id && <span className="muted">（自分）</span>}
                      </th>
                      <td>{ROLE_LABELS[u.role]}</td>
                      <td>{municipalityLabel(u.municipalityCode, byCode)}</td>
                      <td>
                        <span className={`status status--${status.tone}`}>{status.text}</span>
                      </td>
                      <td>{formatDate(u.createdAt)}</td>
                      <td className="actions">
                        <button
                          type="button" className="button" aria-expanded={editing === u.id}
                          aria-label={`ユーザー「${u.username}」を変更`}
                          onClick={() => {
                            setNotice(null);
                            setEditing(editing === u.id ? null : u.id);
                          }}
                        >
                          変更
                        </button>
                      </td>
                    </tr>
                    {editing === u.id && (
                      <tr className="edit-row">
                        <td colSpan={6}>
                          <EditUserForm user={u} municipalities={municipalities} self={u.id === me.id} onSaved={saved} onCancel={() => setEditing(null)} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
