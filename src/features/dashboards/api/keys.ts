import { apiScope, type ApiKind } from '../../../aws/query-scope.js';

/**
 * Query keys of the dashboards, scoped by region. Per-API data sits under the API's scope, so a stage change
 * or a deployment anywhere in the console refreshes it too.
 */
export const dashboardsKeys = {
  fleet: (region: string, range: string, apis: string) => ['dashboards', region, 'fleet', range, apis] as const,
  apiMetrics: (region: string, kind: ApiKind, apiId: string, stage: string | undefined, range: string) =>
    [...apiScope(region, kind, apiId), 'health', stage ?? '*', range] as const,
  tracking: (region: string, kind: ApiKind, apiId: string, stage: string) => [...apiScope(region, kind, apiId), 'stage', stage, '429-tracking'] as const,
  throttled: (region: string, kind: ApiKind, apiId: string, stage: string, range: string, metrics: string) =>
    [...apiScope(region, kind, apiId), 'stage', stage, '429', range, metrics] as const,
};
