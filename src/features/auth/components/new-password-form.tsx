import { useState, type FormEvent } from 'react';
import { toAwsProblem } from '../../../aws/errors.js';
import { ErrorPanel } from '../../../components/error-panel.js';
import { useSessionManager } from '../session/session-context.js';
import type { Challenge, SignInOutcome } from '../session/session-manager.js';
import { TextField } from './text-field.js';
import { FormAlert } from '../../../components/form-alert.js';

/** Cognito's default password policy; the pool has the last word (InvalidPasswordException). */
export function passwordProblem(pw: string): string | undefined {
  if (pw.length < 8) return 'Use at least 8 characters.';
  if (!/[a-z]/.test(pw)) return 'Include a lower-case letter.';
  if (!/[A-Z]/.test(pw)) return 'Include an upper-case letter.';
  if (!/[0-9]/.test(pw)) return 'Include a number.';
  if (!/[^A-Za-z0-9]/.test(pw)) return 'Include a symbol.';
  return undefined;
}

export function NewPasswordForm({
  challenge,
  onNext,
  onCancel,
}: {
  challenge: Extract<Challenge, { kind: 'new-password-required' }>;
  /** The pool may ask for MFA after the new password. */
  onNext(outcome: SignInOutcome): void;
  onCancel(): void;
}) {
  const manager = useSessionManager();
  const [pw, setPw] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ pw?: string; confirm?: string }>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const errs = { pw: passwordProblem(pw), confirm: pw !== confirm ? 'The two passwords differ.' : undefined };
    setErrors(errs);
    if (errs.pw || errs.confirm) return;
    setBusy(true);
    setError(null);
    try {
      onNext(await manager.completeNewPassword(challenge.username, challenge.session, pw));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const problem = error ? toAwsProblem(error) : null;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <p className="text-sm text-slate-700">
        <strong>{challenge.username}</strong> must set a new password before the first sign-in. Use 8 or more characters with upper
        and lower case, a number and a symbol.
      </p>
      <TextField label="New password" type="password" autoComplete="new-password" value={pw} onChange={(e) => setPw(e.target.value)} error={errors.pw} />
      <TextField
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
        error={errors.confirm}
      />
      {problem &&
        (problem.code === 'InvalidPasswordException' ? (
          <FormAlert>{problem.message}</FormAlert>
        ) : (
          <ErrorPanel title="The new password was not accepted" error={error} />
        ))}
      <div className="flex gap-2">
        <button type="submit" disabled={busy} className="flex-1 rounded bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700 disabled:opacity-60">
          {busy ? 'Saving…' : 'Set password and sign in'}
        </button>
        <button type="button" onClick={onCancel} className="rounded border border-slate-300 px-4 py-2 text-sm text-slate-800 hover:bg-slate-50">
          Cancel
        </button>
      </div>
    </form>
  );
}
