import { NavLink, Outlet } from 'react-router-dom';
import { ROLE_LABELS } from '@wavedesk/contracts';
import { useAuth } from '../auth';
import { navItemsFor } from '../navigation';
import { LiveIndicator } from './live-indicator';

/** Bull Board opens with the token once; the API then keeps it in a cookie for that path only. */
const queueBoardUrl = (token: string) => `/admin/queues?token=${encodeURIComponent(token)}`;

/** The frame of every signed-in page: who is signed in, live status, the pages their role may use. */
export function AppShell() {
  const { session, signOut } = useAuth();
  if (!session) return null;
  const { user, accessToken } = session;
  const roleLabel = ROLE_LABELS[user.role];

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        本文へ移動
      </a>
      <header className="shell__header">
        <div className="shell__brand">
          <span className="shell__product">wavedesk</span>
          <span className="shell__tagline">分散発送・問い合わせ窓口</span>
        </div>
        <div className="shell__session">
          <LiveIndicator />
          <span className="shell__user" data-testid="current-user">
            <span className="visually-hidden">ログイン中：</span>
            {user.username}
            <span className="role-badge">
              {roleLabel}
              {user.role === 'municipal' && user.municipalityCode ? `・${user.municipalityCode}` : ''}
            </span>
          </span>
          {user.role === 'admin' && (
            <a className="shell__link" href={queueBoardUrl(accessToken)} target="_blank" rel="noopener noreferrer">
              キュー管理（Bull Board）<span className="visually-hidden">新しいタブで開きます</span>
            </a>
          )}
          <button type="button" className="button button--quiet" onClick={() => signOut('ログアウトしました。')}>
            ログアウト
          </button>
        </div>
      </header>
      <nav className="shell__nav" aria-label="メインメニュー">
        <ul>
          {navItemsFor(user.role).map((item) => (
            <li key={item.path}>
              <NavLink to={item.path}>{item.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="shell__main">
        <Outlet />
      </main>
    </div>
  );
}
