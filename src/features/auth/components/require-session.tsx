import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Loading } from '../../../components/loading.js';
import { useSession } from '../session/session-context.js';

/** Screens behind sign-in: while a kept session is resumed, wait; when there is none, go sign in. */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'restoring') return <Loading label="Resuming your session…" />;
  if (session.status === 'signed-out') {
    return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  }
  return <>{children}</>;
}
