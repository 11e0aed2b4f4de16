import type { AuthState, Caller } from '../auth/credentials.js';

/** A request as the sandbox sees it, once its body has been read. */
export interface SandboxRequest {
  method: string;
  /** Path exactly as it arrived (still percent-encoded): SigV4 signs this form. */
  rawPath: string;
  /** Percent-decoded path, for routing. */
  path: string;
  /** Raw query string without '?', for SigV4. */
  rawQuery: string;
  query: URLSearchParams;
  /** Lower-cased header names; repeated headers joined with ','. */
  headers: Record<string, string>;
  body: Buffer;
  requestId: string;
}

export interface SandboxConfig {
  region: string;
  account: string;
  /** Seconds an issued ID/access token lives (Cognito: 3600). */
  tokenLifetimeSeconds: number;
  /** Seconds issued AWS credentials live (Cognito identity pools: 3600). */
  credentialLifetimeSeconds: number;
  /** Whether control-plane quotas are enforced (always true outside unit tests of other features). */
  quotas: boolean;
  /** The sandbox's clock; tests move it forward to expire tokens. */
  now(): Date;
}

/** Everything the sandbox knows; plain JSON so it can be saved and loaded as is. */
export interface SandboxState {
  version: 1;
  auth: AuthState;
  services: Record<string, unknown>;
}

export interface OperationContext<S> {
  req: SandboxRequest;
  operation: string;
  /** This service's own slice of the state. */
  state: S;
  /** The whole state, for the few operations that cross services (identity pools read user pools). */
  root: SandboxState;
  /** The verified caller of a SigV4-signed operation; undefined for unauthenticated ones. */
  caller?: Caller;
  config: SandboxConfig;
  /** Base URL the sandbox answers on (for endpoints and token issuers). */
  baseUrl: string;
}

export interface HandlerResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** An operation of a REST-JSON service, routed by method and path template. */
export interface RestOperation<S> {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /**
   * Path template with `{param}` segments, e.g. `/restapis/{restapi_id}/stages/{stage_name}`; a `?name=value`
   * suffix also requires that query parameter (ImportApiKeys is `POST /apikeys?mode=import`).
   */
  path: string;
  /** The handler gets the body as raw bytes instead of parsed JSON (ImportApiKeys sends a CSV file). */
  rawBody?: boolean;
  handler(ctx: OperationContext<S>, params: Record<string, string>, body: any): HandlerResult | Promise<HandlerResult>;
}

/** An operation of an awsJson service, routed by X-Amz-Target. */
export interface JsonOperation<S> {
  name: string;
  /** 'none' for Cognito's unauthenticated operations; everything else is SigV4-signed. */
  auth: 'none' | 'sigv4';
  /** True when a success changes state, so it is saved before the answer goes out. */
  mutates: boolean;
  handler(ctx: OperationContext<S>, input: any): unknown | Promise<unknown>;
}

export interface ServiceModule<S = any> {
  /** Key of this service's state slice and its name in messages. */
  name: string;
  /** SigV4 credential-scope service this endpoint accepts (`apigateway`, `monitoring`, ...). */
  signingName: string;
  protocol: 'rest-json' | 'json';
  /** awsJson only: the X-Amz-Target prefix (`AWSCognitoIdentityProviderService`). */
  targetPrefix?: string;
  /** awsJson only: 1.0 or 1.1, which sets the response content type. */
  jsonVersion?: '1.0' | '1.1';
  /** REST only: whether this module owns a path (v2 owns `/v2/...`). */
  ownsPath?(path: string): boolean;
  /** Whether the API Gateway control-plane quotas apply. */
  quotas?: boolean;
  /** HTTP status of an IAM denial, when the service's model says other than 403 (CloudWatch Logs: 400). */
  accessDeniedStatus?: number;
  /** Request headers the service's CORS preflight allows; undefined means it echoes what is asked. */
  corsAllowedHeaders?: readonly string[];
  initialState(): S;
  restOperations?: RestOperation<S>[];
  jsonOperations?: JsonOperation<S>[];
  /** IAM action and resource for a signed call; defaults: `apigateway:<METHOD>` on the path ARN. */
  iam?(ctx: OperationContext<S>, params: Record<string, string>): { action: string; resource: string };
  /** Unsigned plain-HTTP routes (the user pool's JWKS). */
  extraRoutes?(req: SandboxRequest, root: SandboxState, baseUrl: string): HandlerResult | undefined;
}
