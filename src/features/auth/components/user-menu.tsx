import { Link } from 'react-router';
import { roleOf } from '../../../domain/role.js';
import { Badge } from '../../../components/badge.js';
import { useSession, useSessionManager } from '../session/session-context.js';

export function UserMenu() {
  const session = useSession();
  const manager = useSessionManager();
  if (session.status !== 'signed-in') return null;
  const role = roleOf(session.user.groups);
  return (
    <div className="flex items-center gap-3 text-sm">
      <span className="text-slate-200">
        Signed in as{' '}
        <Link to="/account" title="Your account and two-factor sign-in" className="font-semibold text-white underline-offset-2 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-white">
          {session.user.username}
        </Link>
      </span>
      <Badge tone={role === 'admin' ? 'amber' : role === 'operator' ? 'emerald' : 'slate'}>{role ?? 'no role'}</Badge>
      <button
        type="button"
        onClick={() => void manager.signOut()}
        className="rounded border border-slate-500 px-3 py-1 text-slate-100 hover:bg-slate-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-white"
      >
        Sign out
      </button>
    </div>
  );
}
