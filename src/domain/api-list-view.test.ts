import { describe, expect, it } from 'vitest';
import type { Api } from './api.js';
import { applyView, DEFAULT_VIEW, pageOf, parseView, serializeView } from './api-list-view.js';

const api = (id: string, name: string, type: Api['type'], created: string, description?: string): Api => ({
  id,
  name,
  type,
  endpoint: '',
  createdDate: new Date(created),
  description,
  executeApiDisabled: false,
});

const APIS = [
  api('r1', 'Payments', 'REST', '2026-01-02'),
  api('h1', 'checkout', 'HTTP', '2026-03-01', 'Cart and orders'),
  api('w1', 'Live Chat', 'WEBSOCKET', '2026-02-01'),
  api('r2', 'Pet Store', 'REST', '2025-12-01'),
];

describe('parseView / serializeView', () => {
  it('round-trips a view and leaves defaults out of the URL', () => {
    const view = { query: 'pet', types: ['REST', 'HTTP'] as Api['type'][], sort: 'created' as const, dir: 'desc' as const, page: 2 };
    const params = serializeView(view);
    expect(params.toString()).toBe('q=pet&type=REST%2CHTTP&sort=created&dir=desc&page=2');
    expect(parseView(params)).toEqual(view);
    expect(serializeView(DEFAULT_VIEW).toString()).toBe('');
  });

  it('ignores what a hand-edited link gets wrong', () => {
    expect(parseView(new URLSearchParams('type=rest,graphql,REST&sort=bogus&dir=up&page=-3'))).toEqual({
      ...DEFAULT_VIEW,
      types: ['REST'],
    });
  });
});

describe('applyView', () => {
  it('filters by type and searches name, id and description case-insensitively', () => {
    expect(applyView(APIS, { ...DEFAULT_VIEW, types: ['REST'] }).map((a) => a.id)).toEqual(['r1', 'r2']);
    expect(applyView(APIS, { ...DEFAULT_VIEW, query: 'ORDERS' }).map((a) => a.id)).toEqual(['h1']);
    expect(applyView(APIS, { ...DEFAULT_VIEW, query: 'w1' }).map((a) => a.id)).toEqual(['w1']);
  });

  it('sorts by name ignoring case, and by creation date either way', () => {
    expect(applyView(APIS, DEFAULT_VIEW).map((a) => a.name)).toEqual(['checkout', 'Live Chat', 'Payments', 'Pet Store']);
    expect(applyView(APIS, { ...DEFAULT_VIEW, sort: 'created', dir: 'desc' }).map((a) => a.id)).toEqual(['h1', 'w1', 'r1', 'r2']);
  });

  it('does not reorder its input', () => {
    const input = [...APIS];
    applyView(input, { ...DEFAULT_VIEW, sort: 'id' });
    expect(input).toEqual(APIS);
  });
});

describe('pageOf', () => {
  it('clamps the page into range', () => {
    const rows = Array.from({ length: 120 }, (_, i) => i);
    expect(pageOf(rows, 3, 50)).toEqual({ rows: rows.slice(100), page: 3, pages: 3 });
    expect(pageOf(rows, 9, 50).page).toBe(3);
    expect(pageOf([], 1, 50)).toEqual({ rows: [], page: 1, pages: 1 });
  });
});
