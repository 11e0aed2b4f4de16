import type { ServiceModule } from '../../core/types.js';
import { emptyApiGatewayState, type ApiGatewayState } from './store/types.js';
import { restApiOperations } from './operations/rest-apis.js';
import { resourceOperations } from './operations/resources.js';
import { methodOperations } from './operations/methods.js';
import { deploymentOperations } from './operations/deployments.js';
import { stageOperations } from './operations/stages.js';
import { apiKeyOperations } from './operations/api-keys.js';
import { usagePlanOperations } from './operations/usage-plans.js';
import { accountOperations } from './operations/account.js';
import { tagOperations } from './operations/tags.js';

/**
 * Amazon API Gateway v1 (REST APIs) control plane, REST-JSON. It takes every REST path apigatewayv2 does
 * not own. IAM uses the server's default mapping, as AWS does for API Gateway: action `apigateway:<VERB>`
 * on `arn:aws:apigateway:<region>::<path>`.
 */
export const apigateway: ServiceModule<ApiGatewayState> = {
  name: 'apigateway',
  signingName: 'apigateway',
  protocol: 'rest-json',
  quotas: true,
  initialState: emptyApiGatewayState,
  restOperations: [
    ...restApiOperations,
    ...resourceOperations,
    ...methodOperations,
    ...deploymentOperations,
    ...stageOperations,
    ...apiKeyOperations,
    ...usagePlanOperations,
    ...accountOperations,
    ...tagOperations,
  ],
};
