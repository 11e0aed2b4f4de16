import { useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router';
import { toAwsProblem } from '../../../aws/errors.js';
import { ErrorPanel } from '../../../components/error-panel.js';
import { useSession, useSessionManager } from '../session/session-context.js';
import type { Challenge, SignInOutcome } from '../session/session-manager.js';
import { ChallengeStep, CHALLENGE_TITLES } from './challenge-step.js';
import { TextField } from './text-field.js';
import { FormAlert } from '../../../components/form-alert.js';

/** Cognito failures an operator can act on, said plainly; anything else shows AWS's own code and message. */
const EXPECTED_CODES = new Set(['NotAuthorizedException', 'UserNotFoundException', 'PasswordResetRequiredException', 'UserNotConfirmedException']);

export function SignInPage() {
  const session = useSession();
  const manager = useSessionManager();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ username?: string; password?: string }>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [challenge, setChallenge] = useState<Challenge | null>(null);

  const from = (location.state as { from?: string } | null)?.from ?? '/apis';
  if (session.status === 'signed-in') return <Navigate to={from} replace />;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const errs: typeof fieldErrors = {};
    if (!username.trim()) errs.username = 'Enter your username.';
    if (!password) errs.password = 'Enter your password.';
    setFieldErrors(errs);
    if (errs.username || errs.password) return;
    setBusy(true);
    setError(null);
    try {
      onNext(await manager.signIn(username.trim(), password));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      setPassword('');
    }
  }

  function onNext(outcome: SignInOutcome) {
    setChallenge(outcome.kind === 'signed-in' ? null : outcome);
  }

  const problem = error ? toAwsProblem(error) : null;

  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-100 px-4">
      <div className="w-full max-w-sm space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <div>
          <p className="text-sm font-medium text-indigo-700">Gateway Console</p>
          <h1 className="text-xl font-semibold text-slate-900">{challenge ? CHALLENGE_TITLES[challenge.kind] : 'Sign in'}</h1>
        </div>
        {session.status === 'signed-out' && session.reason && !challenge && (
          <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            {session.reason}
          </p>
        )}
        {challenge ? (
          <ChallengeStep challenge={challenge} onNext={onNext} onCancel={() => setChallenge(null)} />
        ) : (
          <form onSubmit={onSubmit} noValidate className="space-y-4">
            <TextField
              label="Username"
              name="username"
              autoComplete="username"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              error={fieldErrors.username}
              autoFocus
            />
            <TextField
              label="Password"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={fieldErrors.password}
            />
            {problem &&
              (EXPECTED_CODES.has(problem.code) ? (
                <FormAlert>{problem.message}</FormAlert>
              ) : (
                <ErrorPanel title="Sign-in failed" error={error} />
              ))}
            <button
              type="submit"
              disabled={busy || session.status === 'restoring'}
              className="w-full rounded bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 focus-visible:ring-offset-2 disabled:opacity-60"
            >
              {busy ? 'Signing in…' : 'Sign in'}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
