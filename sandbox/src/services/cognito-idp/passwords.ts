import { randomBytes, randomInt, scryptSync, timingSafeEqual } from 'node:crypto';
import type { PasswordPolicy } from './state.js';
import { invalidPassword, invalidParameter } from './errors.js';

/**
 * scrypt with modest cost: this is a local sandbox, and seeding five users must stay well under 100 ms.
 * The parameters travel in the stored hash, so raising them later keeps old hashes verifiable.
 */
const N = 2048;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, KEY_LENGTH, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}

/** A hash no password matches, verified against for unknown users so they answer in the same time. */
export const DUMMY_HASH = hashPassword(randomBytes(18).toString('base64'));

/** Characters Cognito counts as symbols in a password policy. */
const SYMBOLS = `^$*.[]{}()?"!@#%&/\\,><':;|_~\`=+- `;

/**
 * Checks a password against the pool's policy, raising the first violation with AWS's wording
 * (length, then lower case, upper case, numbers, symbols).
 */
export function enforcePolicy(password: string, policy: PasswordPolicy): void {
  if (password.length > 256) {
    throw invalidParameter(
      "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 256",
    );
  }
  const fail = (why: string) => invalidPassword(`Password does not conform to policy: ${why}`);
  if (password.length < policy.MinimumLength) throw fail('Password not long enough');
  if (policy.RequireLowercase && !/[a-z]/.test(password)) throw fail('Password must have lowercase characters');
  if (policy.RequireUppercase && !/[A-Z]/.test(password)) throw fail('Password must have uppercase characters');
  if (policy.RequireNumbers && !/[0-9]/.test(password)) throw fail('Password must have numeric characters');
  if (policy.RequireSymbols && ![...password].some((c) => SYMBOLS.includes(c))) throw fail('Password must have symbol characters');
}

/** A temporary password that satisfies the policy, for AdminCreateUser without TemporaryPassword. */
export function generateTemporaryPassword(policy: PasswordPolicy): string {
  const sets = ['abcdefghijkmnopqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '!#%&*+-=?@^_'];
  const all = sets.join('');
  const chars = sets.map((s) => s[randomInt(s.length)]!);
  while (chars.length < Math.max(policy.MinimumLength, 12)) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
