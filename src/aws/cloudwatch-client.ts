import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { ConsoleConfig } from './config.js';
import { makeClient } from './clients.js';
import { Pacer } from './pacing.js';

/**
 * CloudWatch's quotas are per operation and far above API Gateway's (GetMetricData 50 requests/s, ListMetrics
 * 25/s), but other dashboards and alarms in the account share them: the console takes a fifth. The fleet
 * screen needs one call per 500 queries, so 1,000 APIs still load in one burst.
 */
export const cloudWatchPacer = new Pacer(10, 10);

/** CloudWatch (metrics). Imported only by the dashboard screens, so its code loads with them. */
export function cloudWatch(config: ConsoleConfig): CloudWatchClient {
  return makeClient(CloudWatchClient, 'cloudwatch', config, { signed: true, pacer: cloudWatchPacer });
}
