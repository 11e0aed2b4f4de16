import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ConsoleConfig } from '../../../aws/config.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import type { ApiKind } from '../../../aws/query-scope.js';
import { accountIdOfArn, parseLogGroupArn, targetLogGroup, type StageIdentity, type TrackingSnapshot } from '../../../domain/throttle-tracking.js';
import { fetchStageAccessLog } from './get-stage-access-log.js';
import { fetchAccountIdFromLogGroups, fetchLogGroup } from './describe-log-groups.js';
import { fetchMetricFilters } from './describe-metric-filters.js';
import { fetchCloudWatchRole } from './get-account.js';
import { dashboardsKeys } from './keys.js';

export interface TrackedStage extends StageIdentity {
  kind: ApiKind;
}

/**
 * Everything 429 counting depends on, read fresh: the stage's access logs (GetStage), its log group
 * (DescribeLogGroups) and that group's metric filters (DescribeMetricFilters), and the account's CloudWatch
 * role (GetAccount). Also the re-read just before a setup is applied.
 */
export async function fetchTrackingSnapshot(config: ConsoleConfig, stage: TrackedStage, signal?: AbortSignal): Promise<TrackingSnapshot> {
  const accessLog = await fetchStageAccessLog(config, stage.kind, stage.apiId, stage.stageName, signal);
  const name = targetLogGroup(stage, accessLog);
  const [group, role] = await Promise.all([fetchLogGroup(config, name, signal), fetchCloudWatchRole(config, signal)]);
  const filters = group.exists ? await fetchMetricFilters(config, name, signal) : [];
  const accountId =
    parseLogGroupArn(accessLog?.destinationArn)?.accountId ??
    accountIdOfArn(role) ??
    accountIdOfArn(group.arn) ??
    (await fetchAccountIdFromLogGroups(config, signal));
  return { accessLog, logGroup: { name, exists: group.exists }, filters, accountId, cloudWatchRoleArn: role };
}

export const trackingQuery = (config: ConsoleConfig, stage: TrackedStage) =>
  queryOptions({
    queryKey: dashboardsKeys.tracking(config.region, stage.kind, stage.apiId, stage.stageName),
    queryFn: ({ signal }) => fetchTrackingSnapshot(config, stage, signal),
  });

export function useThrottleTracking(stage: TrackedStage) {
  return useQuery(trackingQuery(useConsoleConfig(), stage));
}
