import {
  CreateApi$,
  CreateDeployment$,
  CreateIntegration$,
  CreateRoute$,
  CreateStage$,
  DeleteApi$,
  DeleteAccessLogSettings$,
  DeleteDeployment$,
  DeleteIntegration$,
  DeleteRouteSettings$,
  DeleteRoute$,
  DeleteStage$,
  GetApi$,
  GetApis$,
  GetDeployment$,
  GetDeployments$,
  GetIntegration$,
  GetIntegrations$,
  GetRoute$,
  GetRoutes$,
  GetStage$,
  GetStages$,
  GetTags$,
  UpdateApi$,
  UpdateRoute$,
  UpdateStage$,
} from '@aws-sdk/client-apigatewayv2';
import type { StaticOperationSchema } from '@smithy/types';
import type { RestOperation, ServiceModule } from '../../core/types.js';
import { initialV2State, type V2State } from './store/model.js';
import { decodeRequest, encodeResponse, operationShape } from './wire.js';
import type { Ctx } from './handlers/context.js';
import * as apis from './handlers/apis.js';
import * as routes from './handlers/routes.js';
import * as integrations from './handlers/integrations.js';
import * as stages from './handlers/stages.js';
import * as deployments from './handlers/deployments.js';
import * as tags from './handlers/tags.js';

// Each handler is typed with its operation's own SDK input and output; the wire layer decodes the input
// from the request and encodes the output by the same SDK schema, so names cannot drift.
type Handler = (ctx: Ctx, input: never) => unknown;

function operation(schema: StaticOperationSchema, handler: Handler): RestOperation<V2State> {
  const shape = operationShape(schema);
  return {
    name: shape.name,
    method: shape.method,
    path: shape.path,
    handler: (ctx, params, body) => encodeResponse(shape, handler(ctx, decodeRequest(shape, params, ctx.req.query, body) as never)),
  };
}

const OPERATIONS: RestOperation<V2State>[] = [
  operation(GetApis$, apis.getApis),
  operation(GetApi$, apis.getApi),
  operation(CreateApi$, apis.createApi),
  operation(UpdateApi$, apis.updateApi),
  operation(DeleteApi$, apis.deleteApi),
  operation(GetRoutes$, routes.getRoutes),
  operation(GetRoute$, routes.getRoute),
  operation(CreateRoute$, routes.createRoute),
  operation(UpdateRoute$, routes.updateRoute),
  operation(DeleteRoute$, routes.deleteRoute),
  operation(GetIntegrations$, integrations.getIntegrations),
  operation(GetIntegration$, integrations.getIntegration),
  operation(CreateIntegration$, integrations.createIntegration),
  operation(DeleteIntegration$, integrations.deleteIntegration),
  operation(GetStages$, stages.getStages),
  operation(GetStage$, stages.getStage),
  operation(CreateStage$, stages.createStage),
  operation(UpdateStage$, stages.updateStage),
  operation(DeleteStage$, stages.deleteStage),
  operation(DeleteRouteSettings$, stages.deleteRouteSettings),
  operation(DeleteAccessLogSettings$, stages.deleteAccessLogSettings),
  operation(GetDeployments$, deployments.getDeployments),
  operation(GetDeployment$, deployments.getDeployment),
  operation(CreateDeployment$, deployments.createDeployment),
  operation(DeleteDeployment$, deployments.deleteDeployment),
  operation(GetTags$, tags.getTags),
];

/**
 * API Gateway v2 (HTTP and WebSocket APIs): REST-JSON under /v2/, signed with the same SigV4 service name
 * as v1 (`apigateway`, as the SDK's auth config says), under the same control-plane quotas.
 */
export const apigatewayv2: ServiceModule<V2State> = {
  name: 'apigatewayv2',
  signingName: 'apigateway',
  protocol: 'rest-json',
  quotas: true,
  ownsPath: (path) => path.startsWith('/v2/'),
  // A fixed list, as AWS answers apigatewayv2 preflights: it lacks amz-sdk-invocation-id and
  // amz-sdk-request, so a browser client must strip them (aws-sdk-js-v3#6395).
  corsAllowedHeaders: [
    'authorization',
    'content-type',
    'x-amz-content-sha256',
    'x-amz-date',
    'x-amz-security-token',
    'x-amz-user-agent',
    'x-api-key',
  ],
  initialState: initialV2State,
  restOperations: OPERATIONS,
};
