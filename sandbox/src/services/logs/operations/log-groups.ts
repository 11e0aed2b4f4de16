import type {
  CreateLogGroupCommandInput,
  DeleteLogGroupCommandInput,
  DescribeLogGroupsCommandInput,
  DescribeLogGroupsCommandOutput,
  PutRetentionPolicyCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import type { JsonOperation, OperationContext } from '../../../core/types.js';
import { groupArn, type LogsState } from '../state.js';
import { Checks, checkGroupName, groupNotFound, invalidParameter, LOG_GROUP_NAME, resourceAlreadyExists } from '../errors.js';
import { pageAfter, nextTokenAfter } from './paging.js';
import { expire } from '../store.js';

type Out<T> = Omit<T, '$metadata'>;

export const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** Creates a log group (STANDARD class unless given), with no retention (never expire) and no streams. */
export const createLogGroup: JsonOperation<LogsState> = {
  name: 'CreateLogGroup',
  auth: 'sigv4',
  mutates: true,
  handler(ctx: OperationContext<LogsState>, input: CreateLogGroupCommandInput): Record<string, never> {
    const c = new Checks();
    checkGroupName(c, input.logGroupName);
    c.length(input.kmsKeyId, 'kmsKeyId', 0, 256);
    c.enumeration(input.logGroupClass, 'logGroupClass', ['STANDARD', 'INFREQUENT_ACCESS', 'DELIVERY']);
    const tags = Object.entries(input.tags ?? {});
    if (input.tags) c.length(tags, 'tags', 1, 50);
    tags.forEach(([k, v]) => {
      c.length(k, `tags.${k}.member.key`, 1, 128);
      c.length(v, `tags.${k}.member.value`, 0, 256);
    });
    c.throwIfAny();
    const name = input.logGroupName!;
    if (name.startsWith('aws/')) throw invalidParameter("Log group names starting with 'aws/' are reserved for AWS.");
    if (ctx.state.groups[name]) throw resourceAlreadyExists('The specified log group already exists');
    ctx.state.groups[name] = {
      logGroupName: name,
      creationTime: ctx.config.now().getTime(),
      storedBytes: 0,
      logGroupClass: input.logGroupClass ?? 'STANDARD',
      ...(input.kmsKeyId ? { kmsKeyId: input.kmsKeyId } : {}),
      ...(input.deletionProtectionEnabled ? { deletionProtectionEnabled: true } : {}),
      tags: { ...(input.tags ?? {}) },
      metricFilters: {},
      streams: {},
    };
    return {};
  },
};

/** Deletes a log group with its streams, events and metric filters. */
export const deleteLogGroup: JsonOperation<LogsState> = {
  name: 'DeleteLogGroup',
  auth: 'sigv4',
  mutates: true,
  handler(ctx: OperationContext<LogsState>, input: DeleteLogGroupCommandInput): Record<string, never> {
    const c = new Checks();
    checkGroupName(c, input.logGroupName);
    c.throwIfAny();
    const group = ctx.state.groups[input.logGroupName!];
    if (!group) throw groupNotFound();
    if (group.deletionProtectionEnabled) {
      throw invalidParameter('Deletion protection is enabled for this log group.');
    }
    delete ctx.state.groups[input.logGroupName!];
    return {};
  },
};

/**
 * Lists log groups in name order, `limit` (1-50, default 50) a page. `logGroupNamePrefix` (case-sensitive)
 * and `logGroupNamePattern` (a case-insensitive substring) exclude each other.
 */
export const describeLogGroups: JsonOperation<LogsState> = {
  name: 'DescribeLogGroups',
  auth: 'sigv4',
  mutates: false,
  handler(ctx: OperationContext<LogsState>, input: DescribeLogGroupsCommandInput): Out<DescribeLogGroupsCommandOutput> {
    const c = new Checks();
    c.length(input.logGroupNamePrefix, 'logGroupNamePrefix', 1, 512);
    c.pattern(input.logGroupNamePrefix, 'logGroupNamePrefix', LOG_GROUP_NAME, '[\\.\\-_/#A-Za-z0-9]+');
    c.length(input.logGroupNamePattern, 'logGroupNamePattern', 0, 512);
    c.pattern(input.logGroupNamePattern, 'logGroupNamePattern', /^[.\-_/#A-Za-z0-9]*$/, '[\\.\\-_/#A-Za-z0-9]*');
    c.range(input.limit, 'limit', 1, 50);
    c.length(input.nextToken, 'nextToken', 1, Infinity);
    c.enumeration(input.logGroupClass, 'logGroupClass', ['STANDARD', 'INFREQUENT_ACCESS', 'DELIVERY']);
    c.throwIfAny();
    if (input.logGroupNamePrefix !== undefined && input.logGroupNamePattern !== undefined) {
      throw invalidParameter('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
    }
    const { region, account } = ctx.config;
    if (input.accountIdentifiers?.some((a) => a !== account)) return { logGroups: [] };
    const now = ctx.config.now().getTime();
    const pattern = input.logGroupNamePattern?.toLowerCase();
    const groups = Object.values(ctx.state.groups)
      .filter((g) => input.logGroupNamePrefix === undefined || g.logGroupName.startsWith(input.logGroupNamePrefix))
      .filter((g) => pattern === undefined || g.logGroupName.toLowerCase().includes(pattern))
      .filter((g) => input.logGroupClass === undefined || g.logGroupClass === input.logGroupClass)
      .sort((a, b) => (a.logGroupName < b.logGroupName ? -1 : a.logGroupName > b.logGroupName ? 1 : 0));
    const page = pageAfter(groups, (g) => g.logGroupName, input.nextToken, input.limit ?? 50);
    return {
      logGroups: page.items.map((g) => {
        expire(g, now);
        return {
          logGroupName: g.logGroupName,
          creationTime: g.creationTime,
          ...(g.retentionInDays ? { retentionInDays: g.retentionInDays } : {}),
          metricFilterCount: Object.keys(g.metricFilters).length,
          arn: `${groupArn(region, account, g.logGroupName)}:*`,
          storedBytes: g.storedBytes,
          ...(g.kmsKeyId ? { kmsKeyId: g.kmsKeyId } : {}),
          logGroupClass: g.logGroupClass,
          logGroupArn: groupArn(region, account, g.logGroupName),
        };
      }),
      ...nextTokenAfter(page, (g) => g.logGroupName),
    };
  },
};

/** Sets how long a group keeps events; events past it are no longer returned. */
export const putRetentionPolicy: JsonOperation<LogsState> = {
  name: 'PutRetentionPolicy',
  auth: 'sigv4',
  mutates: true,
  handler(ctx: OperationContext<LogsState>, input: PutRetentionPolicyCommandInput): Record<string, never> {
    const c = new Checks();
    checkGroupName(c, input.logGroupName);
    if (c.required(input.retentionInDays, 'retentionInDays')) c.enumeration(input.retentionInDays, 'retentionInDays', RETENTION_DAYS);
    c.throwIfAny();
    const group = ctx.state.groups[input.logGroupName!];
    if (!group) throw groupNotFound();
    group.retentionInDays = input.retentionInDays!;
    expire(group, ctx.config.now().getTime());
    return {};
  },
};
