import type {
  DeleteIntegrationCommandInput,
  DeleteMethodCommandInput,
  DeleteMethodResponseCommandInput,
  GetIntegrationCommandInput,
  GetIntegrationCommandOutput,
  GetMethodCommandInput,
  GetMethodCommandOutput,
  GetMethodResponseCommandInput,
  GetMethodResponseCommandOutput,
  PutIntegrationCommandInput,
  PutIntegrationCommandOutput,
  PutMethodCommandInput,
  PutMethodCommandOutput,
  PutMethodResponseCommandInput,
  PutMethodResponseCommandOutput,
} from '@aws-sdk/client-api-gateway';
import {
  deleteIntegration,
  deleteMethod,
  deleteMethodResponse,
  getIntegrationRecord,
  getMethodRecord,
  getMethodResponseRecord,
  putIntegration,
  putMethod,
  putMethodResponse,
} from '../store/methods.js';
import { integrationView, methodResponseView, methodView } from '../views.js';
import { operation, type Ctx, type Out } from '../wire.js';

export function putMethodHandler(ctx: Ctx, input: PutMethodCommandInput): Out<PutMethodCommandOutput> {
  return methodView(putMethod(ctx.state, input));
}

export function getMethod(ctx: Ctx, input: GetMethodCommandInput): Out<GetMethodCommandOutput> {
  return methodView(getMethodRecord(ctx.state, input.restApiId, input.resourceId, input.httpMethod));
}

export function deleteMethodHandler(ctx: Ctx, input: DeleteMethodCommandInput): undefined {
  deleteMethod(ctx.state, input.restApiId!, input.resourceId!, input.httpMethod!);
  return undefined;
}

export function putMethodResponseHandler(ctx: Ctx, input: PutMethodResponseCommandInput): Out<PutMethodResponseCommandOutput> {
  return methodResponseView(putMethodResponse(ctx.state, input));
}

export function getMethodResponse(ctx: Ctx, input: GetMethodResponseCommandInput): Out<GetMethodResponseCommandOutput> {
  return methodResponseView(getMethodResponseRecord(ctx.state, input.restApiId!, input.resourceId!, input.httpMethod!, input.statusCode!));
}

export function deleteMethodResponseHandler(ctx: Ctx, input: DeleteMethodResponseCommandInput): undefined {
  deleteMethodResponse(ctx.state, input.restApiId!, input.resourceId!, input.httpMethod!, input.statusCode!);
  return undefined;
}

export function putIntegrationHandler(ctx: Ctx, input: PutIntegrationCommandInput): Out<PutIntegrationCommandOutput> {
  return integrationView(putIntegration(ctx.state, input));
}

export function getIntegration(ctx: Ctx, input: GetIntegrationCommandInput): Out<GetIntegrationCommandOutput> {
  return integrationView(getIntegrationRecord(ctx.state, input.restApiId!, input.resourceId!, input.httpMethod!));
}

export function deleteIntegrationHandler(ctx: Ctx, input: DeleteIntegrationCommandInput): undefined {
  deleteIntegration(ctx.state, input.restApiId!, input.resourceId!, input.httpMethod!);
  return undefined;
}

const METHOD = '/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}';

export const methodOperations = [
  operation({ name: 'PutMethod', method: 'PUT', path: METHOD, status: 201, handler: putMethodHandler }),
  operation({ name: 'GetMethod', method: 'GET', path: METHOD, status: 200, handler: getMethod }),
  operation({ name: 'DeleteMethod', method: 'DELETE', path: METHOD, status: 204, handler: deleteMethodHandler }),
  operation({ name: 'PutMethodResponse', method: 'PUT', path: `${METHOD}/responses/{statusCode}`, status: 201, handler: putMethodResponseHandler }),
  operation({ name: 'GetMethodResponse', method: 'GET', path: `${METHOD}/responses/{statusCode}`, status: 200, handler: getMethodResponse }),
  operation({ name: 'DeleteMethodResponse', method: 'DELETE', path: `${METHOD}/responses/{statusCode}`, status: 204, handler: deleteMethodResponseHandler }),
  // The body's `httpMethod` is the integration's own method; the path's is the method it belongs to.
  operation({
    name: 'PutIntegration',
    method: 'PUT',
    path: `${METHOD}/integration`,
    status: 201,
    bodyNames: { httpMethod: 'integrationHttpMethod' },
    handler: putIntegrationHandler,
  }),
  operation({ name: 'GetIntegration', method: 'GET', path: `${METHOD}/integration`, status: 200, handler: getIntegration }),
  operation({ name: 'DeleteIntegration', method: 'DELETE', path: `${METHOD}/integration`, status: 204, handler: deleteIntegrationHandler }),
];
