import { DeleteUsagePlanKeyCommand } from '@aws-sdk/client-api-gateway';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConsoleConfig } from '../../../aws/config.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';
import { keysKeys } from './keys.js';

/** DeleteUsagePlanKey: takes an API key out of a usage plan (the key itself stays). */
export async function removeKeyFromPlan(config: ConsoleConfig, planId: string, keyId: string): Promise<void> {
  await apiGatewayV1(config).send(new DeleteUsagePlanKeyCommand({ usagePlanId: planId, keyId }));
}

/** Removes a key from a plan, then refreshes the plan's keys and usage, and every key's memberships. */
export function useRemoveKeyFromPlan() {
  const config = useConsoleConfig();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ planId, keyId }: { planId: string; keyId: string }) => removeKeyFromPlan(config, planId, keyId),
    onSettled: (_out, _err, { planId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: keysKeys.plan(config.region, planId) }),
        queryClient.invalidateQueries({ queryKey: keysKeys.memberships(config.region) }),
      ]),
  });
}
