import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { SigningKey } from './state.js';

/** Minimal RS256 JWTs with node:crypto: what Cognito issues, and what its consumers verify. */

export interface DecodedJwt {
  header: { kid?: string; alg?: string; [k: string]: unknown };
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export function generateSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  // Cognito's kids are base64 digests; this one is of the modulus, so it is stable for the key.
  const kid = createHash('sha256').update(jwk.n).digest('base64');
  return {
    kid,
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    jwk: { kid, kty: 'RSA', alg: 'RS256', use: 'sig', n: jwk.n, e: jwk.e },
  };
}

// KeyObjects are rebuilt from the state's PEM/JWK once per key and process.
const privateKeys = new Map<string, KeyObject>();
const publicKeys = new Map<string, KeyObject>();

function privateKeyOf(key: SigningKey): KeyObject {
  let k = privateKeys.get(key.privateKeyPem);
  if (!k) privateKeys.set(key.privateKeyPem, (k = createPrivateKey(key.privateKeyPem)));
  return k;
}

function publicKeyOf(key: SigningKey): KeyObject {
  const id = `${key.kid}:${key.jwk.n}`;
  let k = publicKeys.get(id);
  if (!k) publicKeys.set(id, (k = createPublicKey({ key: { kty: 'RSA', n: key.jwk.n, e: key.jwk.e }, format: 'jwk' })));
  return k;
}

export function signJwt(payload: Record<string, unknown>, key: SigningKey): string {
  const input = `${b64url(JSON.stringify({ kid: key.kid, alg: 'RS256' }))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${b64url(sign('sha256', Buffer.from(input), privateKeyOf(key)))}`;
}

/** Parses a compact JWS without trusting it; undefined when it is not one. */
export function decodeJwt(token: unknown): DecodedJwt | undefined {
  if (typeof token !== 'string') return undefined;
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as DecodedJwt['header'];
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (!header || typeof header !== 'object' || !payload || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
    return { header, payload, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2]!, 'base64url') };
  } catch {
    return undefined;
  }
}

/** True when the token is RS256 and signed by one of the keys (matched by kid). */
export function verifySignature(jwt: DecodedJwt, keys: readonly SigningKey[]): boolean {
  if (jwt.header.alg !== 'RS256') return false;
  const key = keys.find((k) => k.kid === jwt.header.kid);
  if (!key) return false;
  return verify('sha256', Buffer.from(jwt.signingInput), publicKeyOf(key), jwt.signature);
}
