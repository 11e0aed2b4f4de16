import { UpdateApiKeyCommand } from '@aws-sdk/client-api-gateway';
import type { ConsoleConfig } from '../../../aws/config.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';
import { fromSdkApiKey, type ApiKey } from '../../../domain/api-key.js';

/** UpdateApiKey `/enabled`: a disabled key gets 403 Forbidden at the gateway; nothing else changes. */
export async function setApiKeyEnabled(config: ConsoleConfig, keyId: string, enabled: boolean): Promise<ApiKey> {
  const out = await apiGatewayV1(config).send(
    new UpdateApiKeyCommand({ apiKey: keyId, patchOperations: [{ op: 'replace', path: '/enabled', value: String(enabled) }] }),
  );
  return fromSdkApiKey(out);
}
