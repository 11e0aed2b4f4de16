import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import type { ConsoleConfig } from './config.js';
import { apiGatewayClientOptions, makeClient } from './clients.js';

/** API Gateway v2 (HTTP and WebSocket APIs). */
export function apiGatewayV2(config: ConsoleConfig): ApiGatewayV2Client {
  return makeClient(ApiGatewayV2Client, 'apigatewayv2', config, apiGatewayClientOptions());
}
