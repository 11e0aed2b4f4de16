import { useId, useMemo } from 'react';
import { Link } from 'react-router';
import type { ApiKind } from '../../../aws/query-scope.js';
import type { Api } from '../../../domain/api.js';
import type { Deployment } from '../../../domain/deployment.js';
import { seriesId, widgetsFor } from '../../../domain/dashboard-widgets.js';
import { metricApiName } from '../../../domain/health.js';
import { countsOnGrid, onGrid } from '../../../domain/metric-batch.js';
import { describePeriod, describeRange } from '../../../domain/time-range.js';
import { Breadcrumbs } from '../../../components/breadcrumbs.js';
import { secondaryButton } from '../../../components/buttons.js';
import { ErrorBoundary } from '../../../components/error-boundary.js';
import { ErrorPanel } from '../../../components/error-panel.js';
import { formatDateTime } from '../../../components/format.js';
import { Loading } from '../../../components/loading.js';
import { TimeRangePicker } from '../../../components/time-range-picker.js';
import { useApiMetrics, useRefreshApiHealth } from '../api/api-metrics.js';
import { formatClock } from './format.js';
import type { ChartMarker } from './metric-chart.js';
import { ThrottlePanel } from './throttle-panel.js';
import { useTimeRangeParams } from './use-time-range.js';
import { WidgetCard, type WidgetState } from './widget-card.js';

export interface ApiDashboardProps {
  kind: ApiKind;
  apiId: string;
  /** The API (from the apis feature): its type decides the widgets, its name finds REST metrics. */
  api: { data: Api | undefined; isPending: boolean; error: unknown; refetch(): void };
  stages: readonly string[] | undefined;
  /** The API's deployments (from the deployments feature), marked on every chart. */
  deployments: readonly Deployment[] | undefined;
  /** Other REST APIs whose metrics CloudWatch files under the same name. */
  sameName?: number;
}

/**
 * `/health/:kind/:apiId[?stage=]`: the API's (or one stage's) traffic, latency percentiles and errors from the
 * widget registry, all in one GetMetricData call, deployments marked; with a stage, its 429s too.
 */
export function ApiDashboardPage(props: ApiDashboardProps) {
  const { kind, apiId, api } = props;
  const { view, problem, setView, params, setParams, carry } = useTimeRangeParams();
  const stage = params.get('stage') || undefined;
  const name = api.data?.name ?? apiId;
  const crumbs = [
    { label: 'Health', href: `/health${carry}` },
    ...(stage ? [{ label: name, href: `/health/${kind}/${encodeURIComponent(apiId)}${carry}` }, { label: `Stage ${stage}` }] : [{ label: name }]),
  ];
  return (
    <div className="space-y-5">
      <Breadcrumbs items={crumbs} />
      {api.isPending ? (
        <Loading label="Loading API…" />
      ) : api.error || !api.data ? (
        <ErrorPanel title="This API could not be loaded" error={api.error} onRetry={api.refetch} />
      ) : (
        <Dashboard {...props} api={api.data} stage={stage} view={view} problem={problem} setView={setView} setStage={(s) => setParams((p) => {
          const next = new URLSearchParams(p);
          if (s) next.set('stage', s);
          else next.delete('stage');
          return next;
        })} />
      )}
    </div>
  );
}

function Dashboard({
  kind,
  apiId,
  api,
  stages,
  deployments,
  sameName,
  stage,
  view,
  problem,
  setView,
  setStage,
}: Omit<ApiDashboardProps, 'api'> & {
  api: Api;
  stage: string | undefined;
  view: ReturnType<typeof useTimeRangeParams>['view'];
  problem?: string;
  setView: ReturnType<typeof useTimeRangeParams>['setView'];
  setStage(s: string | undefined): void;
}) {
  const stageId = useId();
  const metrics = useApiMetrics(kind, api, stage, view.range, view.refresh);
  const refresh = useRefreshApiHealth(kind, apiId);
  const widgets = widgetsFor(api.type);
  const data = metrics.data;
  const start = data?.start.getTime() ?? 0;
  const end = data?.end.getTime() ?? 0;
  const markers: ChartMarker[] = useMemo(
    () =>
      (deployments ?? [])
        .filter((d) => d.createdDate && d.createdDate.getTime() >= start && d.createdDate.getTime() <= end)
        .map((d) => ({ t: d.createdDate!.getTime(), label: `Deployment ${d.id}` })),
    [deployments, start, end],
  );
  const deployedInRange = (deployments ?? []).filter((d) => d.createdDate && d.createdDate.getTime() >= start && d.createdDate.getTime() <= end);
  const state: WidgetState = metrics.isPending
    ? { status: 'loading' }
    : metrics.isError && !data
      ? { status: 'error', error: metrics.error, retry: () => void metrics.refetch() }
      : { status: 'ready' };
  const apiPath = `/apis/${kind}/${encodeURIComponent(apiId)}`;

  return (
    <>
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold break-words text-slate-900">
            {api.name}
            {stage ? <span className="text-slate-600"> · stage {stage}</span> : null}
          </h1>
          <p className="text-sm text-slate-600">
            {stage ? `Stage ${stage}` : 'All stages'} over {describeRange(view.range, formatDateTime)}
            {data ? `, one point per ${describePeriod(data.period)}` : ''}.{' '}
            <Link to={apiPath} className="text-indigo-700 hover:underline">
              API details
            </Link>
            {stage && (
              <>
                {' · '}
                <Link to={`${apiPath}/stages/${encodeURIComponent(stage)}`} className="text-indigo-700 hover:underline">
                  Stage settings
                </Link>
              </>
            )}
          </p>
        </div>
        <div className="flex items-end gap-2">
          <label htmlFor={stageId} className="text-sm text-slate-700">
            <span className="block">Stage</span>
            <select
              id={stageId}
              value={stage ?? ''}
              onChange={(e) => setStage(e.target.value || undefined)}
              className="rounded border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-indigo-600 focus:ring-1 focus:ring-indigo-600 focus:outline-none"
            >
              <option value="">All stages</option>
              {stage && !stages?.includes(stage) && <option value={stage}>{stage}</option>}
              {stages?.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className={secondaryButton} disabled={metrics.isFetching} onClick={() => void refresh()}>
            {metrics.isFetching ? 'Refreshing…' : 'Refresh'}
          </button>
        </div>
      </header>
      <TimeRangePicker view={view} onChange={setView} problem={problem} />
      {api.type === 'REST' && (sameName ?? 0) > 0 && (
        <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          CloudWatch files REST API metrics by name: {sameName} other REST API{sameName === 1 ? ' is' : 's are'} also named “{metricApiName(api)}”, and these charts
          include {sameName === 1 ? 'its' : 'their'} traffic{stage ? ' on a stage of the same name' : ''}.
        </p>
      )}
      {metrics.isError && data && <ErrorPanel title="The latest refresh failed; the charts show the previous figures" error={metrics.error} onRetry={() => void metrics.refetch()} />}
      {data && (
        <p className="text-xs text-slate-600" aria-live="polite">
          Updated {formatClock(data.fetchedAt)} · {data.calls} GetMetricData call{data.calls === 1 ? '' : 's'}
        </p>
      )}

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        {widgets.map((w) => {
          const defs = w.series(api.type).filter((s) => !s.hidden);
          const series = data
            ? defs.map((s) => {
                const r = data.series.get(seriesId(w, s.key));
                return { key: s.key, label: s.label, values: w.zeroFill ? countsOnGrid(r, data.grid, data.period, end) : onGrid(r, data.grid, null) };
              })
            : [];
          const notes = data
            ? defs.flatMap((s) => {
                const r = data.series.get(seriesId(w, s.key));
                return r && r.status && !['Complete', 'PartialData'].includes(r.status) ? [`${s.label}: CloudWatch answered ${r.status}${r.messages.length ? ` (${r.messages.join('; ')})` : ''}.`] : [];
              })
            : [];
          const hasData = !!data && defs.some((s) => (data.series.get(seriesId(w, s.key))?.values.length ?? 0) > 0);
          return (
            <ErrorBoundary key={w.id} title={`${w.title} failed`}>
              <WidgetCard
                hasData={hasData}
                emptyText="No data in this range: API Gateway publishes metrics only while requests arrive."
                title={w.title}
                description={w.description}
                unit={w.unit}
                state={state}
                grid={data?.grid ?? []}
                series={series}
                start={start}
                end={end}
                markers={markers}
                notes={notes}
              />
            </ErrorBoundary>
          );
        })}
      </div>

      {data && (
        <section aria-label="Deployments in this range" className="text-sm text-slate-700">
          <h2 className="font-semibold text-slate-900">Deployments in this range</h2>
          {deployments === undefined ? (
            <p className="text-slate-600">Loading deployments…</p>
          ) : deployedInRange.length === 0 ? (
            <p className="text-slate-600">None: no deployment of this API falls in the range.</p>
          ) : (
            <ul className="list-disc pl-5">
              {deployedInRange.map((d) => (
                <li key={d.id}>
                  {formatDateTime(d.createdDate)}: <span className="font-mono text-xs">{d.id}</span>
                  {d.description ? ` — ${d.description}` : ''} (dashed line on the charts)
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {stage ? (
        <ThrottlePanel kind={kind} apiType={api.type} apiId={apiId} stageName={stage} view={view} />
      ) : (
        <p className="rounded border border-slate-200 bg-white px-3 py-2 text-sm text-slate-600">
          429s are counted per stage: choose a stage to see them (and whether they are counted at all).
        </p>
      )}
    </>
  );
}
