/**
 * The query-key prefix every feature uses for data about one API, so a change anywhere (a stage update,
 * a deployment) can refresh everything shown about that API by invalidating one prefix, without
 * features knowing each other's keys. Scoped by region first, as every key is.
 */
export type ApiKind = 'rest' | 'v2';

export function apiScope(region: string, kind: ApiKind, apiId: string) {
  return ['apis', region, kind, apiId] as const;
}
