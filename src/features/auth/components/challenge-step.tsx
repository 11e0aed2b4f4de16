import { lazy, Suspense } from 'react';
import { Loading } from '../../../components/loading.js';
import type { Challenge, SignInOutcome } from '../session/session-manager.js';
import { MfaCodeForm } from './mfa-code-form.js';
import { NewPasswordForm } from './new-password-form.js';

// First-time set-up (with its QR encoder) is rare: it loads when asked for, not with the sign-in screen.
const MfaSetupForm = lazy(() => import('./mfa-setup-form.js').then((m) => ({ default: m.MfaSetupForm })));

/** The heading each challenge is shown under. */
export const CHALLENGE_TITLES: Record<Challenge['kind'], string> = {
  'new-password-required': 'Choose a new password',
  'software-token-mfa': 'Enter your authentication code',
  'mfa-setup': 'Set up two-factor authentication',
};

/**
 * The form for whatever Cognito asks between the password and the tokens. `onNext` gets the outcome of
 * answering it (signed in, or the next challenge); `onCancel` goes back to the password.
 */
export function ChallengeStep({ challenge, onNext, onCancel }: { challenge: Challenge; onNext(outcome: SignInOutcome): void; onCancel(): void }) {
  switch (challenge.kind) {
    case 'new-password-required':
      return <NewPasswordForm key={challenge.session} challenge={challenge} onNext={onNext} onCancel={onCancel} />;
    case 'software-token-mfa':
      return <MfaCodeForm key={challenge.session} challenge={challenge} onNext={onNext} onCancel={onCancel} />;
    case 'mfa-setup':
      return (
        <Suspense fallback={<Loading label="Loading two-factor set-up…" />}>
          <MfaSetupForm key={challenge.session} challenge={challenge} onNext={onNext} onCancel={onCancel} />
        </Suspense>
      );
  }
}
