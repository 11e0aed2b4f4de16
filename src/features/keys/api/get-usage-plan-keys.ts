import { GetUsagePlanKeysCommand } from '@aws-sdk/client-api-gateway';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ConsoleConfig } from '../../../aws/config.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';
import { collectV1, mapLimit } from '../../../aws/paginate.js';
import { membershipsFrom } from '../../../domain/api-key.js';
import { keysKeys } from './keys.js';

export interface PlanKey {
  id: string;
  name: string;
}

/**
 * The keys of one usage plan. AWS returns each key's value here too; it is dropped on arrival so it can
 * never reach a table, a log or the query cache.
 */
export async function fetchUsagePlanKeys(config: ConsoleConfig, planId: string, signal?: AbortSignal): Promise<PlanKey[]> {
  const client = apiGatewayV1(config);
  const items = await collectV1((page) => client.send(new GetUsagePlanKeysCommand({ usagePlanId: planId, ...page }), { abortSignal: signal }), signal);
  return items.map((k) => ({ id: k.id ?? '', name: k.name ?? '' }));
}

export const usagePlanKeysQuery = (config: ConsoleConfig, planId: string) =>
  queryOptions({ queryKey: keysKeys.planKeys(config.region, planId), queryFn: ({ signal }) => fetchUsagePlanKeys(config, planId, signal) });

export function useUsagePlanKeys(planId: string) {
  return useQuery(usagePlanKeysQuery(useConsoleConfig(), planId));
}

/**
 * Which plans each key is in: each plan's keys, listed once (the plans come from the plans query). AWS
 * has no call that answers this for all keys at once; asking per plan costs one request per plan page,
 * asking per key would cost one request per key.
 */
export async function fetchMemberships(config: ConsoleConfig, planIds: readonly string[], signal?: AbortSignal): Promise<Map<string, string[]>> {
  const planKeys = await mapLimit(planIds, 3, async (planId) => ({ planId, keyIds: (await fetchUsagePlanKeys(config, planId, signal)).map((k) => k.id) }));
  return membershipsFrom(planKeys);
}

/** Starts once `planIds` is known and `ready` (after the key list, so it never delays the table). */
export function useMemberships(planIds: readonly string[] | undefined, ready = true) {
  const config = useConsoleConfig();
  return useQuery({
    queryKey: keysKeys.memberships(config.region),
    queryFn: ({ signal }) => fetchMemberships(config, planIds ?? [], signal),
    enabled: planIds !== undefined && ready,
  });
}
