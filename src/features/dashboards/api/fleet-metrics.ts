import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { ConsoleConfig } from '../../../aws/config.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import type { Api } from '../../../domain/api.js';
import { apiListFingerprint, fleetQueries, fleetRows, fleetTargets, worstFirst, type FleetRow } from '../../../domain/health.js';
import { periodFor, periodStarts, rangeKey, refreshMs, resolveRange, wholeRangePeriod, type Refresh, type TimeRange } from '../../../domain/time-range.js';
import { fetchMetricData } from './get-metric-data.js';
import { dashboardsKeys } from './keys.js';

/** Points in a fleet sparkline: enough to see a spike, few enough for 1,000 APIs in 8 calls' worth of data. */
export const SPARK_POINTS = 60;

export interface FleetMetrics {
  rows: FleetRow[];
  calls: number;
  queries: number;
  start: Date;
  end: Date;
  sparkPeriod: number;
  fetchedAt: Date;
}

/**
 * The fleet's health in as few GetMetricData calls as AWS allows: every API's queries (4 or 5 each) packed
 * 500 to a call, so 1,000 APIs cost ceil(queries / 500) calls, never one per API. Rows come back worst first.
 */
export async function fetchFleetMetrics(config: ConsoleConfig, apis: readonly Api[], range: TimeRange, signal?: AbortSignal): Promise<FleetMetrics> {
  const now = new Date();
  const { start, end } = resolveRange(range, now);
  const whole = wholeRangePeriod(start, end, now);
  const sparkPeriod = periodFor(start, end, now, SPARK_POINTS);
  const targets = fleetTargets(apis);
  const out = targets.length
    ? await fetchMetricData(config, { groups: fleetQueries(targets, sparkPeriod, whole.period), start: whole.start, end }, signal)
    : { series: new Map(), calls: 0, queries: 0 };
  // The trend leaves out a last period still in progress (it would read as a sudden drop); totals include it.
  const grid = periodStarts(whole.start, end, sparkPeriod).filter((t) => t + sparkPeriod * 1000 <= end.getTime());
  return { rows: fleetRows(targets, out.series, grid).sort(worstFirst), calls: out.calls, queries: out.queries, start: whole.start, end, sparkPeriod, fetchedAt: now };
}

export const fleetMetricsQuery = (config: ConsoleConfig, apis: readonly Api[], range: TimeRange) =>
  queryOptions({
    queryKey: dashboardsKeys.fleet(config.region, rangeKey(range), apiListFingerprint(apis)),
    queryFn: ({ signal }) => fetchFleetMetrics(config, apis, range, signal),
  });

export function useFleetMetrics(apis: readonly Api[] | undefined, range: TimeRange, refresh: Refresh) {
  const config = useConsoleConfig();
  return useQuery({
    ...fleetMetricsQuery(config, apis ?? [], range),
    enabled: apis !== undefined,
    refetchInterval: refreshMs(refresh),
    // A new range or refresh keeps the previous figures on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}
