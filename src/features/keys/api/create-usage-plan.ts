import { CreateUsagePlanCommand, type CreateUsagePlanCommandInput } from '@aws-sdk/client-api-gateway';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConsoleConfig } from '../../../aws/config.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';
import { fromSdkUsagePlan, type UsagePlan } from '../../../domain/usage-plan.js';
import { keysKeys } from './keys.js';

/** CreateUsagePlan: a new plan with its limits and API stages in one request. */
export async function createUsagePlan(config: ConsoleConfig, input: CreateUsagePlanCommandInput): Promise<UsagePlan> {
  const out = await apiGatewayV1(config).send(new CreateUsagePlanCommand(input));
  return fromSdkUsagePlan(out);
}

/** Creates a plan, then refreshes the plans list. */
export function useCreateUsagePlan() {
  const config = useConsoleConfig();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUsagePlanCommandInput) => createUsagePlan(config, input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keysKeys.plans(config.region) }),
  });
}
