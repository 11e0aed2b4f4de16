import type { OperationContext, ServiceModule } from '../../core/types.js';
import { initialState, type LogsState, SERVICE_NAME } from './state.js';
import { createLogGroup, deleteLogGroup, describeLogGroups, putRetentionPolicy } from './operations/log-groups.js';
import { deleteMetricFilter, describeMetricFilters, putMetricFilter } from './operations/metric-filters.js';
import { createLogStream, filterLogEvents, putLogEvents } from './operations/events.js';

/**
 * IAM resources as CloudWatch Logs reports them: a log group's operations on `...:log-group:<name>:*`,
 * CreateLogGroup on `...:log-group:<name>:log-stream:`, a stream's on `...:log-group:<name>:log-stream:<stream>`,
 * and the account-wide listings (DescribeLogGroups, DescribeMetricFilters without a group) on
 * `...:log-group::log-stream:`. The request body is read here (the service has not parsed it yet); a body
 * that is not JSON is authorized account-wide and then refused by the parser.
 */
function iam(ctx: OperationContext<LogsState>): { action: string; resource: string } {
  const base = `arn:aws:logs:${ctx.config.region}:${ctx.config.account}:log-group:`;
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(ctx.req.body.toString('utf8') || '{}') as Record<string, unknown>;
  } catch {
    /* the handler answers SerializationException */
  }
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
  let group = str('logGroupName');
  const identifier = str('logGroupIdentifier');
  if (!group && identifier) group = identifier.replace(/^arn:aws[a-z-]*:logs:[^:]*:\d{12}:log-group:/, '').replace(/:\*$/, '');
  const stream = str('logStreamName');
  const op = ctx.operation;
  let resource: string;
  if (op === 'CreateLogGroup') resource = `${base}${group ?? ''}:log-stream:`;
  else if (op === 'DescribeLogGroups' || !group) resource = `${base}:log-stream:`;
  else if ((op === 'CreateLogStream' || op === 'PutLogEvents') && stream !== undefined) resource = `${base}${group}:log-stream:${stream}`;
  else resource = `${base}${group}:*`;
  return { action: `logs:${op}`, resource };
}

/** Amazon CloudWatch Logs (awsJson 1.1): what the console's 429 setup uses, plus streams and events. */
export const logs: ServiceModule<LogsState> = {
  name: SERVICE_NAME,
  signingName: 'logs',
  protocol: 'json',
  jsonVersion: '1.1',
  targetPrefix: 'Logs_20140328',
  initialState,
  jsonOperations: [
    createLogGroup,
    deleteLogGroup,
    describeLogGroups,
    putRetentionPolicy,
    putMetricFilter,
    describeMetricFilters,
    deleteMetricFilter,
    createLogStream,
    putLogEvents,
    filterLogEvents,
  ],
  iam,
  accessDeniedStatus: 400,
};
