import { UpdateUsageCommand } from '@aws-sdk/client-api-gateway';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConsoleConfig } from '../../../aws/config.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';
import { keysKeys } from './keys.js';

/** UpdateUsage `/remaining`: sets how many requests a key has left in the current quota period. */
export async function setRemainingQuota(config: ConsoleConfig, planId: string, keyId: string, remaining: number): Promise<void> {
  await apiGatewayV1(config).send(
    new UpdateUsageCommand({ usagePlanId: planId, keyId, patchOperations: [{ op: 'replace', path: '/remaining', value: String(remaining) }] }),
  );
}

/** Sets a key's remaining quota, then refreshes the plan's usage (and everything else shown about the plan). */
export function useSetRemainingQuota() {
  const config = useConsoleConfig();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ planId, keyId, remaining }: { planId: string; keyId: string; remaining: number }) => setRemainingQuota(config, planId, keyId, remaining),
    onSettled: (_out, _err, { planId }) => queryClient.invalidateQueries({ queryKey: keysKeys.plan(config.region, planId) }),
  });
}
