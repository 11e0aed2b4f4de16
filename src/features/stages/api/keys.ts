import { apiScope, type ApiKind } from '../../../aws/query-scope.js';

export const stagesKeys = {
  stage: (region: string, kind: ApiKind, apiId: string, stageName: string) => [...apiScope(region, kind, apiId), 'stage', stageName] as const,
  account: (region: string) => ['account', region] as const,
};
