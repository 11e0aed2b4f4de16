import { GetAccountCommand } from '@aws-sdk/client-api-gateway';
import type { ConsoleConfig } from '../../../aws/config.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';

/**
 * GetAccount: the CloudWatch Logs role API Gateway writes REST and WebSocket access logs with (its ARN also
 * names the account, which a log group ARN needs).
 */
export async function fetchCloudWatchRole(config: ConsoleConfig, signal?: AbortSignal): Promise<string | undefined> {
  const out = await apiGatewayV1(config).send(new GetAccountCommand({}), { abortSignal: signal });
  return out.cloudwatchRoleArn || undefined;
}
