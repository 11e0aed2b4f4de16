import { PutMetricFilterCommand, type PutMetricFilterCommandInput } from '@aws-sdk/client-cloudwatch-logs';
import type { ConsoleConfig } from '../../../aws/config.js';
import { cloudWatchLogs } from '../../../aws/logs-client.js';

/** PutMetricFilter: creates (or replaces, by name) a metric filter on a log group. */
export async function putMetricFilter(config: ConsoleConfig, input: PutMetricFilterCommandInput): Promise<void> {
  await cloudWatchLogs(config).send(new PutMetricFilterCommand(input));
}
