import { useMemo } from 'react';
import { Link } from 'react-router';
import { API_TYPES, apiPathKind, type Api, type ApiType } from '../../../domain/api.js';
import type { FleetRow } from '../../../domain/health.js';
import { describePeriod, describeRange } from '../../../domain/time-range.js';
import { Badge } from '../../../components/badge.js';
import { secondaryButton } from '../../../components/buttons.js';
import type { Column } from '../../../components/data-table.js';
import { ErrorPanel } from '../../../components/error-panel.js';
import { formatDateTime } from '../../../components/format.js';
import { Loading } from '../../../components/loading.js';
import { TimeRangePicker } from '../../../components/time-range-picker.js';
import { VirtualTable } from '../../../components/virtual-table.js';
import { useFleetMetrics } from '../api/fleet-metrics.js';
import { formatClock, formatValue } from './format.js';
import { Sparkline } from './sparkline.js';
import { useTimeRangeParams } from './use-time-range.js';

/** An API list the app hands in (REST from v1, HTTP and WebSocket from v2), with its query state. */
export interface ApiListSource {
  label: string;
  data: Api[] | undefined;
  isPending: boolean;
  error: unknown;
  refetch(): void;
}

const TYPE_LABEL: Record<ApiType, string> = { REST: 'REST', HTTP: 'HTTP', WEBSOCKET: 'WebSocket' };
const num = 'text-right tabular-nums';

function rateCell(v: number | undefined, warnAt: number, tone: string) {
  return <span className={v !== undefined && v >= warnAt ? `font-semibold ${tone}` : 'text-slate-700'}>{formatValue(v, 'percent')}</span>;
}

function columns(carry: string): Column<FleetRow>[] {
  return [
    {
      id: 'api',
      header: 'API',
      cell: (r) => (
        <span className="flex max-w-[11rem] items-center gap-2 sm:max-w-sm">
          <Link
            to={`/health/${apiPathKind(r.api.type)}/${encodeURIComponent(r.api.id)}${carry}`}
            className="min-w-0 truncate font-medium text-indigo-700 hover:underline"
            title={r.api.name}
          >
            {r.api.name}
          </Link>
          <Badge tone={r.api.type === 'REST' ? 'indigo' : r.api.type === 'HTTP' ? 'emerald' : 'amber'}>{TYPE_LABEL[r.api.type]}</Badge>
          {r.sharedWith > 0 && (
            <span className="text-xs text-amber-800" title="CloudWatch keys REST API metrics by name: these figures include every REST API of this name.">
              +{r.sharedWith} same name
            </span>
          )}
        </span>
      ),
    },
    { id: 'requests', header: 'Requests', className: num, cell: (r) => (r.requests ? formatValue(r.requests, 'count') : <span className="text-slate-600">none</span>) },
    { id: 'c4', header: '4xx rate', className: num, cell: (r) => rateCell(r.clientErrorRate, 5, 'text-amber-800') },
    { id: 'c5', header: '5xx rate', className: num, cell: (r) => rateCell(r.serverErrorRate, 1, 'text-red-700') },
    { id: 'p99', header: 'p99 latency', className: num, cell: (r) => <span title={r.api.type === 'WEBSOCKET' ? 'Integration latency: WebSocket APIs publish no Latency' : undefined}>{formatValue(r.p99, 'ms')}</span> },
    {
      id: 'trend',
      header: 'Requests over time',
      cell: (r) => (
        <Sparkline
          values={r.spark}
          errors={r.sparkErrors}
          label={`${r.api.name}: ${r.requests ? `${formatValue(r.requests, 'count')} requests, at most ${formatValue(Math.max(...r.spark), 'count')} per period` : 'no requests'}${r.sparkErrors.some((e) => e > 0) ? ', with server errors' : ''}`}
        />
      ),
    },
  ];
}

/**
 * `/health`: every API of the three types with its traffic, error rates, p99 latency and trend over the chosen
 * range, worst first, from GetMetricData calls of 500 queries. Search and type filter live in the URL.
 */
export function FleetPage({ sources }: { sources: readonly ApiListSource[] }) {
  const { view, problem, setView, params, setParams, carry } = useTimeRangeParams();
  const loadingApis = sources.some((s) => s.isPending);
  const apis = useMemo(() => (loadingApis ? undefined : sources.flatMap((s) => s.data ?? [])), [loadingApis, sources]);
  const metrics = useFleetMetrics(apis, view.range, view.refresh);

  const query = params.get('q') ?? '';
  const types = (params.get('types')?.split(',').filter((t): t is ApiType => (API_TYPES as readonly string[]).includes(t)) ?? []) as ApiType[];
  const setParam = (key: string, value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: key === 'q' },
    );
  const toggleType = (t: ApiType) => setParam('types', (types.includes(t) ? types.filter((x) => x !== t) : [...types, t]).join(','));

  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (metrics.data?.rows ?? []).filter(
      (r) => (types.length === 0 || types.includes(r.api.type)) && (!q || r.api.name.toLowerCase().includes(q) || r.api.id.toLowerCase().includes(q)),
    );
  }, [metrics.data, query, types]);
  const all = metrics.data?.rows ?? [];
  const withTraffic = all.filter((r) => r.requests).length;
  const with5xx = all.filter((r) => (r.serverErrorRate ?? 0) > 0).length;
  const cols = useMemo(() => columns(carry), [carry]);

  return (
    <section aria-labelledby="health-heading" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 id="health-heading" className="text-2xl font-semibold text-slate-900">
            Health
          </h1>
          <p className="text-sm text-slate-600">Every API’s requests, error rates and p99 latency over {describeRange(view.range, formatDateTime)}, worst first.</p>
        </div>
        <button type="button" className={secondaryButton} disabled={metrics.isFetching} onClick={() => void metrics.refetch()}>
          {metrics.isFetching ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      <TimeRangePicker view={view} onChange={setView} problem={problem} />

      {sources.map((s) => s.error ? <ErrorPanel key={s.label} title={`${s.label} could not be listed`} error={s.error} onRetry={s.refetch} /> : null)}
      {metrics.isError && <ErrorPanel title="Metrics could not be read from CloudWatch" error={metrics.error} onRetry={() => void metrics.refetch()} />}

      <div className="flex flex-wrap items-center gap-3">
        <label className="flex min-w-64 flex-1 items-center gap-2 text-sm">
          <span className="sr-only">Search APIs</span>
          <input
            type="search"
            placeholder="Search by name or ID"
            value={query}
            onChange={(e) => setParam('q', e.target.value)}
            className="w-full rounded border border-slate-300 px-3 py-1.5 focus:border-indigo-600 focus:ring-1 focus:ring-indigo-600 focus:outline-none"
          />
        </label>
        <div role="group" aria-label="Filter by type" className="flex gap-1">
          {API_TYPES.map((t) => (
            <button
              key={t}
              type="button"
              aria-pressed={types.includes(t)}
              onClick={() => toggleType(t)}
              className="rounded-full border border-slate-300 px-3 py-1 text-sm text-slate-700 hover:bg-slate-50 aria-pressed:border-indigo-600 aria-pressed:bg-indigo-600 aria-pressed:text-white"
            >
              {TYPE_LABEL[t]}
            </button>
          ))}
        </div>
      </div>

      {loadingApis ? (
        <Loading label="Loading APIs…" />
      ) : metrics.isPending ? (
        <Loading label="Reading metrics from CloudWatch…" />
      ) : metrics.data ? (
        <>
          <p className="text-sm text-slate-700" aria-live="polite">
            {all.length} APIs · {withTraffic} with traffic · {with5xx} with 5xx errors
            <span className="block text-xs text-slate-600 sm:ml-2 sm:inline">
              Updated {formatClock(metrics.data.fetchedAt)} · {metrics.data.queries} queries in {metrics.data.calls} GetMetricData call
              {metrics.data.calls === 1 ? '' : 's'} · trend per {describePeriod(metrics.data.sparkPeriod)}
            </span>
          </p>
          <VirtualTable
            caption="API health"
            columns={cols}
            rows={rows}
            rowKey={(r) => `${r.api.type}:${r.api.id}`}
            empty={all.length === 0 ? 'No APIs in this region yet.' : 'No API matches this search and filter.'}
          />
        </>
      ) : null}
    </section>
  );
}
