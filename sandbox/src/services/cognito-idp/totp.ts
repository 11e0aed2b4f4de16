import { createHmac, randomBytes } from 'node:crypto';

/**
 * RFC 6238 TOTP as authenticator apps and Cognito compute it: HMAC-SHA-1, 30-second steps from the Unix
 * epoch, 6 digits (RFC 4226 dynamic truncation). Secrets travel as RFC 4648 base32 without padding.
 */

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes base32, tolerating lower case, spaces and padding (as authenticator apps accept them). */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=]/g, '');
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const c of clean) {
    const i = ALPHABET.indexOf(c);
    if (i < 0) throw new Error(`Not base32: ${JSON.stringify(c)}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new secret as Cognito issues them: 32 random bytes, 52 base32 characters. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(32));
}

/** The time step an instant falls in. */
export const totpStep = (epochMs: number): number => Math.floor(epochMs / 1000 / TOTP_STEP_SECONDS);

/** RFC 4226 HOTP of one counter value. */
export function hotp(key: Buffer, counter: number): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(msg).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const bin = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(bin % 10 ** TOTP_DIGITS).padStart(TOTP_DIGITS, '0');
}

/** The code an authenticator app shows for `secret` (base32) at an instant (default: now). */
export function totpCode(secret: string, epochMs: number = Date.now()): string {
  return hotp(base32Decode(secret), totpStep(epochMs));
}

/**
 * The step a code belongs to, looking one step either side of `epochMs` (clock drift between the app and
 * the server, and a code typed just as it rolled over), or undefined when it matches none of them.
 */
export function matchTotp(secret: string, code: string, epochMs: number, window = 1): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const key = base32Decode(secret);
  const now = totpStep(epochMs);
  // The current step first, then the neighbours: a code matches at most one of them in practice.
  for (const step of [now, ...Array.from({ length: window }, (_, i) => [now - i - 1, now + i + 1]).flat()]) {
    if (hotp(key, step) === code) return step;
  }
  return undefined;
}
