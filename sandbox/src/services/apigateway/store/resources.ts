import { badRequest, conflict, resourceNotFound } from '../errors.js';
import { uniqueId, type StoreEnv } from './env.js';
import type { ApiGatewayState, ResourceRecord, RestApiRecord } from './types.js';
import { paginate, sortByKey, type Page, type PageRequest } from './pagination.js';

const PATH_PART = /^(?:[a-zA-Z0-9._-]+|\{[a-zA-Z0-9._-]+\+?\})$/;

const isVariable = (pathPart: string | undefined) => !!pathPart && pathPart.startsWith('{');
const isGreedy = (pathPart: string | undefined) => !!pathPart && pathPart.endsWith('+}');

/**
 * A resource of an API. A missing API and a missing resource give the same answer on AWS: the resource
 * identifier is what is reported invalid.
 */
export function getResourceRecord(state: ApiGatewayState, restApiId: string | undefined, resourceId: string | undefined): ResourceRecord {
  const api = restApiId ? state.restApis[restApiId] : undefined;
  const resource = api && resourceId ? api.resources[resourceId] : undefined;
  if (!resource) throw resourceNotFound();
  return resource;
}

export function createResource(
  state: ApiGatewayState,
  input: { restApiId?: string; parentId?: string; pathPart?: string },
  env: StoreEnv,
): ResourceRecord {
  const parent = getResourceRecord(state, input.restApiId, input.parentId);
  const api = state.restApis[input.restApiId!]!;
  const pathPart = input.pathPart ?? '';
  if (!PATH_PART.test(pathPart)) {
    throw badRequest(
      "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace.",
    );
  }
  if (isGreedy(parent.pathPart)) {
    throw badRequest(`Cannot create a child of a resource with a greedy path variable: ${parent.pathPart}`);
  }
  const siblings = childrenOf(api, parent.id);
  if (siblings.some((s) => s.pathPart === pathPart)) {
    throw conflict(`Another resource with the same parent already has this name: ${pathPart}`);
  }
  const variableSibling = isVariable(pathPart) ? siblings.find((s) => isVariable(s.pathPart)) : undefined;
  if (variableSibling) {
    throw badRequest(`A sibling (${variableSibling.pathPart}) of this resource already has a variable path part -- only one is allowed`);
  }
  const id = uniqueId(env, api.resources, 6);
  const resource: ResourceRecord = {
    id,
    parentId: parent.id,
    pathPart,
    path: parent.path === '/' ? `/${pathPart}` : `${parent.path}/${pathPart}`,
    methods: {},
  };
  api.resources[id] = resource;
  return resource;
}

function childrenOf(api: RestApiRecord, parentId: string): ResourceRecord[] {
  return Object.values(api.resources).filter((r) => r.parentId === parentId);
}

/** Deletes a resource and everything below it. */
export function deleteResource(state: ApiGatewayState, restApiId: string, resourceId: string): void {
  const resource = getResourceRecord(state, restApiId, resourceId);
  const api = state.restApis[restApiId]!;
  if (resource.id === api.rootResourceId) throw badRequest('Root resource cannot be deleted.');
  const doomed = new Set([resource.id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of Object.values(api.resources)) {
      if (r.parentId && doomed.has(r.parentId) && !doomed.has(r.id)) {
        doomed.add(r.id);
        grew = true;
      }
    }
  }
  for (const id of doomed) delete api.resources[id];
}

/** GetResources order: by path (recorded: `/`, `/parent`, `/parent/child`, ..., `/{proxy+}`). */
export function listResources(api: RestApiRecord, req: PageRequest): Page<ResourceRecord> {
  const sorted = sortByKey(Object.values(api.resources), resourceKey);
  return paginate(sorted, resourceKey, req);
}

const resourceKey = (r: ResourceRecord) => r.path;
