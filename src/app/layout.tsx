import { Suspense } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { useConsoleConfig } from '../aws/config-context.js';
import { ErrorBoundary } from '../components/error-boundary.js';
import { Loading } from '../components/loading.js';
import { UserMenu } from '../features/auth/components/user-menu.js';
import { ReauthDialog } from '../features/auth/components/reauth-dialog.js';
import { useSession } from '../features/auth/session/session-context.js';
import { CallerRoleContext } from '../aws/caller.js';
import { roleOf } from '../domain/role.js';

/** The console's main screens, as data. */
const NAV = [
  { to: '/apis', label: 'APIs' },
  { to: '/keys', label: 'API keys' },
  { to: '/usage-plans', label: 'Usage plans' },
  { to: '/health', label: 'Health' },
];

export function Layout() {
  const config = useConsoleConfig();
  const session = useSession();
  const role = session.status === 'signed-in' ? roleOf(session.user.groups) : undefined;
  return (
    <CallerRoleContext.Provider value={role}>
    <div className="min-h-screen bg-slate-100">
      <header className="bg-slate-900">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
            <Link to="/apis" className="font-semibold text-white">
              Gateway Console
            </Link>
            <span className="rounded bg-slate-700 px-2 py-0.5 font-mono text-xs text-slate-100" title="AWS region">
              {config.region}
            </span>
            <nav aria-label="Main">
              <ul className="flex items-center gap-1 text-sm">
                {NAV.map((n) => (
                  <li key={n.to}>
                    <NavLink
                      to={n.to}
                      className={({ isActive }) =>
                        `rounded px-2 py-1 focus:outline-none focus-visible:ring-2 focus-visible:ring-white ${isActive ? 'bg-slate-700 font-medium text-white' : 'text-slate-300 hover:text-white'}`
                      }
                    >
                      {n.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
          <UserMenu />
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">
        <ErrorBoundary title="This page failed">
          <Suspense fallback={<Loading label="Loading…" />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </main>
      {/* Over the page, never instead of it: the open screen keeps its state while the session is renewed. */}
      <ReauthDialog />
    </div>
    </CallerRoleContext.Provider>
  );
}
