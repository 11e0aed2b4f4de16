import { DescribeMetricFiltersCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { ConsoleConfig } from '../../../aws/config.js';
import { cloudWatchLogs } from '../../../aws/logs-client.js';
import { collectPages } from '../../../aws/paginate.js';
import type { MetricFilterInfo } from '../../../domain/throttle-tracking.js';

/** DescribeMetricFilters: every filter of one log group, 50 a page (the largest AWS allows). */
export async function fetchMetricFilters(config: ConsoleConfig, logGroupName: string, signal?: AbortSignal): Promise<MetricFilterInfo[]> {
  const client = cloudWatchLogs(config);
  const filters = await collectPages(async (nextToken: string | undefined) => {
    const out = await client.send(new DescribeMetricFiltersCommand({ logGroupName, limit: 50, nextToken }), { abortSignal: signal });
    return { items: out.metricFilters, next: out.nextToken };
  }, signal);
  return filters.map((f) => ({
    filterName: f.filterName ?? '',
    filterPattern: f.filterPattern ?? '',
    transformations: (f.metricTransformations ?? []).map((t) => ({
      metricNamespace: t.metricNamespace ?? '',
      metricName: t.metricName ?? '',
      metricValue: t.metricValue ?? '',
      dimensions: t.dimensions,
      unit: t.unit,
    })),
  }));
}
