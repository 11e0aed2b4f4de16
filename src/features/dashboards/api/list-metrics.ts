import { ListMetricsCommand, type DimensionFilter, type Metric } from '@aws-sdk/client-cloudwatch';
import type { ConsoleConfig } from '../../../aws/config.js';
import { cloudWatch } from '../../../aws/cloudwatch-client.js';
import { collectPages } from '../../../aws/paginate.js';

/**
 * ListMetrics: every series of a metric that matches the dimension filters (and may have more dimensions),
 * published in the last two weeks. Used to find the API keys a per-key 429 metric has series for.
 */
export async function fetchMetricList(
  config: ConsoleConfig,
  filter: { Namespace: string; MetricName: string; Dimensions?: DimensionFilter[] },
  signal?: AbortSignal,
): Promise<Metric[]> {
  const client = cloudWatch(config);
  return collectPages(async (NextToken: string | undefined) => {
    const out = await client.send(new ListMetricsCommand({ ...filter, NextToken }), { abortSignal: signal });
    return { items: out.Metrics, next: out.NextToken };
  }, signal);
}
