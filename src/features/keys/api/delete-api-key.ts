import { DeleteApiKeyCommand } from '@aws-sdk/client-api-gateway';
import type { ConsoleConfig } from '../../../aws/config.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';

/** DeleteApiKey: the key leaves every usage plan and stops working at once. */
export async function deleteApiKey(config: ConsoleConfig, keyId: string): Promise<void> {
  await apiGatewayV1(config).send(new DeleteApiKeyCommand({ apiKey: keyId }));
}
