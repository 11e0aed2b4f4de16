import { invalidParameter } from '../errors.js';

/** A page of items sorted by `key`, resuming after the key a nextToken names. */
export function pageAfter<T>(items: T[], key: (t: T) => string, token: string | undefined, limit: number): { items: T[]; more: boolean } {
  let from = 0;
  if (token !== undefined) {
    const after = decodeToken(token);
    from = items.findIndex((t) => key(t) > after);
    if (from < 0) from = items.length;
  }
  return { items: items.slice(from, from + limit), more: from + limit < items.length };
}

export function nextTokenAfter<T>(page: { items: T[]; more: boolean }, key: (t: T) => string): { nextToken?: string } {
  if (!page.more || !page.items.length) return {};
  return { nextToken: encodeToken(key(page.items[page.items.length - 1]!)) };
}

export function encodeToken(key: string): string {
  return Buffer.from(JSON.stringify({ v: 1, k: key })).toString('base64url');
}

export function decodeToken(token: string): string {
  try {
    const d = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { v?: number; k?: string };
    if (d.v === 1 && typeof d.k === 'string') return d.k;
  } catch {
    /* fall through */
  }
  throw invalidParameter('The specified nextToken is invalid.');
}
