import { DeleteMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { ConsoleConfig } from '../../../aws/config.js';
import { cloudWatchLogs } from '../../../aws/logs-client.js';

/** DeleteMetricFilter: the metric it published keeps its data points until they expire. */
export async function deleteMetricFilter(config: ConsoleConfig, logGroupName: string, filterName: string): Promise<void> {
  await cloudWatchLogs(config).send(new DeleteMetricFilterCommand({ logGroupName, filterName }));
}
