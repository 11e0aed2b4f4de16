import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { ConsoleConfig } from '../../../aws/config.js';
import { cloudWatchLogs } from '../../../aws/logs-client.js';
import { accountIdOfArn } from '../../../domain/throttle-tracking.js';

/** DescribeLogGroups by name prefix, page by page (50 a page) until the exact name turns up. */
export async function fetchLogGroup(config: ConsoleConfig, name: string, signal?: AbortSignal): Promise<{ exists: boolean; arn?: string }> {
  const client = cloudWatchLogs(config);
  let nextToken: string | undefined;
  const seen = new Set<string>();
  do {
    const out = await client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name, limit: 50, nextToken }), { abortSignal: signal });
    const hit = out.logGroups?.find((g) => g.logGroupName === name);
    if (hit) return { exists: true, arn: hit.logGroupArn ?? hit.arn };
    nextToken = out.nextToken;
    if (nextToken && seen.has(nextToken)) break;
    if (nextToken) seen.add(nextToken);
  } while (nextToken);
  return { exists: false };
}

/** The account id from any log group's ARN: a last resort when nothing else names the account. */
export async function fetchAccountIdFromLogGroups(config: ConsoleConfig, signal?: AbortSignal): Promise<string | undefined> {
  const out = await cloudWatchLogs(config).send(new DescribeLogGroupsCommand({ limit: 1 }), { abortSignal: signal });
  const g = out.logGroups?.[0];
  return accountIdOfArn(g?.logGroupArn ?? g?.arn);
}
