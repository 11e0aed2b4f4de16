import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { ConsoleConfig } from './config.js';
import { makeClient } from './clients.js';
import { Pacer } from './pacing.js';

/**
 * CloudWatch Logs' control operations allow 5 to 10 requests/s per account and region (CreateLogGroup and
 * PutMetricFilter 5, DescribeLogGroups and DescribeMetricFilters 10): the console stays under the lowest.
 */
export const logsPacer = new Pacer(4, 5);

/** CloudWatch Logs (log groups and metric filters for the 429 count). Loaded only with the dashboard screens. */
export function cloudWatchLogs(config: ConsoleConfig): CloudWatchLogsClient {
  return makeClient(CloudWatchLogsClient, 'logs', config, { signed: true, pacer: logsPacer });
}
