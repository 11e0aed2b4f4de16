import type { ApiKey, Memberships } from './api-key.js';

/**
 * The keys table's search and filters as a state of the URL. Matching is prepared once per key list
 * (lower-cased haystacks), so a keystroke over 10,000 keys is a plain scan of short strings.
 */
export interface KeyListView {
  query: string;
  enabled: 'all' | 'enabled' | 'disabled';
  /** A usage plan id, `none` for keys in no plan, or '' for any. */
  plan: string;
  /** `key` or `key=value`. */
  tag: string;
}

export const DEFAULT_KEY_VIEW: KeyListView = { query: '', enabled: 'all', plan: '', tag: '' };

export function parseKeyView(p: URLSearchParams): KeyListView {
  const enabled = p.get('enabled');
  return {
    query: p.get('q') ?? '',
    enabled: enabled === 'enabled' || enabled === 'disabled' ? enabled : 'all',
    plan: p.get('plan') ?? '',
    tag: p.get('tag') ?? '',
  };
}

export function serializeKeyView(v: KeyListView): URLSearchParams {
  const p = new URLSearchParams();
  if (v.query) p.set('q', v.query);
  if (v.enabled !== 'all') p.set('enabled', v.enabled);
  if (v.plan) p.set('plan', v.plan);
  if (v.tag) p.set('tag', v.tag);
  return p;
}

export interface IndexedKey {
  key: ApiKey;
  haystack: string;
}

/** Name, id, customer id and description, lower-cased: what search looks in. */
export function indexKeys(keys: readonly ApiKey[]): IndexedKey[] {
  return keys.map((key) => ({ key, haystack: `${key.name}\n${key.id}\n${key.customerId ?? ''}\n${key.description ?? ''}`.toLowerCase() }));
}

export function filterKeys(index: readonly IndexedKey[], view: KeyListView, memberships: Memberships | undefined): ApiKey[] {
  const q = view.query.trim().toLowerCase();
  const [tagKey, tagValue] = view.tag.includes('=') ? [view.tag.slice(0, view.tag.indexOf('=')), view.tag.slice(view.tag.indexOf('=') + 1)] : [view.tag, undefined];
  const out: ApiKey[] = [];
  for (const { key, haystack } of index) {
    if (q && !haystack.includes(q)) continue;
    if (view.enabled === 'enabled' && !key.enabled) continue;
    if (view.enabled === 'disabled' && key.enabled) continue;
    if (view.plan && memberships) {
      const plans = memberships.get(key.id) ?? [];
      if (view.plan === 'none' ? plans.length > 0 : !plans.includes(view.plan)) continue;
    }
    if (tagKey && (tagValue === undefined ? !(tagKey in key.tags) : key.tags[tagKey] !== tagValue)) continue;
    out.push(key);
  }
  return out;
}
