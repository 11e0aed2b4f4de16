import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AppClient } from './state.js';
import { notAuthorized } from './errors.js';

/** For clients with a secret: SECRET_HASH = Base64(HMAC-SHA256(secret, username + clientId)). */
export function checkSecretHash(client: AppClient, username: string, secretHash: string | undefined): void {
  if (!client.ClientSecret) return;
  if (!secretHash) throw notAuthorized(`Client ${client.ClientId} is configured for secret but secret was not received`);
  const expected = createHmac('sha256', client.ClientSecret).update(username + client.ClientId).digest();
  const given = Buffer.from(secretHash, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw notAuthorized(`Unable to verify secret hash for client ${client.ClientId}`);
  }
}
