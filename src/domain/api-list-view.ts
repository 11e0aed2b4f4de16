import { API_TYPES, type Api, type ApiType } from './api.js';

/**
 * The APIs table's search, type filter, sort and page, as a state of the URL: parsing is lenient
 * (a hand-edited link falls back to defaults), serializing omits defaults so links stay short.
 */
export type ApiSortKey = 'name' | 'type' | 'id' | 'created';
export const API_SORT_KEYS: readonly ApiSortKey[] = ['name', 'type', 'id', 'created'];

export interface ApiListView {
  query: string;
  /** Empty means every type. */
  types: ApiType[];
  sort: ApiSortKey;
  dir: 'asc' | 'desc';
  page: number;
}

export const DEFAULT_VIEW: ApiListView = { query: '', types: [], sort: 'name', dir: 'asc', page: 1 };
export const PAGE_SIZE = 50;

export function parseView(params: URLSearchParams): ApiListView {
  const types = (params.get('type') ?? '')
    .split(',')
    .map((t) => t.trim().toUpperCase())
    .filter((t): t is ApiType => (API_TYPES as readonly string[]).includes(t));
  const sort = params.get('sort') as ApiSortKey | null;
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    query: params.get('q') ?? '',
    types: [...new Set(types)],
    sort: sort && API_SORT_KEYS.includes(sort) ? sort : DEFAULT_VIEW.sort,
    dir: params.get('dir') === 'desc' ? 'desc' : 'asc',
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

export function serializeView(view: ApiListView): URLSearchParams {
  const p = new URLSearchParams();
  if (view.query) p.set('q', view.query);
  if (view.types.length) p.set('type', view.types.join(','));
  if (view.sort !== DEFAULT_VIEW.sort) p.set('sort', view.sort);
  if (view.dir !== DEFAULT_VIEW.dir) p.set('dir', view.dir);
  if (view.page !== 1) p.set('page', String(view.page));
  return p;
}

export function applyView(apis: readonly Api[], view: ApiListView): Api[] {
  const q = view.query.trim().toLowerCase();
  const filtered = apis.filter(
    (a) =>
      (view.types.length === 0 || view.types.includes(a.type)) &&
      (!q || a.name.toLowerCase().includes(q) || a.id.toLowerCase().includes(q) || (a.description ?? '').toLowerCase().includes(q)),
  );
  const sign = view.dir === 'asc' ? 1 : -1;
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  const cmp: Record<ApiSortKey, (a: Api, b: Api) => number> = {
    name: (a, b) => collator.compare(a.name, b.name),
    type: (a, b) => collator.compare(a.type, b.type),
    id: (a, b) => collator.compare(a.id, b.id),
    created: (a, b) => (a.createdDate?.getTime() ?? 0) - (b.createdDate?.getTime() ?? 0),
  };
  // Ties break on id so the order is stable across reloads.
  return filtered.sort((a, b) => sign * cmp[view.sort](a, b) || collator.compare(a.id, b.id));
}

export function pageOf<T>(rows: readonly T[], page: number, size = PAGE_SIZE): { rows: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const p = Math.min(Math.max(1, page), pages);
  return { rows: rows.slice((p - 1) * size, p * size), page: p, pages };
}
