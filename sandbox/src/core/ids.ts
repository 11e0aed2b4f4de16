import { randomBytes, randomUUID } from 'node:crypto';

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** AWS-style lower-case alphanumeric id (REST API and v2 API ids are 10 characters). */
export function alnumId(length = 10): string {
  const bytes = randomBytes(length);
  let id = '';
  for (const b of bytes) id += ALNUM[b % ALNUM.length];
  return id;
}

export function requestId(): string {
  return randomUUID();
}
