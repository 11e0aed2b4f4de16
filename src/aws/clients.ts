import type { MiddlewareStack } from '@smithy/types';
import type { ConsoleConfig } from './config.js';
import { credentialGeneration, sessionCredentials } from './credentials.js';
import { apiGatewayOperationPacers, apiGatewayPacer, type Pacer } from './pacing.js';

/**
 * The single place SDK clients are made: region, endpoint and credentials from the runtime config and
 * the session, request pacing, and no SDK retry headers (apigatewayv2 refuses them at CORS preflight,
 * aws-sdk-js-v3#6395, so no client sends them and no screen can come to depend on them).
 */
export interface ClientOptions {
  /** Unsigned clients (Cognito sign-in) take no credentials. */
  signed: boolean;
  pacer?: Pacer;
  /** Pacers for operations with quotas of their own, by command name without "Command". */
  operationPacers?: Readonly<Record<string, Pacer>>;
}

interface AnyClient {
  middlewareStack: MiddlewareStack<any, any>;
  destroy(): void;
}
const cache = new Map<string, AnyClient>();
let cacheGeneration = -1;

export function makeClient<C extends AnyClient>(
  Ctor: new (config: any) => C,
  serviceKey: string,
  config: ConsoleConfig,
  options: ClientOptions,
): C {
  if (cacheGeneration !== credentialGeneration()) {
    resetClients();
    cacheGeneration = credentialGeneration();
  }
  const key = `${serviceKey}|${config.region}|${config.endpoint ?? ''}`;
  const hit = cache.get(key);
  if (hit) return hit as C;
  const client = new Ctor({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(options.signed ? { credentials: sessionCredentials } : {}),
    // Standard mode retries throttling (429 TooManyRequestsException) with jittered backoff. Other tools
    // (CI deploys, Terraform, a second tab) share the account's quota, so the console is patient: five
    // retries wait up to ~6 s in all before a screen reports the throttle.
    maxAttempts: 6,
  });
  client.middlewareStack.addRelativeTo(
    (next: any, context: { commandName?: string }) => async (args: any) => {
      const headers = args.request?.headers as Record<string, string> | undefined;
      if (headers) {
        delete headers['amz-sdk-invocation-id'];
        delete headers['amz-sdk-request'];
      }
      const operation = context.commandName?.replace(/Command$/, '') ?? '';
      // Each attempt (retries included) waits for the operation's own quota, then the account's.
      await options.operationPacers?.[operation]?.take();
      if (options.pacer) await options.pacer.take();
      return next(args);
    },
    { name: 'consolePacingAndHeaders', relation: 'before', toMiddleware: 'httpSigningMiddleware', override: true },
  );
  cache.set(key, client);
  return client;
}

/** API Gateway clients (v1 and v2) share one pacer: AWS counts them against one account quota. */
export function apiGatewayClientOptions(): ClientOptions {
  return { signed: true, pacer: apiGatewayPacer, operationPacers: apiGatewayOperationPacers };
}

/** Forget every client, e.g. when the config or the signed-in user changes. */
export function resetClients(): void {
  for (const c of cache.values()) c.destroy();
  cache.clear();
}
