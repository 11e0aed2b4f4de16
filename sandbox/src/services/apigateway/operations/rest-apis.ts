import type {
  CreateRestApiCommandInput,
  CreateRestApiCommandOutput,
  DeleteRestApiCommandInput,
  GetRestApiCommandInput,
  GetRestApiCommandOutput,
  GetRestApisCommandInput,
  GetRestApisCommandOutput,
  UpdateRestApiCommandInput,
  UpdateRestApiCommandOutput,
} from '@aws-sdk/client-api-gateway';
import { createRestApi, deleteRestApi, getRestApiRecord, listRestApis, updateRestApi } from '../store/rest-apis.js';
import { restApiView } from '../views.js';
import { operation, storeEnv, type Ctx, type Out } from '../wire.js';

export function getRestApis(ctx: Ctx, input: GetRestApisCommandInput): Out<GetRestApisCommandOutput> {
  const page = listRestApis(ctx.state, input);
  return { items: page.items.map(restApiView), position: page.position };
}

export function getRestApi(ctx: Ctx, input: GetRestApiCommandInput): Out<GetRestApiCommandOutput> {
  return restApiView(getRestApiRecord(ctx.state, storeEnv(ctx), input.restApiId));
}

export function createRestApiHandler(ctx: Ctx, input: CreateRestApiCommandInput): Out<CreateRestApiCommandOutput> {
  return restApiView(createRestApi(ctx.state, input, storeEnv(ctx)));
}

export function updateRestApiHandler(ctx: Ctx, input: UpdateRestApiCommandInput): Out<UpdateRestApiCommandOutput> {
  return restApiView(updateRestApi(ctx.state, input.restApiId!, input.patchOperations, storeEnv(ctx)));
}

export function deleteRestApiHandler(ctx: Ctx, input: DeleteRestApiCommandInput): undefined {
  deleteRestApi(ctx.state, input.restApiId!, storeEnv(ctx));
  return undefined;
}

export const restApiOperations = [
  operation({ name: 'GetRestApis', method: 'GET', path: '/restapis', status: 200, query: { position: ['position', 'string'], limit: ['limit', 'int'] }, handler: getRestApis }),
  operation({ name: 'GetRestApi', method: 'GET', path: '/restapis/{restApiId}', status: 200, handler: getRestApi }),
  operation({ name: 'CreateRestApi', method: 'POST', path: '/restapis', status: 201, handler: createRestApiHandler }),
  operation({ name: 'UpdateRestApi', method: 'PATCH', path: '/restapis/{restApiId}', status: 200, handler: updateRestApiHandler }),
  operation({ name: 'DeleteRestApi', method: 'DELETE', path: '/restapis/{restApiId}', status: 202, handler: deleteRestApiHandler }),
];
