import type { AwsCredentialIdentity } from '@smithy/types';
import type { ConsoleConfig } from '../../../aws/config.js';
import { setCredentialProvider } from '../../../aws/credentials.js';
import { toAwsProblem } from '../../../aws/errors.js';
import { passwordSignIn, refreshTokens, type AuthStep, type Tokens } from '../api/initiate-auth.js';
import { answerSoftwareTokenMfa, completeMfaSetup, completeNewPassword } from '../api/respond-to-auth-challenge.js';
import { associateSoftwareToken, type SoftwareTokenSetup } from '../api/associate-software-token.js';
import { verifySoftwareToken } from '../api/verify-software-token.js';
import { getIdentityId } from '../api/get-id.js';
import { getAwsCredentials } from '../api/get-credentials-for-identity.js';
import { revokeRefreshToken } from '../api/revoke-token.js';
import { readIdClaims, type IdClaims } from './jwt.js';
import { clearStoredSession, readStoredSession, writeStoredSession, type StoredSession } from './session-storage.js';

/** Refresh this long before anything expires, so no call ever goes out with a dying token. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

type Credentials = AwsCredentialIdentity & { expiration: Date };

/** The operator is asked for their password again, over the screen they were on. */
export interface ReauthRequest {
  /** Fixed: only the same user may take the session back. */
  username: string;
  reason: string;
}

export type SessionState =
  | { status: 'signed-out'; reason?: string }
  | { status: 'restoring' }
  /** `reauth` is set while the session waits for the password again; the screens stay mounted. */
  | { status: 'signed-in'; user: IdClaims; reauth?: ReauthRequest };

/** A challenge Cognito put between the password and the tokens, with the session that answers it. */
export type Challenge =
  | { kind: 'new-password-required'; session: string; username: string; requiredAttributes: string[] }
  | { kind: 'software-token-mfa'; session: string; username: string; deviceName?: string }
  | { kind: 'mfa-setup'; session: string; username: string };

export type SignInOutcome = { kind: 'signed-in' } | Challenge;

const notSignedIn = (message = 'You are signed out.') => Object.assign(new Error(message), { name: 'NotSignedIn' });

/** Cognito usernames are case-insensitive (as the pool is made). */
const sameUser = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

interface PendingReauth {
  username: string;
  sub: string;
  /** Settles when the operator signs in again (resolves) or gives up (rejects). */
  done: Promise<void>;
  resolve(): void;
  reject(e: Error): void;
}

/**
 * Owns the signed-in session: Cognito tokens, the identity id and AWS credentials. Credentials are
 * handed to the SDK clients through a provider that refreshes tokens (REFRESH_TOKEN_AUTH) and
 * credentials (GetCredentialsForIdentity) ahead of expiry, once however many calls ask at the same time.
 *
 * When the session can no longer be refreshed while the operator is at work (the refresh token was
 * revoked or has expired), nothing is torn down: the state asks for the password again (`reauth`), the
 * screens and whatever was typed in them stay, and every AWS call waits in the credential provider until
 * the same user has signed in again, then goes out with the new credentials. Giving up signs out, and the
 * waiting calls fail saying so.
 */
export class SessionManager {
  private stored: StoredSession | undefined;
  private credentials: Credentials | undefined;
  private inflight: Promise<Credentials> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private reauth: PendingReauth | undefined;
  // A kept session starts as 'restoring', so the first render waits for it instead of bouncing to sign-in.
  private state: SessionState = readStoredSession() ? { status: 'restoring' } : { status: 'signed-out' };
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

  /** The password step, at the sign-in screen or (same user only) in the re-authentication dialog. */
  async signIn(username: string, password: string): Promise<SignInOutcome> {
    if (this.reauth && !sameUser(username, this.reauth.username)) {
      throw new Error(`Sign in again as ${this.reauth.username}, or sign out to change user.`);
    }
    return this.next(username, await passwordSignIn(this.config, username, password));
  }

  completeNewPassword(username: string, session: string, newPassword: string): Promise<SignInOutcome> {
    return completeNewPassword(this.config, username, session, newPassword).then((step) => this.next(username, step));
  }

  /** Answers SOFTWARE_TOKEN_MFA. A wrong code rejects (CodeMismatchException) and the same session may try again. */
  answerMfa(username: string, session: string, code: string): Promise<SignInOutcome> {
    return answerSoftwareTokenMfa(this.config, username, session, code).then((step) => this.next(username, step));
  }

  /** MFA_SETUP, first step: a new TOTP secret for the user's authenticator app. */
  beginMfaSetup(session: string): Promise<SoftwareTokenSetup> {
    return associateSoftwareToken(this.config, session);
  }

  /** MFA_SETUP, second step: the app's first code; returns the session that finishes set-up. */
  verifyMfaSetup(session: string, code: string, deviceName?: string): Promise<string> {
    return verifySoftwareToken(this.config, session, code, deviceName);
  }

  /** MFA_SETUP, last step, with the session verifyMfaSetup returned. */
  completeMfaSetup(username: string, session: string): Promise<SignInOutcome> {
    return completeMfaSetup(this.config, username, session).then((step) => this.next(username, step));
  }

  /** A current access token (refreshed first when near expiry), for Cognito's calls about the user's own account. */
  async accessToken(): Promise<string> {
    const s = this.stored;
    if (!s) throw notSignedIn();
    if (s.tokensExpireAt - this.now() <= REFRESH_MARGIN_MS) {
      this.inflight ??= this.refresh().finally(() => {
        this.inflight = undefined;
      });
      await this.inflight;
    }
    return this.stored!.accessToken;
  }

  /**
   * The operator gives up signing in again: the session ends, and every AWS call that was waiting for it
   * fails saying it was not sent.
   */
  cancelReauth(): Promise<void> {
    if (!this.reauth) return Promise.resolve();
    return this.signOut('You did not sign in again, so you were signed out. Changes waiting to be sent were not sent.');
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

  private async next(username: string, step: AuthStep): Promise<SignInOutcome> {
    switch (step.kind) {
      case 'tokens':
        if (this.reauth) await this.resume(this.reauth, step.tokens);
        else await this.start(username, step.tokens);
        return { kind: 'signed-in' };
      case 'new-password-required':
        return { kind: step.kind, session: step.session, username, requiredAttributes: step.requiredAttributes };
      case 'software-token-mfa':
        return { kind: step.kind, session: step.session, username, deviceName: step.deviceName };
      case 'mfa-setup':
        return { kind: step.kind, session: step.session, username };
    }
  }

  /** Tokens and credentials of a sign-in (the first, or one that takes a waiting session back). */
  private async establish(username: string, tokens: Tokens): Promise<void> {
    if (!tokens.refreshToken) throw new Error('Cognito did not issue a refresh token.');
    const identityId = await getIdentityId(this.config, tokens.idToken);
    const stored: StoredSession = {
      username,
      idToken: tokens.idToken,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      tokensExpireAt: this.now() + tokens.expiresIn * 1000,
      identityId,
    };
    this.credentials = this.onLocalClock(await getAwsCredentials(this.config, identityId, tokens.idToken), stored);
    this.stored = stored;
    writeStoredSession(stored);
    this.schedule();
  }

  private async start(username: string, tokens: Tokens): Promise<void> {
    await this.establish(username, tokens);
    setCredentialProvider(this.provideCredentials);
    this.setState({ status: 'signed-in', user: readIdClaims(tokens.idToken) });
  }

  /** The same user signed in again: the waiting calls go on with the new credentials. */
  private async resume(pending: PendingReauth, tokens: Tokens): Promise<void> {
    const user = readIdClaims(tokens.idToken);
    if (user.sub !== pending.sub) {
      // Cannot happen with the username fixed; if it did, nothing of one user may go on as another.
      await this.signOut('A different user signed in: the previous session was closed.');
      throw notSignedIn('A different user signed in: the previous session was closed.');
    }
    const old = this.stored?.refreshToken;
    await this.establish(pending.username, tokens);
    // The old sign-in may still hold a live refresh token (when only its ID token was refused): end it.
    if (old && old !== tokens.refreshToken) void revokeRefreshToken(this.config, old).catch(() => undefined);
    this.reauth = undefined;
    this.setState({ status: 'signed-in', user });
    pending.resolve();
  }

  /**
   * AWS states expiry on its own clock; a browser's may be minutes off. The ID token's `exp` against the
   * moment it arrived (`tokensExpireAt`, counted from receipt) gives the difference, so the credentials'
   * expiry is judged on this clock: no refresh storm when the browser runs fast, no expired call when slow.
   */
  private onLocalClock(c: Credentials, s: StoredSession): Credentials {
    const skewMs = readIdClaims(s.idToken).exp * 1000 - s.tokensExpireAt;
    return { ...c, expiration: new Date(c.expiration.getTime() - skewMs) };
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
    if (!s) throw notSignedIn();
    try {
      if (s.tokensExpireAt - this.now() <= REFRESH_MARGIN_MS) {
        const t = await refreshTokens(this.config, s.refreshToken);
        s.idToken = t.idToken;
        s.accessToken = t.accessToken;
        s.tokensExpireAt = this.now() + t.expiresIn * 1000;
        writeStoredSession(s);
      }
      this.credentials = this.onLocalClock(await getAwsCredentials(this.config, s.identityId, s.idToken), s);
      this.schedule();
      return this.credentials;
    } catch (e) {
      const problem = toAwsProblem(e);
      // Anything but a refused session (the network, a fault) is the call's own failure, shown where it happens.
      // At page load there is nothing on screen to keep: restore() ends the session and says why.
      if (problem.code !== 'NotAuthorizedException' || this.state.status !== 'signed-in' || this.stored !== s) throw e;
      await this.waitForReauth(s, `Your session has ended (${problem.message}). Sign in again to carry on where you were.`);
      return this.credentials!;
    }
  }

  /** Asks for the password again (once, however many calls are waiting) and waits for the outcome. */
  private waitForReauth(s: StoredSession, reason: string): Promise<void> {
    if (!this.reauth) {
      let resolve!: () => void;
      let reject!: (e: Error) => void;
      const done = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      this.reauth = { username: s.username, sub: readIdClaims(s.idToken).sub, done, resolve, reject };
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      // Nothing goes out on the old session from here on: every call waits for the new one.
      this.credentials = undefined;
      const user = this.state.status === 'signed-in' ? this.state.user : readIdClaims(s.idToken);
      this.setState({ status: 'signed-in', user, reauth: { username: s.username, reason } });
    }
    return this.reauth.done;
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
    const pending = this.reauth;
    this.reauth = undefined;
    pending?.reject(notSignedIn('You did not sign in again, so this request was not sent. You are signed out.'));
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
