import { GetAccountCommand } from '@aws-sdk/client-api-gateway';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ConsoleConfig } from '../../../aws/config.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';
import { V2_ACCOUNT_LIMITS, type AccountLimits } from '../../../domain/throttle-rules.js';
import type { ApiKind } from '../../../aws/query-scope.js';
import { stagesKeys } from './keys.js';

/** GetAccount: the account's throttling limits, the ceiling for every REST stage and method. */
export const accountLimitsQuery = (config: ConsoleConfig) =>
  queryOptions({
    queryKey: stagesKeys.account(config.region),
    queryFn: async ({ signal }): Promise<AccountLimits> => {
      const out = await apiGatewayV1(config).send(new GetAccountCommand({}), { abortSignal: signal });
      return { rate: out.throttleSettings?.rateLimit ?? 10_000, burst: out.throttleSettings?.burstLimit ?? 5_000 };
    },
    staleTime: 10 * 60_000,
  });

/** REST stages answer to the account's limits; HTTP and WebSocket APIs to the documented 10,000 / 5,000. */
export function useAccountLimits(kind: ApiKind) {
  const q = useQuery({ ...accountLimitsQuery(useConsoleConfig()), enabled: kind === 'rest' });
  return kind === 'rest' ? q : { ...q, data: V2_ACCOUNT_LIMITS, isPending: false, isError: false, error: null };
}
