import { Suspense } from 'react';
import { Link, Outlet } from 'react-router';
import { useConsoleConfig } from '../aws/config-context.js';
import { ErrorBoundary } from '../components/error-boundary.js';
import { Loading } from '../components/loading.js';
import { UserMenu } from '../features/auth/components/user-menu.js';
import { useSession } from '../features/auth/session/session-context.js';
import { CallerRoleContext } from '../aws/caller.js';
import { roleOf } from '../domain/role.js';

export function Layout() {
  const config = useConsoleConfig();
  const session = useSession();
  const role = session.status === 'signed-in' ? roleOf(session.user.groups) : undefined;
  return (
    <CallerRoleContext.Provider value={role}>
    <div className="min-h-screen bg-slate-100">
      <header className="bg-slate-900">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="flex items-center gap-4">
            <Link to="/apis" className="font-semibold text-white">
              Gateway Console
            </Link>
            <span className="rounded bg-slate-700 px-2 py-0.5 font-mono text-xs text-slate-100" title="AWS region">
              {config.region}
            </span>
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
    </div>
    </CallerRoleContext.Provider>
  );
}
