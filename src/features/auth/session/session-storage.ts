/**
 * The session as kept across reloads: tokens and the identity id, in sessionStorage (gone when the
 * tab closes, never shared with other tabs, never localStorage). AWS credentials stay in memory and
 * are fetched again after a reload.
 */
export interface StoredSession {
  username: string;
  idToken: string;
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the ID and access tokens expire. */
  tokensExpireAt: number;
  identityId: string;
}

const KEY = 'gateway-console.session';

export function readStoredSession(): StoredSession | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return undefined;
    const s = JSON.parse(raw) as StoredSession;
    if (!s.idToken || !s.refreshToken || !s.identityId) return undefined;
    return s;
  } catch {
    return undefined;
  }
}

export function writeStoredSession(s: StoredSession): void {
  sessionStorage.setItem(KEY, JSON.stringify(s));
}

export function clearStoredSession(): void {
  sessionStorage.removeItem(KEY);
}
