import { GetMetricDataCommand, type MetricDataQuery, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import type { ConsoleConfig } from '../../../aws/config.js';
import { cloudWatch } from '../../../aws/cloudwatch-client.js';
import { collectPages, mapLimit } from '../../../aws/paginate.js';
import { batchQueries, mergeResults, type MetricSeries } from '../../../domain/metric-batch.js';

export interface MetricDataRequest {
  /** Query groups; a group (a widget with its metric math) always goes in one call. */
  groups: MetricDataQuery[][];
  start: Date;
  end: Date;
  /** Datapoints per page; AWS's default (100,800) unless a test wants to see NextToken pages. */
  maxDatapoints?: number;
}

export interface MetricDataOutcome {
  series: Map<string, MetricSeries>;
  /** GetMetricData requests sent, NextToken pages included. */
  calls: number;
  queries: number;
}

/** Calls in flight at once: the pacer keeps the rate, this keeps a large fleet from queueing every call at once. */
const PARALLEL_CALLS = 4;

/**
 * GetMetricData for any number of queries: packed into calls of up to 500, each followed through its NextToken
 * pages, the pages joined into one series per query id. Timestamps come back oldest first.
 */
export async function fetchMetricData(config: ConsoleConfig, req: MetricDataRequest, signal?: AbortSignal): Promise<MetricDataOutcome> {
  const batches = batchQueries(req.groups);
  const client = cloudWatch(config);
  let calls = 0;
  const pages = await mapLimit(batches, PARALLEL_CALLS, (MetricDataQueries) =>
    collectPages(async (NextToken: string | undefined) => {
      const out = await client.send(
        new GetMetricDataCommand({ MetricDataQueries, StartTime: req.start, EndTime: req.end, ScanBy: 'TimestampAscending', NextToken, MaxDatapoints: req.maxDatapoints }),
        { abortSignal: signal },
      );
      calls++;
      return { items: [out.MetricDataResults ?? []] as MetricDataResult[][], next: out.NextToken };
    }, signal),
  );
  return { series: mergeResults(pages.flat()), calls, queries: batches.reduce((n, b) => n + b.length, 0) };
}
