import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { API_TYPES, type ApiType } from '../../../domain/api.js';
import { applyView, pageOf, parseView, serializeView, type ApiListView, type ApiSortKey } from '../../../domain/api-list-view.js';
import { DataTable } from '../../../components/data-table.js';
import { ErrorPanel } from '../../../components/error-panel.js';
import { Loading } from '../../../components/loading.js';
import { useRestApis } from '../api/get-rest-apis.js';
import { useV2Apis } from '../api/get-apis.js';
import { API_COLUMNS } from './apis-columns.js';
import { API_TYPE_LABEL } from './api-type-label.js';
import { Pager } from './pager.js';

/**
 * Every API of the three types in one table. REST APIs come from the v1 list and HTTP/WebSocket APIs
 * from the v2 list, each followed to its last page of 500; search, type filter, sort and page live in
 * the URL so a link reproduces the view.
 */
export function ApisPage() {
  const [params, setParams] = useSearchParams();
  const view = parseView(params);
  const rest = useRestApis();
  const v2 = useV2Apis();

  const setView = useCallback(
    (next: Partial<ApiListView>, replace = false) => setParams(serializeView({ ...view, page: 1, ...next }), { replace }),
    [view, setParams],
  );

  const all = useMemo(() => [...(rest.data ?? []), ...(v2.data ?? [])], [rest.data, v2.data]);
  const shown = useMemo(() => applyView(all, view), [all, view]);
  const page = pageOf(shown, view.page);
  const loading = rest.isPending || v2.isPending;
  const counts = useMemo(() => {
    const c: Record<ApiType, number> = { REST: 0, HTTP: 0, WEBSOCKET: 0 };
    for (const a of all) c[a.type]++;
    return c;
  }, [all]);

  const toggleType = (t: ApiType) =>
    setView({ types: view.types.includes(t) ? view.types.filter((x) => x !== t) : [...view.types, t] });
  const onSort = (key: ApiSortKey) => setView({ sort: key, dir: view.sort === key && view.dir === 'asc' ? 'desc' : 'asc' });

  return (
    <section aria-labelledby="apis-heading" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 id="apis-heading" className="text-2xl font-semibold text-slate-900">
            APIs
          </h1>
          <p className="text-sm text-slate-600" aria-live="polite">
            {loading ? 'Loading APIs…' : `${all.length} APIs: ${counts.REST} REST, ${counts.HTTP} HTTP, ${counts.WEBSOCKET} WebSocket`}
          </p>
        </div>
        <button
          type="button"
          onClick={() => void Promise.all([rest.refetch(), v2.refetch()])}
          disabled={rest.isFetching || v2.isFetching}
          className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-50"
        >
          {rest.isFetching || v2.isFetching ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>

      <div className="flex flex-wrap items-center gap-3">
        <label className="flex min-w-64 flex-1 items-center gap-2 text-sm">
          <span className="sr-only">Search APIs</span>
          <input
            type="search"
            placeholder="Search by name, ID or description"
            value={view.query}
            onChange={(e) => setView({ query: e.target.value }, true)}
            className="w-full rounded border border-slate-300 px-3 py-1.5 focus:border-indigo-600 focus:ring-1 focus:ring-indigo-600 focus:outline-none"
          />
        </label>
        <div role="group" aria-label="Filter by type" className="flex gap-1">
          {API_TYPES.map((t) => (
            <button
              key={t}
              type="button"
              aria-pressed={view.types.includes(t)}
              onClick={() => toggleType(t)}
              className="rounded-full border border-slate-300 px-3 py-1 text-sm text-slate-700 hover:bg-slate-50 aria-pressed:border-indigo-600 aria-pressed:bg-indigo-600 aria-pressed:text-white"
            >
              {API_TYPE_LABEL[t]}
            </button>
          ))}
        </div>
      </div>

      {rest.isError && <ErrorPanel title="REST APIs could not be listed" error={rest.error} onRetry={() => void rest.refetch()} />}
      {v2.isError && <ErrorPanel title="HTTP and WebSocket APIs could not be listed" error={v2.error} onRetry={() => void v2.refetch()} />}

      {loading ? (
        <Loading label="Loading APIs…" />
      ) : (
        <>
          <DataTable
            caption="APIs"
            columns={API_COLUMNS}
            rows={page.rows}
            rowKey={(a) => `${a.type}:${a.id}`}
            sort={{ key: view.sort, dir: view.dir, onSort }}
            empty={
              all.length === 0
                ? 'No APIs in this region yet.'
                : 'No API matches this search and filter.'
            }
          />
          <Pager page={page.page} pages={page.pages} total={shown.length} onPage={(p) => setView({ page: p })} />
        </>
      )}
    </section>
  );
}
