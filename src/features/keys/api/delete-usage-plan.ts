import { DeleteUsagePlanCommand } from '@aws-sdk/client-api-gateway';
import type { ConsoleConfig } from '../../../aws/config.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';

/**
 * DeleteUsagePlan. AWS refuses it while the plan still has API stages; the delete flow removes them first
 * (one UpdateUsagePlan) and refreshes what it touched.
 */
export async function deleteUsagePlan(config: ConsoleConfig, planId: string): Promise<void> {
  await apiGatewayV1(config).send(new DeleteUsagePlanCommand({ usagePlanId: planId }));
}
