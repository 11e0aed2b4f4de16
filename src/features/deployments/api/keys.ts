import { apiScope, type ApiKind } from '../../../aws/query-scope.js';

export const deploymentsKeys = {
  list: (region: string, kind: ApiKind, apiId: string) => [...apiScope(region, kind, apiId), 'deployments'] as const,
};
