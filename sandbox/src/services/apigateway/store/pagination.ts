import { badRequest } from '../errors.js';

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 500;

export interface PageRequest {
  position?: string;
  limit?: number;
}

export interface Page<T> {
  items: T[];
  position?: string;
}

/**
 * One page of a collection in a fixed order. The position token carries the sort key of the last item
 * returned, not an offset, so items created or deleted while a client pages never shift later pages:
 * each item present throughout is returned exactly once.
 */
export function paginate<T>(sorted: readonly T[], keyOf: (item: T) => string, req: PageRequest): Page<T> {
  const limit = pageLimit(req.limit);
  let start = 0;
  if (req.position !== undefined && req.position !== '') {
    const after = decodePosition(req.position);
    start = lowerBound(sorted, keyOf, after);
    if (start < sorted.length && keyOf(sorted[start]!) === after) start++;
  }
  const items = sorted.slice(start, start + limit);
  const more = start + limit < sorted.length;
  return more && items.length ? { items, position: encodePosition(keyOf(items[items.length - 1]!)) } : { items };
}

/**
 * AWS documents a default of 25 and a maximum of 500. A limit of zero or less is not rejected by AWS
 * (recorded: `limit=-1` answers 200); the sandbox treats it as the default.
 */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit) || limit <= 0) return DEFAULT_LIMIT;
  if (limit > MAX_LIMIT) {
    throw badRequest(`1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to ${MAX_LIMIT}`);
  }
  return Math.floor(limit);
}

function encodePosition(key: string): string {
  return Buffer.from(JSON.stringify({ k: key }), 'utf8').toString('base64url');
}

function decodePosition(position: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(position, 'base64url').toString('utf8')) as { k?: unknown };
    if (typeof parsed.k === 'string') return parsed.k;
  } catch {
    /* fall through */
  }
  throw badRequest('Invalid pagination token specified');
}

function lowerBound<T>(sorted: readonly T[], keyOf: (item: T) => string, key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyOf(sorted[mid]!) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sorts by a string key (code-unit order, the same order the position token compares in). */
export function sortByKey<T>(items: T[], keyOf: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, key: keyOf(item) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((x) => x.item);
}
