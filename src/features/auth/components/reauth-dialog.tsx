import { useEffect, useRef, useState, type FormEvent } from 'react';
import { toAwsProblem } from '../../../aws/errors.js';
import { ErrorPanel } from '../../../components/error-panel.js';
import { FormAlert } from '../../../components/form-alert.js';
import { useSession, useSessionManager } from '../session/session-context.js';
import type { Challenge, ReauthRequest, SignInOutcome } from '../session/session-manager.js';
import { ChallengeStep, CHALLENGE_TITLES } from './challenge-step.js';
import { TextField } from './text-field.js';

/**
 * Over whatever screen is open when the session can no longer be refreshed: the same user signs in
 * again (password, then MFA if Cognito asks) and everything on the screen, typed values included, stays
 * as it was; AWS calls made meanwhile wait and then go out. Cancelling signs out.
 */
export function ReauthDialog() {
  const session = useSession();
  const request = session.status === 'signed-in' ? session.reauth : undefined;
  if (!request) return null;
  return <ReauthModal request={request} />;
}

function ReauthModal({ request }: { request: ReauthRequest }) {
  const manager = useSessionManager();
  const dialog = useRef<HTMLDialogElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [challenge, setChallenge] = useState<Challenge | null>(null);

  // A modal <dialog>: the page behind is inert (no clicks, no focus) but stays mounted, and nothing
  // needs inline styles (the CSP admits none).
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    // showModal focuses the first field, the fixed username; the password is what is asked for.
    passwordInput.current?.focus();
    return () => d?.close();
  }, []);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!password) {
      setFieldError('Enter your password.');
      return;
    }
    setFieldError(undefined);
    setBusy(true);
    setError(null);
    try {
      onNext(await manager.signIn(request.username, password));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      setPassword('');
    }
  }

  function onNext(outcome: SignInOutcome) {
    // Signed in: the session manager drops `reauth` and this dialog goes away.
    setChallenge(outcome.kind === 'signed-in' ? null : outcome);
  }

  const problem = error ? toAwsProblem(error) : null;
  return (
    <dialog
      ref={dialog}
      aria-labelledby="reauth-title"
      // Escape must not quietly sign the operator out; Cancel says what it does.
      onCancel={(e) => e.preventDefault()}
      className="m-auto w-full max-w-sm space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-xl backdrop:bg-slate-900/60"
    >
      <h2 id="reauth-title" className="text-lg font-semibold text-slate-900">
        {challenge ? CHALLENGE_TITLES[challenge.kind] : 'Sign in again'}
      </h2>
      <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
        {request.reason} What you were doing stays on the page; anything waiting to be sent goes once you are signed in.
      </p>
      {challenge ? (
        <ChallengeStep challenge={challenge} onNext={onNext} onCancel={() => setChallenge(null)} />
      ) : (
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          <TextField label="Username" name="username" autoComplete="username" value={request.username} readOnly />
          <TextField
            ref={passwordInput}
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={fieldError}
          />
          {problem &&
            (problem.code === 'NotAuthorizedException' ? <FormAlert>{problem.message}</FormAlert> : <ErrorPanel title="Sign-in failed" error={error} />)}
          <div className="flex gap-2">
            <button
              type="submit"
              disabled={busy}
              className="flex-1 rounded bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 focus-visible:ring-offset-2 disabled:opacity-60"
            >
              {busy ? 'Signing in…' : 'Sign in'}
            </button>
            <button
              type="button"
              onClick={() => void manager.cancelReauth()}
              className="rounded border border-slate-300 px-4 py-2 text-sm text-slate-800 hover:bg-slate-50"
            >
              Sign out instead
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
