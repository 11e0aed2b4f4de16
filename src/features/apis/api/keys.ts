import { apiScope } from '../../../aws/query-scope.js';

/** Query keys of the apis feature, scoped by region (and by API for per-API data). */
export const apisKeys = {
  restList: (region: string) => ['apis', region, 'list', 'rest'] as const,
  v2List: (region: string) => ['apis', region, 'list', 'v2'] as const,
  restApi: (region: string, apiId: string) => [...apiScope(region, 'rest', apiId), 'api'] as const,
  restStages: (region: string, apiId: string) => [...apiScope(region, 'rest', apiId), 'stages'] as const,
  restResources: (region: string, apiId: string) => [...apiScope(region, 'rest', apiId), 'resources'] as const,
  v2Api: (region: string, apiId: string) => [...apiScope(region, 'v2', apiId), 'api'] as const,
  v2Stages: (region: string, apiId: string) => [...apiScope(region, 'v2', apiId), 'stages'] as const,
  v2Routes: (region: string, apiId: string) => [...apiScope(region, 'v2', apiId), 'routes'] as const,
};
