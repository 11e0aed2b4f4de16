import { CreateApiKeyCommand } from '@aws-sdk/client-api-gateway';
import type { ConsoleConfig } from '../../../aws/config.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';
import { fromSdkApiKey, type ApiKey } from '../../../domain/api-key.js';

export interface NewApiKey {
  name: string;
  description?: string;
  /** Absent: AWS generates a 40-character value. */
  value?: string;
  enabled: boolean;
  customerId?: string;
  tags?: Record<string, string>;
}

/** CreateApiKey (5 per second per account; the console's pacer keeps to it). The value is not kept. */
export async function createApiKey(config: ConsoleConfig, k: NewApiKey): Promise<ApiKey> {
  const out = await apiGatewayV1(config).send(
    new CreateApiKeyCommand({
      name: k.name,
      description: k.description || undefined,
      value: k.value || undefined,
      enabled: k.enabled,
      customerId: k.customerId || undefined,
      tags: k.tags && Object.keys(k.tags).length ? k.tags : undefined,
    }),
  );
  return fromSdkApiKey(out);
}
