import { GetUsagePlanCommand } from '@aws-sdk/client-api-gateway';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ConsoleConfig } from '../../../aws/config.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';
import { fromSdkUsagePlan, type UsagePlan } from '../../../domain/usage-plan.js';
import { keysKeys } from './keys.js';

/** GetUsagePlan: one plan with its API stages, per-method throttles and tags. Also the re-read before every change. */
export async function fetchUsagePlan(config: ConsoleConfig, planId: string, signal?: AbortSignal): Promise<UsagePlan> {
  const out = await apiGatewayV1(config).send(new GetUsagePlanCommand({ usagePlanId: planId }), { abortSignal: signal });
  return fromSdkUsagePlan(out);
}

export const usagePlanQuery = (config: ConsoleConfig, planId: string) =>
  queryOptions({ queryKey: [...keysKeys.plan(config.region, planId), 'detail'] as const, queryFn: ({ signal }) => fetchUsagePlan(config, planId, signal) });

export function useUsagePlan(planId: string) {
  return useQuery(usagePlanQuery(useConsoleConfig(), planId));
}
