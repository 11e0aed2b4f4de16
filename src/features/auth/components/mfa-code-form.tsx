import { useRef, useState, type FormEvent } from 'react';
import { toAwsProblem } from '../../../aws/errors.js';
import { ErrorPanel } from '../../../components/error-panel.js';
import { FormAlert } from '../../../components/form-alert.js';
import { useSessionManager } from '../session/session-context.js';
import type { Challenge, SignInOutcome } from '../session/session-manager.js';
import { TextField } from './text-field.js';

/** Six digits, as an authenticator app shows them (spaces typed from the app's grouping are dropped). */
export const normalizeCode = (s: string) => s.replace(/\s/g, '');
export const codeProblem = (code: string) => (/^\d{6}$/.test(code) ? undefined : 'Enter the 6 digits your authenticator app shows.');

/**
 * What a refused code means for the operator. A wrong or spent code may be tried again on the same
 * session; a spent session (too slow, too many tries) means starting again from the password.
 */
export function codeRefusal(error: unknown): { retry: boolean; text: string } | undefined {
  const p = toAwsProblem(error);
  switch (p.code) {
    case 'CodeMismatchException':
    case 'EnableSoftwareTokenMFAException':
      return { retry: true, text: `Wrong code (${p.message}). Check your authenticator app and enter the code it shows now.` };
    case 'ExpiredCodeException':
      return { retry: true, text: `That code was already used (${p.message}). Wait for your app to show a new code, then enter it.` };
    case 'NotAuthorizedException':
      return { retry: false, text: `This sign-in can no longer go on (${p.message}). Start again with your password.` };
    default:
      return undefined;
  }
}

export const codeInputProps = {
  inputMode: 'numeric' as const,
  autoComplete: 'one-time-code',
  maxLength: 7,
  spellCheck: false,
};

/** SOFTWARE_TOKEN_MFA: the code from the user's authenticator app, retried on the same session when wrong. */
export function MfaCodeForm({
  challenge,
  onNext,
  onCancel,
}: {
  challenge: Extract<Challenge, { kind: 'software-token-mfa' }>;
  onNext(outcome: SignInOutcome): void;
  onCancel(): void;
}) {
  const manager = useSessionManager();
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const value = normalizeCode(code);
    const problem = codeProblem(value);
    setFieldError(problem);
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      onNext(await manager.answerMfa(challenge.username, challenge.session, value));
    } catch (err) {
      setError(err);
      setCode('');
      setBusy(false);
      input.current?.focus();
    }
  }

  const refusal = error ? codeRefusal(error) : undefined;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <p className="text-sm text-slate-700">
        <strong>{challenge.username}</strong> uses two-factor authentication. Enter the 6-digit code from your authenticator app
        {challenge.deviceName ? ` (${challenge.deviceName})` : ''}.
      </p>
      <TextField
        ref={input}
        label="Authentication code"
        name="code"
        {...codeInputProps}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={fieldError}
        autoFocus
      />
      {error != null && (refusal ? <FormAlert>{refusal.text}</FormAlert> : <ErrorPanel title="The code could not be checked" error={error} />)}
      <div className="flex gap-2">
        {refusal?.retry === false ? (
          <button type="button" onClick={onCancel} className="flex-1 rounded bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700">
            Start again
          </button>
        ) : (
          <>
            <button type="submit" disabled={busy} className="flex-1 rounded bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700 disabled:opacity-60">
              {busy ? 'Checking…' : 'Verify'}
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
