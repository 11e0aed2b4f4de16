import type { AwsCredentialIdentity } from '@smithy/types';
import type { ConsoleConfig } from '../../../aws/config.js';
import { setCredentialProvider } from '../../../aws/credentials.js';
import { toAwsProblem } from '../../../aws/errors.js';
import { passwordSignIn, refreshTokens, type Tokens } from '../api/initiate-auth.js';
import { completeNewPassword } from '../api/respond-to-auth-challenge.js';
import { getIdentityId } from '../api/get-id.js';
import { getAwsCredentials } from '../api/get-credentials-for-identity.js';
import { revokeRefreshToken } from '../api/revoke-token.js';
import { readIdClaims, type IdClaims } from './jwt.js';
import { clearStoredSession, readStoredSession, writeStoredSession, type StoredSession } from './session-storage.js';

/** Refresh this long before anything expires, so no call ever goes out with a dying token. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

type Credentials = AwsCredentialIdentity & { expiration: Date };

export type SessionState =
  | { status: 'signed-out'; reason?: string }
  | { status: 'restoring' }
  | { status: 'signed-in'; user: IdClaims };

export type SignInOutcome = { kind: 'signed-in' } | { kind: 'new-password-required'; session: string; username: string; requiredAttributes: string[] };

/**
 * Owns the signed-in session: Cognito tokens, the identity id and AWS credentials. Credentials are
 * handed to the SDK clients through a provider that refreshes tokens (REFRESH_TOKEN_AUTH) and
 * credentials (GetCredentialsForIdentity) ahead of expiry, once however many calls ask at the same time.
 */
export class SessionManager {
  private stored: StoredSession | undefined;
  private credentials: Credentials | undefined;
  private inflight: Promise<Credentials> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private state: SessionState = { status: 'signed-out' };
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly config: ConsoleConfig,
    /** Called at sign-out so every cached query (and its data) goes with the session. */
    private readonly onSignOut: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** At page load: pick up a session kept in sessionStorage, if its tokens can still be refreshed. */
  async restore(): Promise<void> {
    const stored = readStoredSession();
    if (!stored) return;
    this.stored = stored;
    this.setState({ status: 'restoring' });
    setCredentialProvider(this.provideCredentials);
    try {
      await this.provideCredentials();
      this.setState({ status: 'signed-in', user: readIdClaims(this.stored.idToken) });
    } catch (e) {
      this.end(`Your session could not be resumed: ${toAwsProblem(e).message}`);
    }
  }

  async signIn(username: string, password: string): Promise<SignInOutcome> {
    const result = await passwordSignIn(this.config, username, password);
    if (result.kind === 'new-password-required') {
      return { kind: 'new-password-required', session: result.session, username, requiredAttributes: result.requiredAttributes };
    }
    await this.start(username, result.tokens);
    return { kind: 'signed-in' };
  }

  async completeNewPassword(username: string, session: string, newPassword: string): Promise<void> {
    const tokens = await completeNewPassword(this.config, username, session, newPassword);
    await this.start(username, tokens);
  }

  /**
   * Sign-out forgets tokens, credentials and every cached query at once, then revokes the refresh token
   * with Cognito. The revocation is not awaited: the operator is signed out here even when it fails.
   */
  signOut(reason?: string): Promise<void> {
    const refreshToken = this.stored?.refreshToken;
    this.end(reason);
    if (!refreshToken) return Promise.resolve();
    return revokeRefreshToken(this.config, refreshToken).catch(() => {
      /* the token still expires on its own; nothing the operator can do about it here */
    });
  }

  private async start(username: string, tokens: Tokens): Promise<void> {
    if (!tokens.refreshToken) throw new Error('Cognito did not issue a refresh token.');
    const identityId = await getIdentityId(this.config, tokens.idToken);
    this.stored = {
      username,
      idToken: tokens.idToken,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      tokensExpireAt: this.now() + tokens.expiresIn * 1000,
      identityId,
    };
    this.credentials = await getAwsCredentials(this.config, identityId, tokens.idToken);
    writeStoredSession(this.stored);
    setCredentialProvider(this.provideCredentials);
    this.schedule();
    this.setState({ status: 'signed-in', user: readIdClaims(tokens.idToken) });
  }

  /** The credential provider the SDK clients call before signing each request. */
  private provideCredentials = (): Promise<Credentials> => {
    if (this.credentials && this.credentials.expiration.getTime() - this.now() > REFRESH_MARGIN_MS) {
      return Promise.resolve(this.credentials);
    }
    this.inflight ??= this.refresh().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  };

  private async refresh(): Promise<Credentials> {
    const s = this.stored;
    if (!s) throw Object.assign(new Error('You are signed out.'), { name: 'NotSignedIn' });
    try {
      if (s.tokensExpireAt - this.now() <= REFRESH_MARGIN_MS) {
        const t = await refreshTokens(this.config, s.refreshToken);
        s.idToken = t.idToken;
        s.accessToken = t.accessToken;
        s.tokensExpireAt = this.now() + t.expiresIn * 1000;
        writeStoredSession(s);
      }
      this.credentials = await getAwsCredentials(this.config, s.identityId, s.idToken);
      this.schedule();
      return this.credentials;
    } catch (e) {
      const problem = toAwsProblem(e);
      // A revoked or expired refresh token cannot come back: end the session and say why.
      if (problem.code === 'NotAuthorizedException') this.end(`Your session ended (${problem.message}). Sign in again.`);
      throw e;
    }
  }

  /** Refresh in the background ahead of expiry, so the operator never waits on it mid-task. */
  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    const s = this.stored;
    const c = this.credentials;
    if (!s || !c) return;
    const due = Math.min(s.tokensExpireAt, c.expiration.getTime()) - REFRESH_MARGIN_MS;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.provideCredentials().catch(() => {
        /* the next call reports it where it happens */
      });
    }, Math.max(1000, due - this.now() + 1000));
  }

  private end(reason?: string): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.stored = undefined;
    this.credentials = undefined;
    this.inflight = undefined;
    clearStoredSession();
    setCredentialProvider(undefined);
    this.onSignOut();
    this.setState({ status: 'signed-out', reason });
  }

  private setState(state: SessionState): void {
    this.state = state;
    for (const l of this.listeners) l();
  }
}
