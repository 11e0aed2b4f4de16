import { CreateUsagePlanKeyCommand } from '@aws-sdk/client-api-gateway';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConsoleConfig } from '../../../aws/config.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';
import { keysKeys } from './keys.js';

/**
 * CreateUsagePlanKey: puts an API key in a usage plan. AWS refuses (ConflictException) a key that is
 * already in another plan covering the same API stage.
 */
export async function addKeyToPlan(config: ConsoleConfig, planId: string, keyId: string): Promise<void> {
  await apiGatewayV1(config).send(new CreateUsagePlanKeyCommand({ usagePlanId: planId, keyId, keyType: 'API_KEY' }));
}

/** Adds a key to a plan, then refreshes the plan's keys and usage, and every key's memberships. */
export function useAddKeyToPlan() {
  const config = useConsoleConfig();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ planId, keyId }: { planId: string; keyId: string }) => addKeyToPlan(config, planId, keyId),
    onSettled: (_out, _err, { planId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: keysKeys.plan(config.region, planId) }),
        queryClient.invalidateQueries({ queryKey: keysKeys.memberships(config.region) }),
      ]),
  });
}
