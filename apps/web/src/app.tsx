import { BrowserRouter, Navigate, Outlet, Route, Routes, useLocation } from 'react-router-dom';
import { AuthProvider, useAuth } from './auth';
import { AppShell, RequirePage } from './components';
import { LiveProvider } from './live';
import { homePathFor } from './navigation';
import { AuditPage } from './pages/audit/audit-page';
import { DashboardPage } from './pages/dashboard/dashboard-page';
import { DeskPage } from './pages/desk/desk-page';
import { GuardRulesPage } from './pages/guard-rules/guard-rules-page';
import { MailingPage } from './pages/mailing/mailing-page';
import { MunicipalitiesPage } from './pages/municipalities/municipalities-page';
import { MunicipalityHome, MunicipalityPage } from './pages/municipality/municipality-page';
import { NotFoundPage } from './pages/not-found/not-found-page';
import { SignInPage } from './pages/sign-in/sign-in-page';
import { SimulationPage } from './pages/simulation/simulation-page';
import { UsersPage } from './pages/users/users-page';

/** Signed-in pages: without a session, go to sign in (and come back here afterwards). */
function SignedIn() {
  const { session, api } = useAuth();
  const location = useLocation();
  if (!session) return <Navigate to="/signin" replace state={{ from: location.pathname + location.search }} />;
  // The live channel refusing our token means the session is over; asking the API signs out on its 401.
  const onLiveRefused = () => void api.auth.me().catch(() => undefined);
  return (
    <LiveProvider token={session.accessToken} onRefused={onLiveRefused}>
      <Outlet />
    </LiveProvider>
  );
}

function Home() {
  const { session } = useAuth();
  return <Navigate to={session ? homePathFor(session.user.role) : '/signin'} replace />;
}

/**
 * The routes. Each page lives in its own folder under src/pages/ and is listed in src/navigation.ts with the
 * roles that may open it.
 */
export function App() {
  return (
    <AuthProvider>
      <BrowserRouter>
        <Routes>
          <Route path="/signin" element={<SignInPage />} />
          <Route element={<SignedIn />}>
            <Route element={<AppShell />}>
              <Route index element={<Home />} />
              <Route path="desk" element={<RequirePage page="desk"><DeskPage /></RequirePage>} />
              <Route path="dashboard" element={<RequirePage page="dashboard"><DashboardPage /></RequirePage>} />
              <Route path="municipality" element={<MunicipalityHome />} />
              {/* Every role may open a municipality's page; a municipal user only their own (the page and the API check). */}
              <Route path="municipality/:code" element={<RequirePage page="municipalities"><MunicipalityPage /></RequirePage>} />
              <Route path="mailing" element={<RequirePage page="mailing"><MailingPage /></RequirePage>} />
              <Route path="municipalities" element={<RequirePage page="municipalities"><MunicipalitiesPage /></RequirePage>} />
              <Route path="guard-rules" element={<RequirePage page="guardRules"><GuardRulesPage /></RequirePage>} />
              <Route path="audit" element={<RequirePage page="audit"><AuditPage /></RequirePage>} />
              <Route path="users" element={<RequirePage page="users"><UsersPage /></RequirePage>} />
              <Route path="simulation" element={<RequirePage page="simulation"><SimulationPage /></RequirePage>} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
        </Routes>
      </BrowserRouter>
    </AuthProvider>
  );
}
