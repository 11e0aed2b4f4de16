import { GetApiKeyCommand } from '@aws-sdk/client-api-gateway';
import type { ConsoleConfig } from '../../../aws/config.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';
import { fromSdkApiKey, type ApiKey } from '../../../domain/api-key.js';

/** GetApiKey without its value: the re-read before a change. */
export async function fetchApiKey(config: ConsoleConfig, keyId: string, signal?: AbortSignal): Promise<ApiKey> {
  return fromSdkApiKey(await apiGatewayV1(config).send(new GetApiKeyCommand({ apiKey: keyId, includeValue: false }), { abortSignal: signal }));
}

/**
 * GetApiKey with `includeValue`: only when an operator asks to reveal a key. The value goes straight to
 * the caller and is never cached, logged or put in a URL.
 */
export async function revealApiKeyValue(config: ConsoleConfig, keyId: string): Promise<string> {
  const out = await apiGatewayV1(config).send(new GetApiKeyCommand({ apiKey: keyId, includeValue: true }));
  if (!out.value) throw new Error('AWS returned the key without its value.');
  return out.value;
}
