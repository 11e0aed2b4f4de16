/** Query keys of the apis feature, scoped by region so two regions never share a cache entry. */
export const apisKeys = {
  all: (region: string) => ['apis', region] as const,
  restList: (region: string) => [...apisKeys.all(region), 'rest', 'list'] as const,
  v2List: (region: string) => [...apisKeys.all(region), 'v2', 'list'] as const,
  restApi: (region: string, apiId: string) => [...apisKeys.all(region), 'rest', apiId] as const,
  restStages: (region: string, apiId: string) => [...apisKeys.restApi(region, apiId), 'stages'] as const,
  restResources: (region: string, apiId: string) => [...apisKeys.restApi(region, apiId), 'resources'] as const,
  v2Api: (region: string, apiId: string) => [...apisKeys.all(region), 'v2', apiId] as const,
  v2Stages: (region: string, apiId: string) => [...apisKeys.v2Api(region, apiId), 'stages'] as const,
  v2Routes: (region: string, apiId: string) => [...apisKeys.v2Api(region, apiId), 'routes'] as const,
};
