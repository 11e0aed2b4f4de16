import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ErrorPanel } from '../../../components/error-panel.js';
import { FormAlert } from '../../../components/form-alert.js';
import { Loading } from '../../../components/loading.js';
import type { SoftwareTokenSetup } from '../api/associate-software-token.js';
import { useSessionManager } from '../session/session-context.js';
import type { Challenge, SignInOutcome } from '../session/session-manager.js';
import { codeInputProps, codeProblem, codeRefusal, normalizeCode } from './mfa-code-form.js';
import { TextField } from './text-field.js';
import { AuthenticatorKey } from './authenticator-key.js';

/**
 * MFA_SETUP: the pool requires two-factor authentication and this user has none yet. Cognito issues a
 * secret (AssociateSoftwareToken), the operator adds it to an authenticator app and proves it with a
 * first code (VerifySoftwareToken), and the sign-in completes. The secret lives only in this component's
 * state: never stored, never logged.
 */
export function MfaSetupForm({
  challenge,
  onNext,
  onCancel,
}: {
  challenge: Extract<Challenge, { kind: 'mfa-setup' }>;
  onNext(outcome: SignInOutcome): void;
  onCancel(): void;
}) {
  const manager = useSessionManager();
  const [setup, setSetup] = useState<SoftwareTokenSetup | null>(null);
  const [setupError, setSetupError] = useState<unknown>(null);
  // Each session is good for one AssociateSoftwareToken: asked once, even when effects run twice.
  const asked = useRef<{ session: string; promise: Promise<SoftwareTokenSetup> } | null>(null);
  const [code, setCode] = useState('');
  const [deviceName, setDeviceName] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // After a good code, the session that finishes set-up (kept so a failed last step can be retried).
  const [verified, setVerified] = useState<string | null>(null);

  useEffect(() => {
    if (asked.current?.session !== challenge.session) {
      asked.current = { session: challenge.session, promise: manager.beginMfaSetup(challenge.session) };
    }
    let live = true;
    asked.current.promise.then(
      (s) => live && setSetup(s),
      (e: unknown) => live && setSetupError(e),
    );
    return () => {
      live = false;
    };
  }, [manager, challenge.session]);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!setup) return;
    const value = normalizeCode(code);
    const problem = verified ? undefined : codeProblem(value);
    setFieldError(problem);
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      const session = verified ?? (await manager.verifyMfaSetup(setup.session, value, deviceName.trim() || undefined));
      setVerified(session);
      onNext(await manager.completeMfaSetup(challenge.username, session));
    } catch (err) {
      setError(err);
      setCode('');
      setBusy(false);
    }
  }

  if (setupError) {
    return (
      <div className="space-y-4">
        <ErrorPanel title="Two-factor set-up could not start" error={setupError} />
        <button type="button" onClick={onCancel} className="w-full rounded border border-slate-300 px-4 py-2 text-sm text-slate-800 hover:bg-slate-50">
          Start again
        </button>
      </div>
    );
  }
  if (!setup) return <Loading label="Preparing your authenticator key…" />;

  const refusal = error ? codeRefusal(error) : undefined;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <p className="text-sm text-slate-700">
        <strong>{challenge.username}</strong> must use two-factor authentication. Add this account to an authenticator app
        (time-based codes): scan the QR code, or enter the key by hand. Then enter the 6-digit code it shows.
      </p>
      <AuthenticatorKey username={challenge.username} secret={setup.secretCode} />
      {!verified && (
        <>
          <TextField
            label="Code from the app"
            name="code"
            {...codeInputProps}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            error={fieldError}
          />
          <TextField label="Name for this authenticator (optional)" name="device" value={deviceName} onChange={(e) => setDeviceName(e.target.value)} maxLength={64} />
        </>
      )}
      {error != null && (refusal ? <FormAlert>{refusal.text}</FormAlert> : <ErrorPanel title="Two-factor set-up did not finish" error={error} />)}
      <div className="flex gap-2">
        {refusal?.retry === false ? (
          <button type="button" onClick={onCancel} className="flex-1 rounded bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700">
            Start again
          </button>
        ) : (
          <>
            <button type="submit" disabled={busy} className="flex-1 rounded bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700 disabled:opacity-60">
              {busy ? 'Checking…' : verified ? 'Finish signing in' : 'Verify and sign in'}
            </button>
            <button type="button" onClick={onCancel} className="rounded border border-slate-300 px-4 py-2 text-sm text-slate-800 hover:bg-slate-50">
              Cancel
            </button>
          </>
        )}
      </div>
    </form>
  );
}
