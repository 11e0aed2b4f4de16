import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Dimension, MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { ConsoleConfig } from '../../../aws/config.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import type { ApiKind } from '../../../aws/query-scope.js';
import { countsOnGrid, sumOf } from '../../../domain/metric-batch.js';
import type { ThrottleMetric } from '../../../domain/throttle-tracking.js';
import { alignDown, granularityFor, periodFor, periodStarts, rangeKey, refreshMs, resolveRange, type Refresh, type TimeRange } from '../../../domain/time-range.js';
import { fetchMetricData } from './get-metric-data.js';
import { fetchMetricList } from './list-metrics.js';
import { dashboardsKeys } from './keys.js';

/** API keys drawn one per line; the rest still appear in the table under the chart. */
const MAX_KEY_SERIES = 100;

export interface ThrottledSeries {
  label: string;
  values: (number | null)[];
  total: number;
}

export interface ThrottledMetrics {
  grid: number[];
  period: number;
  start: Date;
  end: Date;
  total: ThrottledSeries;
  /** Per API key, most 429s first. */
  perKey: (ThrottledSeries & { keyId: string })[];
  keysNotShown: number;
}

/**
 * The 429 count from the metric filters' metric: the total (one series, or the sum of the series ListMetrics
 * finds when a dimension cannot be resolved for this stage) and one series per API key that had any.
 */
export async function fetchThrottledMetrics(
  config: ConsoleConfig,
  total: ThrottleMetric,
  perKey: ThrottleMetric | undefined,
  range: TimeRange,
  signal?: AbortSignal,
): Promise<ThrottledMetrics> {
  const now = new Date();
  const { start, end } = resolveRange(range, now);
  const period = periodFor(start, end, now);
  const aligned = alignDown(start, granularityFor(start, now));
  const stat = (Id: string, m: ThrottleMetric, Dimensions: Dimension[]): MetricDataQuery => ({
    Id,
    MetricStat: { Metric: { Namespace: m.namespace, MetricName: m.metricName, Dimensions }, Period: period, Stat: 'Sum' },
  });

  const [totalDims, keyMetrics] = await Promise.all([
    total.unresolved.length
      ? fetchMetricList(config, { Namespace: total.namespace, MetricName: total.metricName, Dimensions: total.dimensions }, signal).then((ms) =>
          ms.filter((m) => (m.Dimensions ?? []).length === total.dimensions.length + total.unresolved.length).map((m) => m.Dimensions ?? []),
        )
      : Promise.resolve([total.dimensions]),
    perKey?.keyDimension
      ? fetchMetricList(config, { Namespace: perKey.namespace, MetricName: perKey.metricName, Dimensions: [...perKey.dimensions, { Name: perKey.keyDimension }] }, signal)
      : Promise.resolve([]),
  ]);
  const keyed = keyMetrics
    .filter((m) => (m.Dimensions ?? []).length === perKey!.dimensions.length + 1)
    .map((m) => ({ keyId: m.Dimensions!.find((d) => d.Name === perKey!.keyDimension)?.Value ?? '', dims: m.Dimensions! }))
    .sort((a, b) => a.keyId.localeCompare(b.keyId));
  const shownKeys = keyed.slice(0, MAX_KEY_SERIES);

  const queries = [...totalDims.map((d, i) => stat(`t${i}`, total, d)), ...shownKeys.map((k, i) => stat(`k${i}`, perKey!, k.dims))];
  const out = queries.length ? await fetchMetricData(config, { groups: queries.map((q) => [q]), start: aligned, end }, signal) : { series: new Map() };
  const grid = periodStarts(aligned, end, period);
  const endMs = end.getTime();
  const totalGrids = totalDims.map((_d, j) => countsOnGrid(out.series.get(`t${j}`), grid, period, endMs));
  const totalValues = grid.map((_, i) => (totalGrids.every((g) => g[i] === null) ? null : totalGrids.reduce((n, g) => n + (g[i] ?? 0), 0)));
  const perKeySeries = shownKeys
    .map((k, i) => {
      const s = out.series.get(`k${i}`);
      return { keyId: k.keyId, label: k.keyId, values: countsOnGrid(s, grid, period, endMs), total: sumOf(s) ?? 0 };
    })
    .filter((k) => k.total > 0)
    .sort((a, b) => b.total - a.total || a.keyId.localeCompare(b.keyId));
  return {
    grid,
    period,
    start: aligned,
    end,
    total: { label: '429s', values: totalValues, total: totalValues.reduce<number>((a, b) => a + (b ?? 0), 0) },
    perKey: perKeySeries,
    keysNotShown: keyed.length - shownKeys.length,
  };
}

export function useThrottledMetrics(kind: ApiKind, apiId: string, stage: string, total: ThrottleMetric | undefined, perKey: ThrottleMetric | undefined, range: TimeRange, refresh: Refresh) {
  const config = useConsoleConfig();
  const fingerprint = JSON.stringify([total, perKey]);
  return useQuery({
    ...queryOptions({
      queryKey: dashboardsKeys.throttled(config.region, kind, apiId, stage, rangeKey(range), fingerprint),
      queryFn: ({ signal }) => fetchThrottledMetrics(config, total!, perKey, range, signal),
    }),
    enabled: total !== undefined,
    refetchInterval: refreshMs(refresh),
    placeholderData: keepPreviousData,
  });
}
