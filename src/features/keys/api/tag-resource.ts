import { TagResourceCommand } from '@aws-sdk/client-api-gateway';
import type { ConsoleConfig } from '../../../aws/config.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';

export function apiKeyArn(region: string, keyId: string): string {
  return `arn:aws:apigateway:${region}::/apikeys/${keyId}`;
}

/** TagResource on an API key: adds or replaces these tags, leaves the others. */
export async function tagApiKey(config: ConsoleConfig, keyId: string, tags: Record<string, string>): Promise<void> {
  await apiGatewayV1(config).send(new TagResourceCommand({ resourceArn: apiKeyArn(config.region, keyId), tags }));
}
