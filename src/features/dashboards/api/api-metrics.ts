import { keepPreviousData, queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConsoleConfig } from '../../../aws/config.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { apiScope, type ApiKind } from '../../../aws/query-scope.js';
import type { Api } from '../../../domain/api.js';
import { widgetQueries, widgetsFor } from '../../../domain/dashboard-widgets.js';
import { apiDimensions } from '../../../domain/health.js';
import type { MetricSeries } from '../../../domain/metric-batch.js';
import { alignDown, granularityFor, periodFor, periodStarts, rangeKey, refreshMs, resolveRange, type Refresh, type TimeRange } from '../../../domain/time-range.js';
import { fetchMetricData } from './get-metric-data.js';
import { dashboardsKeys } from './keys.js';

export interface ApiMetrics {
  series: Map<string, MetricSeries>;
  /** Period starts (epoch ms) every chart is drawn on. */
  grid: number[];
  period: number;
  start: Date;
  end: Date;
  calls: number;
  fetchedAt: Date;
}

/**
 * Every widget of an API's (or a stage's) dashboard in one GetMetricData call: each widget's queries, metric
 * math included, travel together, and a period CloudWatch can answer for the range keeps each series within
 * 1,440 points.
 */
export async function fetchApiMetrics(
  config: ConsoleConfig,
  api: Pick<Api, 'type' | 'id' | 'name'>,
  stage: string | undefined,
  range: TimeRange,
  signal?: AbortSignal,
): Promise<ApiMetrics> {
  const now = new Date();
  const { start, end } = resolveRange(range, now);
  const period = periodFor(start, end, now);
  const aligned = alignDown(start, granularityFor(start, now));
  const dims = apiDimensions(api, stage);
  const groups = widgetsFor(api.type).map((w) => widgetQueries(w, api.type, dims, period));
  const out = await fetchMetricData(config, { groups, start: aligned, end }, signal);
  return { series: out.series, grid: periodStarts(aligned, end, period), period, start: aligned, end, calls: out.calls, fetchedAt: now };
}

export const apiMetricsQuery = (config: ConsoleConfig, kind: ApiKind, api: Pick<Api, 'type' | 'id' | 'name'>, stage: string | undefined, range: TimeRange) =>
  queryOptions({
    // The name is part of the key: REST metrics are found by it.
    queryKey: [...dashboardsKeys.apiMetrics(config.region, kind, api.id, stage, rangeKey(range)), api.type, api.name],
    queryFn: ({ signal }) => fetchApiMetrics(config, api, stage, range, signal),
  });

export function useApiMetrics(kind: ApiKind, api: Pick<Api, 'type' | 'id' | 'name'> | undefined, stage: string | undefined, range: TimeRange, refresh: Refresh) {
  const config = useConsoleConfig();
  const placeholder = { type: 'REST', id: '', name: '' } as const;
  return useQuery({
    ...apiMetricsQuery(config, kind, api ?? placeholder, stage, range),
    enabled: api !== undefined,
    refetchInterval: refreshMs(refresh),
    placeholderData: keepPreviousData,
  });
}

/** Reads every chart of an API's dashboard again (its metrics, its 429 setup and counts), not its settings. */
export function useRefreshApiHealth(kind: ApiKind, apiId: string) {
  const config = useConsoleConfig();
  const queryClient = useQueryClient();
  return () =>
    queryClient.refetchQueries({
      queryKey: apiScope(config.region, kind, apiId),
      type: 'active',
      predicate: (q) => q.queryKey.some((part) => part === 'health' || part === '429' || part === '429-tracking'),
    });
}
