import { UntagResourceCommand } from '@aws-sdk/client-api-gateway';
import type { ConsoleConfig } from '../../../aws/config.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';
import { apiKeyArn } from './tag-resource.js';

/** UntagResource on an API key. */
export async function untagApiKey(config: ConsoleConfig, keyId: string, tagKeys: string[]): Promise<void> {
  if (tagKeys.length === 0) return;
  await apiGatewayV1(config).send(new UntagResourceCommand({ resourceArn: apiKeyArn(config.region, keyId), tagKeys }));
}
