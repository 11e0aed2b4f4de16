import { randomBytes } from 'node:crypto';

/** Where new identifiers come from: random for requests, a seeded generator for the seeds. */
export interface IdSource {
  /** `length` characters from `alphabet`. */
  next(length: number, alphabet: string): string;
}

/** What store functions need besides the state: the clock, the account and an id source. */
export interface StoreEnv {
  now: Date;
  account: string;
  region: string;
  ids: IdSource;
}

export const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const MIXED_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export const randomIds: IdSource = {
  next(length, alphabet) {
    const bytes = randomBytes(length);
    let out = '';
    for (const b of bytes) out += alphabet[b % alphabet.length];
    return out;
  },
};

/** A deterministic id source (mulberry32), so seeded data has the same ids on every machine. */
export function seededIds(seed: number): IdSource {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next(length, alphabet) {
      let out = '';
      for (let i = 0; i < length; i++) out += alphabet[Math.floor(rand() * alphabet.length)];
      return out;
    },
  };
}

/** A fresh id not yet in `taken`. */
export function uniqueId(env: StoreEnv, taken: Record<string, unknown>, length: number, alphabet = LOWER_ALNUM): string {
  for (;;) {
    const id = env.ids.next(length, alphabet);
    if (!(id in taken)) return id;
  }
}

export const epochSeconds = (d: Date): number => Math.floor(d.getTime() / 1000);
