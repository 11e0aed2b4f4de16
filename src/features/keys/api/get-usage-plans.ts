import { GetUsagePlansCommand } from '@aws-sdk/client-api-gateway';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ConsoleConfig } from '../../../aws/config.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';
import { collectV1 } from '../../../aws/paginate.js';
import { byPlanName, fromSdkUsagePlan, type UsagePlan } from '../../../domain/usage-plan.js';
import { keysKeys } from './keys.js';

/** Every usage plan, 500 a page. */
export async function fetchUsagePlans(config: ConsoleConfig, signal?: AbortSignal): Promise<UsagePlan[]> {
  const client = apiGatewayV1(config);
  const items = await collectV1((page) => client.send(new GetUsagePlansCommand(page), { abortSignal: signal }), signal);
  return items.map(fromSdkUsagePlan).sort(byPlanName);
}

export const usagePlansQuery = (config: ConsoleConfig) =>
  queryOptions({ queryKey: keysKeys.plans(config.region), queryFn: ({ signal }) => fetchUsagePlans(config, signal) });

export function useUsagePlans() {
  return useQuery(usagePlansQuery(useConsoleConfig()));
}

/** GetUsagePlans with `keyId`: the plans one key is in right now (one request, not a scan). */
export async function fetchPlansOfKey(config: ConsoleConfig, keyId: string, signal?: AbortSignal): Promise<UsagePlan[]> {
  const client = apiGatewayV1(config);
  const items = await collectV1((page) => client.send(new GetUsagePlansCommand({ ...page, keyId }), { abortSignal: signal }), signal);
  return items.map(fromSdkUsagePlan).sort(byPlanName);
}
