import type { ServiceModule } from '../../core/types.js';
import { type CloudWatchState, initialState, SERVICE_NAME } from './state.js';
import { putMetricData } from './operations/put-metric-data.js';
import { getMetricData } from './operations/get-metric-data.js';
import { listMetrics } from './operations/list-metrics.js';
import { describeAlarms } from './operations/describe-alarms.js';

/**
 * Amazon CloudWatch (awsJson 1.0, query compatible): metrics in and out, and the alarms the seed defines.
 * The SDK signs for `monitoring`; IAM knows the service as `cloudwatch`. The metric operations take no
 * resource-level permissions (`*`); DescribeAlarms is authorized on the alarm ARN pattern
 * `arn:aws:cloudwatch:<region>:<account>:alarm:*`, as AWS reports it in its AccessDenied messages.
 */
export const cloudwatch: ServiceModule<CloudWatchState> = {
  name: SERVICE_NAME,
  signingName: 'monitoring',
  protocol: 'json',
  jsonVersion: '1.0',
  targetPrefix: 'GraniteServiceVersion20100801',
  initialState,
  jsonOperations: [putMetricData, getMetricData, listMetrics, describeAlarms],
  iam: (ctx) => ({
    action: `cloudwatch:${ctx.operation}`,
    resource: ctx.operation === 'DescribeAlarms' ? `arn:aws:cloudwatch:${ctx.config.region}:${ctx.config.account}:alarm:*` : '*',
  }),
};
