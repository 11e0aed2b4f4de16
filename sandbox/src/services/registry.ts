import type { ServiceModule } from '../core/types.js';
import { apigateway } from './apigateway/index.js';
import { apigatewayv2 } from './apigatewayv2/index.js';
import { cognitoIdp } from './cognito-idp/index.js';
import { cognitoIdentity } from './cognito-identity/index.js';
import { cloudwatch } from './cloudwatch/index.js';
import { logs } from './logs/index.js';

/**
 * Every service the sandbox speaks. REST-JSON services are told apart by path (v2 owns `/v2/...`,
 * v1 takes the rest); awsJson services by their X-Amz-Target prefix.
 */
export const SERVICES: readonly ServiceModule[] = [apigatewayv2, apigateway, cognitoIdp, cognitoIdentity, cloudwatch, logs];
