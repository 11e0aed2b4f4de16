import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { ConsoleConfig } from './config.js';
import { apiGatewayClientOptions, makeClient } from './clients.js';

/** API Gateway v1 (REST APIs, API keys, usage plans). */
export function apiGatewayV1(config: ConsoleConfig): APIGatewayClient {
  return makeClient(APIGatewayClient, 'apigateway', config, apiGatewayClientOptions());
}
