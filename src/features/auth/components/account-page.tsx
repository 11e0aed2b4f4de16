import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { Badge } from '../../../components/badge.js';
import { primaryButton, secondaryButton } from '../../../components/buttons.js';
import { ErrorPanel } from '../../../components/error-panel.js';
import { FormActions } from '../../../components/form-actions.js';
import { FormAlert } from '../../../components/form-alert.js';
import { Loading } from '../../../components/loading.js';
import { SectionHeader } from '../../../components/section-header.js';
import { roleOf } from '../../../domain/role.js';
import { fetchUserMfa, newAuthenticatorSecret, turnOffAuthenticator, turnOnAuthenticator } from '../api/user-mfa.js';
import { useSession, useSessionManager } from '../session/session-context.js';
import { AuthenticatorKey } from './authenticator-key.js';
import { codeInputProps, codeProblem, codeRefusal, normalizeCode } from './mfa-code-form.js';
import { TextField } from './text-field.js';

/**
 * The signed-in user's own account: who they are, their role, and two-factor sign-in, which they can turn
 * on (or replace, or turn off where the pool makes it optional) without an administrator. Cognito's
 * user-facing calls take the access token, so IAM roles play no part and every role may do this.
 */
export function AccountPage() {
  const session = useSession();
  const manager = useSessionManager();
  const config = useConsoleConfig();
  const queryClient = useQueryClient();
  const [enrolling, setEnrolling] = useState(false);
  const [confirmOff, setConfirmOff] = useState(false);
  const mfa = useQuery({ queryKey: ['account', 'mfa'], queryFn: async () => fetchUserMfa(config, await manager.accessToken()) });
  const off = useMutation({
    mutationFn: async () => turnOffAuthenticator(config, await manager.accessToken()),
    onSuccess: () => setConfirmOff(false),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['account', 'mfa'] }),
  });
  if (session.status !== 'signed-in') return null;
  const { username, groups } = session.user;

  return (
    <div className="max-w-2xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold text-slate-900">Your account</h1>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="text-slate-600">User name</dt>
          <dd className="font-medium break-all">{username}</dd>
          <dt className="text-slate-600">Role</dt>
          <dd>
            {roleOf(groups) ?? 'none'} <span className="text-slate-600">(from the Cognito groups {groups.length ? groups.join(', ') : 'none'})</span>
          </dd>
        </dl>
      </header>

      <section aria-labelledby="mfa-heading" className="space-y-3">
        <SectionHeader id="mfa-heading" title="Two-factor sign-in" />
        {mfa.isPending ? (
          <Loading label="Reading your two-factor settings…" />
        ) : mfa.isError ? (
          <ErrorPanel title="Your two-factor settings could not be read" error={mfa.error} onRetry={() => void mfa.refetch()} />
        ) : enrolling ? (
          <Enrollment
            username={username}
            replacing={mfa.data.totpOn}
            onDone={() => {
              setEnrolling(false);
              void queryClient.invalidateQueries({ queryKey: ['account', 'mfa'] });
            }}
          />
        ) : (
          <div className="space-y-3 text-sm">
            <p className="flex flex-wrap items-center gap-2">
              Authenticator app (time-based codes):{' '}
              {mfa.data.totpOn ? <Badge tone="emerald">On</Badge> : <Badge>Off</Badge>}
            </p>
            <p className="text-slate-700">
              {mfa.data.totpOn
                ? 'Each sign-in asks for the 6-digit code your authenticator app shows, after your password.'
                : 'Sign-in asks for your password only. Turn on an authenticator app so that a stolen password is not enough.'}
            </p>
            <div className="flex flex-wrap gap-2">
              <button type="button" className={primaryButton} onClick={() => setEnrolling(true)}>
                {mfa.data.totpOn ? 'Replace the authenticator…' : 'Set up an authenticator app…'}
              </button>
              {mfa.data.totpOn && !confirmOff && (
                <button type="button" className={secondaryButton} onClick={() => setConfirmOff(true)}>
                  Turn off…
                </button>
              )}
            </div>
            {confirmOff && (
              <div role="group" aria-label="Turn off two-factor sign-in" className="space-y-2 rounded border border-amber-400 bg-amber-50 p-3">
                <p>Sign-in will ask for your password only. Where your organisation requires two-factor sign-in, Cognito refuses this.</p>
                <div className="flex gap-2">
                  <button type="button" className={primaryButton} disabled={off.isPending} onClick={() => off.mutate()}>
                    {off.isPending ? 'Turning off…' : 'Turn off two-factor sign-in'}
                  </button>
                  <button type="button" className={secondaryButton} onClick={() => setConfirmOff(false)}>
                    Keep it on
                  </button>
                </div>
              </div>
            )}
            {off.isError && <ErrorPanel title="Two-factor sign-in is still on" error={off.error} />}
          </div>
        )}
      </section>
    </div>
  );
}

/** A new secret, shown once; a first code from the app proves it and turns it on. Until then, nothing changes. */
function Enrollment({ username, replacing, onDone }: { username: string; replacing: boolean; onDone(): void }) {
  const manager = useSessionManager();
  const config = useConsoleConfig();
  // A fresh secret per visit to this form, never cached beyond it.
  const secret = useQuery({ queryKey: ['account', 'new-secret'], queryFn: async () => newAuthenticatorSecret(config, await manager.accessToken()), gcTime: 0, staleTime: Infinity, retry: false });
  const [code, setCode] = useState('');
  const [deviceName, setDeviceName] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const verify = useMutation({ mutationFn: async (c: string) => turnOnAuthenticator(config, await manager.accessToken(), c, deviceName.trim() || undefined) });

  if (secret.isPending) return <Loading label="Preparing your authenticator key…" />;
  if (secret.isError) return <ErrorPanel title="Two-factor set-up could not start" error={secret.error} onRetry={() => void secret.refetch()} />;
  if (verify.isSuccess) {
    return (
      <div role="status" className="space-y-2 rounded border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
        <p>Two-factor sign-in is on: the next sign-in asks for a code from this authenticator{replacing ? ', and the previous one no longer works' : ''}.</p>
        <button type="button" className={primaryButton} onClick={onDone}>
          Done
        </button>
      </div>
    );
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const value = normalizeCode(code);
    const problem = codeProblem(value);
    setFieldError(problem);
    if (!problem) verify.mutate(value, { onError: () => setCode('') });
  };
  const refusal = verify.isError ? codeRefusal(verify.error) : undefined;
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Set up an authenticator app" className="space-y-4">
      <p className="text-sm text-slate-700">
        Add this account to an authenticator app (time-based codes): scan the QR code, or enter the key by hand. Then enter the 6-digit code it shows.
        {replacing && ' Your current authenticator keeps working until this one is verified.'}
      </p>
      <AuthenticatorKey username={username} secret={secret.data} />
      <TextField label="Code from the app" name="code" {...codeInputProps} value={code} onChange={(e) => setCode(e.target.value)} error={fieldError} />
      <TextField label="Name for this authenticator (optional)" name="device" value={deviceName} onChange={(e) => setDeviceName(e.target.value)} maxLength={64} />
      {verify.isError && (refusal ? <FormAlert>{refusal.text}</FormAlert> : <ErrorPanel title="Two-factor sign-in was not turned on" error={verify.error} />)}
      <FormActions submitLabel={verify.isPending ? 'Checking…' : 'Verify and turn on'} busy={verify.isPending} onCancel={onDone} />
    </form>
  );
}
