/**
 * Reads a Cognito JWT's claims for display and scheduling. No verification here: the identity pool
 * and AWS verify the token; the console only needs to know who it is and when it expires.
 */
export interface IdClaims {
  sub: string;
  username: string;
  email?: string;
  groups: string[];
  exp: number;
}

export function readIdClaims(idToken: string): IdClaims {
  const part = idToken.split('.')[1];
  if (!part) throw new Error('Not a JWT');
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
  const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
  const claims = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  return {
    sub: String(claims.sub ?? ''),
    username: String(claims['cognito:username'] ?? claims.username ?? claims.sub ?? ''),
    email: typeof claims.email === 'string' ? claims.email : undefined,
    groups: Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as string[]) : [],
    exp: Number(claims.exp ?? 0),
  };
}
