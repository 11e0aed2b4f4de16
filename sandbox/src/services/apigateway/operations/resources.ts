import type {
  CreateResourceCommandInput,
  CreateResourceCommandOutput,
  DeleteResourceCommandInput,
  GetResourceCommandInput,
  GetResourceCommandOutput,
  GetResourcesCommandInput,
  GetResourcesCommandOutput,
} from '@aws-sdk/client-api-gateway';
import { createResource, deleteResource, getResourceRecord, listResources } from '../store/resources.js';
import { getRestApiRecord } from '../store/rest-apis.js';
import { resourceView } from '../views.js';
import { operation, storeEnv, type Ctx, type Out } from '../wire.js';

/** GetResources with `embed=methods` returns every method in full: one call instead of one per resource. */
export function getResources(ctx: Ctx, input: GetResourcesCommandInput): Out<GetResourcesCommandOutput> {
  const api = getRestApiRecord(ctx.state, storeEnv(ctx), input.restApiId);
  const embed = (input.embed ?? []).includes('methods');
  const page = listResources(api, input);
  return { items: page.items.map((r) => resourceView(r, embed)), position: page.position };
}

export function getResource(ctx: Ctx, input: GetResourceCommandInput): Out<GetResourceCommandOutput> {
  const embed = (input.embed ?? []).includes('methods');
  return resourceView(getResourceRecord(ctx.state, input.restApiId, input.resourceId), embed);
}

export function createResourceHandler(ctx: Ctx, input: CreateResourceCommandInput): Out<CreateResourceCommandOutput> {
  return resourceView(createResource(ctx.state, input, storeEnv(ctx)), false);
}

export function deleteResourceHandler(ctx: Ctx, input: DeleteResourceCommandInput): undefined {
  deleteResource(ctx.state, input.restApiId!, input.resourceId!);
  return undefined;
}

const page = { position: ['position', 'string'], limit: ['limit', 'int'] } as const;

export const resourceOperations = [
  operation({
    name: 'GetResources',
    method: 'GET',
    path: '/restapis/{restApiId}/resources',
    status: 200,
    query: { ...page, embed: ['embed', 'list'] },
    handler: getResources,
  }),
  operation({ name: 'GetResource', method: 'GET', path: '/restapis/{restApiId}/resources/{resourceId}', status: 200, query: { embed: ['embed', 'list'] }, handler: getResource }),
  operation({ name: 'CreateResource', method: 'POST', path: '/restapis/{restApiId}/resources/{parentId}', status: 201, handler: createResourceHandler }),
  operation({ name: 'DeleteResource', method: 'DELETE', path: '/restapis/{restApiId}/resources/{resourceId}', status: 202, handler: deleteResourceHandler }),
];
