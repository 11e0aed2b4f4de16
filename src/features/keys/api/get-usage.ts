import { GetUsageCommand } from '@aws-sdk/client-api-gateway';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { ConsoleConfig } from '../../../aws/config.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';
import { collectPages } from '../../../aws/paginate.js';
import { keysKeys } from './keys.js';

/** One key's usage on one day: requests used and quota remaining, as GetUsage reports them. */
export interface DayUsage {
  used: number;
  remaining: number;
}

/** GetUsage: per key, one [used, remaining] pair per day from `from` to `to` (YYYY-MM-DD), every page. */
export async function fetchUsage(
  config: ConsoleConfig,
  planId: string,
  from: string,
  to: string,
  keyId?: string,
  signal?: AbortSignal,
): Promise<Map<string, DayUsage[]>> {
  const client = apiGatewayV1(config);
  const usage = new Map<string, DayUsage[]>();
  await collectPages(async (position: string | undefined) => {
    const out = await client.send(new GetUsageCommand({ usagePlanId: planId, startDate: from, endDate: to, keyId, limit: 500, position }), { abortSignal: signal });
    for (const [id, days] of Object.entries(out.items ?? {})) {
      usage.set(id, [...(usage.get(id) ?? []), ...days.map(([used = 0, remaining = 0]) => ({ used, remaining }))]);
    }
    return { items: [], next: out.position };
  }, signal);
  return usage;
}

/** A range's usage together with the range it is for (a placeholder while the next range loads is the previous one). */
export interface RangeUsage {
  from: string;
  to: string;
  usage: Map<string, DayUsage[]>;
}

export const usageQuery = (config: ConsoleConfig, planId: string, from: string, to: string) =>
  queryOptions({
    queryKey: keysKeys.usage(config.region, planId, from, to),
    queryFn: async ({ signal }): Promise<RangeUsage> => ({ from, to, usage: await fetchUsage(config, planId, from, to, undefined, signal) }),
  });

/** Every key's usage of a plan over a date range (YYYY-MM-DD, inclusive); the last range stays shown while the next loads. */
export function useUsage(planId: string, from: string, to: string, enabled = true) {
  return useQuery({ ...usageQuery(useConsoleConfig(), planId, from, to), enabled, placeholderData: keepPreviousData });
}
