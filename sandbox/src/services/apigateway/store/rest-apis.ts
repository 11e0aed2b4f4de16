import type { CreateRestApiCommandInput, PatchOperation } from '@aws-sdk/client-api-gateway';
import { apiNotFound, badRequest, enumProblem, validationError } from '../errors.js';
import { epochSeconds, LOWER_ALNUM, uniqueId, type StoreEnv } from './env.js';
import { checkPatchOps, patchBoolean, unescapePointer } from './patch.js';
import { nextSeq, seqKey, type ApiGatewayState, type EndpointConfigurationRecord, type RestApiRecord } from './types.js';
import { paginate, sortByKey, type Page, type PageRequest } from './pagination.js';

const ENDPOINT_TYPES = ['PRIVATE', 'EDGE', 'REGIONAL'] as const;
const IP_ADDRESS_TYPES = ['ipv4', 'dualstack'] as const;
const API_KEY_SOURCES = ['HEADER', 'AUTHORIZER'] as const;
const MAX_COMPRESSION = 10485760;

export function getRestApiRecord(state: ApiGatewayState, env: Pick<StoreEnv, 'account'>, restApiId: string | undefined): RestApiRecord {
  const api = restApiId ? state.restApis[restApiId] : undefined;
  if (!api) throw apiNotFound(env.account, restApiId ?? '');
  return api;
}

export function createRestApi(state: ApiGatewayState, input: CreateRestApiCommandInput, env: StoreEnv): RestApiRecord {
  const endpointConfiguration = endpointConfigurationFor(input.endpointConfiguration);
  if (input.apiKeySource !== undefined && !API_KEY_SOURCES.includes(input.apiKeySource as never)) {
    throw validationError([enumProblem(String(input.apiKeySource), 'createRestApiInput.apiKeySource', API_KEY_SOURCES)]);
  }
  if (!input.name) throw badRequest('Name cannot be an empty string');
  if (input.description === '') throw badRequest('Description cannot be an empty string');
  checkCompression(input.minimumCompressionSize);
  checkEndpointTypes(endpointConfiguration);

  const id = uniqueId(env, state.restApis, 10);
  const rootResourceId = env.ids.next(10, LOWER_ALNUM);
  const api: RestApiRecord = {
    id,
    seq: nextSeq(state),
    name: input.name,
    createdDate: epochSeconds(env.now),
    apiKeySource: input.apiKeySource ?? 'HEADER',
    endpointConfiguration,
    disableExecuteApiEndpoint: input.disableExecuteApiEndpoint ?? false,
    rootResourceId,
    resources: { [rootResourceId]: { id: rootResourceId, path: '/', methods: {} } },
    deployments: {},
    stages: {},
  };
  if (input.description !== undefined) api.description = input.description;
  if (input.version !== undefined) api.version = input.version;
  if (input.binaryMediaTypes?.length) api.binaryMediaTypes = [...input.binaryMediaTypes];
  if (input.minimumCompressionSize !== undefined) api.minimumCompressionSize = input.minimumCompressionSize;
  if (input.policy !== undefined) api.policy = input.policy;
  if (input.tags !== undefined) api.tags = { ...input.tags };
  state.restApis[id] = api;
  return api;
}

/** Validates the enums first (AWS reports them together, as a ValidationException), then fills the defaults. */
function endpointConfigurationFor(ec: CreateRestApiCommandInput['endpointConfiguration']): EndpointConfigurationRecord {
  const types = ec?.types ?? ['EDGE'];
  const problems: string[] = [];
  if (types.some((t) => !ENDPOINT_TYPES.includes(t as never))) {
    problems.push(
      `Value '[${types.join(', ')}]' at 'createRestApiInput.endpointConfiguration.types' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${ENDPOINT_TYPES.join(', ')}]]`,
    );
  }
  const ipAddressType = ec?.ipAddressType || undefined;
  if (ipAddressType !== undefined && !IP_ADDRESS_TYPES.includes(ipAddressType as never)) {
    problems.push(enumProblem(ipAddressType, 'createRestApiInput.endpointConfiguration.ipAddressType', IP_ADDRESS_TYPES));
  }
  if (problems.length) throw validationError(problems);
  const record: EndpointConfigurationRecord = {
    types: [...types],
    ipAddressType: ipAddressType ?? (types[0] === 'PRIVATE' ? 'dualstack' : 'ipv4'),
  };
  if (ec?.vpcEndpointIds?.length) record.vpcEndpointIds = [...ec.vpcEndpointIds];
  return record;
}

function checkEndpointTypes(ec: EndpointConfigurationRecord): void {
  if (ec.types.length === 0) throw badRequest('REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.');
  if (ec.types.length > 1) throw badRequest('Cannot create an api with multiple Endpoint Types.');
  if (ec.types[0] === 'PRIVATE' && ec.ipAddressType !== 'dualstack') {
    throw badRequest('Only dualstack ipAddressType is supported for Private APIs.');
  }
}

function checkCompression(size: number | undefined): void {
  if (size !== undefined && (!Number.isInteger(size) || size < 0 || size > MAX_COMPRESSION)) {
    throw badRequest(`Invalid minimum compression size, must be between 0 and ${MAX_COMPRESSION}`);
  }
}

/** GetRestApis order: creation order (recorded). */
export function listRestApis(state: ApiGatewayState, req: PageRequest): Page<RestApiRecord> {
  return paginate(sortByKey(Object.values(state.restApis), seqKey), seqKey, req);
}

/**
 * UpdateRestApi. All operations are checked against a copy and applied together, so a failing operation
 * leaves the API unchanged.
 */
export function updateRestApi(state: ApiGatewayState, restApiId: string, ops: PatchOperation[] | undefined, env: StoreEnv): RestApiRecord {
  const current = getRestApiRecord(state, env, restApiId);
  const patchOps = checkPatchOps(ops, 'updateRestApiInput');
  const { resources, deployments, stages, ...fields } = current;
  const next: RestApiRecord = { ...structuredClone(fields), resources, deployments, stages };

  for (const p of patchOps) {
    const path = p.path ?? '';
    const op = p.op ?? '';
    if (path.startsWith('/binaryMediaTypes')) {
      if (path === '/binaryMediaTypes') throw badRequest(`Invalid patch path ${path}`);
      const type = unescapePointer(path.slice('/binaryMediaTypes/'.length));
      const list = next.binaryMediaTypes ?? [];
      if (op === 'add') {
        if (!list.includes(type)) list.push(type);
      } else if (op === 'remove') {
        const i = list.indexOf(type);
        if (i >= 0) list.splice(i, 1);
      } else if (op === 'replace') {
        // AWS removes the old entry and appends the new one, rather than replacing in place (recorded).
        const i = list.indexOf(type);
        if (i >= 0) list.splice(i, 1);
        if (p.value) list.push(p.value);
      } else {
        throw badRequest("Invalid patch operation specified. Must be 'add'|'remove'|'replace'");
      }
      if (list.length) next.binaryMediaTypes = list;
      else delete next.binaryMediaTypes;
      continue;
    }
    if (path.startsWith('/endpointConfiguration/types')) {
      if (op !== 'replace' && op !== 'add' && op !== 'remove') {
        throw badRequest("Invalid patch operation specified. Must be 'add'|'remove'|'replace'");
      }
      if (op === 'replace') {
        if (!ENDPOINT_TYPES.includes(p.value as never)) throw badRequest('Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE');
        next.endpointConfiguration.types = [p.value!];
        if (p.value === 'PRIVATE') next.endpointConfiguration.ipAddressType = 'dualstack';
      } else {
        throw badRequest('Cannot create an api with multiple Endpoint Types.');
      }
      continue;
    }
    switch (path) {
      case '/endpointConfiguration/ipAddressType':
        if (op !== 'replace') throw badRequest('Invalid patch operation specified. Must be one of: [replace]');
        if (!IP_ADDRESS_TYPES.includes(p.value as never)) throw badRequest('ipAddressType must be either ipv4 or dualstack.');
        if (next.endpointConfiguration.types[0] === 'PRIVATE' && p.value !== 'dualstack') {
          throw badRequest('Only dualstack ipAddressType is supported for Private APIs.');
        }
        next.endpointConfiguration.ipAddressType = p.value!;
        break;
      case '/minimumCompressionSize': {
        if (op !== 'replace') throw badRequest('Invalid patch operation specified. Must be one of: [replace]');
        if (!p.value) {
          delete next.minimumCompressionSize;
          break;
        }
        const size = /^-?\d+$/.test(p.value) ? Number(p.value) : NaN;
        if (Number.isNaN(size)) throw badRequest(`Invalid minimum compression size, must be between 0 and ${MAX_COMPRESSION}`);
        checkCompression(size);
        next.minimumCompressionSize = size;
        break;
      }
      case '/name':
        if (op !== 'replace') throw badRequest('Invalid patch operation specified. Must be one of: [replace]');
        if (!p.value) throw badRequest('Name cannot be an empty string');
        next.name = p.value;
        break;
      case '/description':
      case '/version':
      case '/policy': {
        const key = path.slice(1) as 'description' | 'version' | 'policy';
        if (op === 'remove' || (op === 'replace' && !p.value)) delete next[key];
        else if (op === 'replace' || op === 'add') next[key] = p.value!;
        else throw badRequest('Invalid patch operation specified. Must be one of: [replace]');
        break;
      }
      case '/apiKeySource':
        if (op !== 'replace') throw badRequest('Invalid patch operation specified. Must be one of: [replace]');
        if (!API_KEY_SOURCES.includes(p.value as never)) throw badRequest('Invalid API Key Source specified. Valid options are HEADER,AUTHORIZER');
        next.apiKeySource = p.value!;
        break;
      case '/disableExecuteApiEndpoint':
        if (op !== 'replace') throw badRequest('Invalid patch operation specified. Must be one of: [replace]');
        next.disableExecuteApiEndpoint = patchBoolean(p.value);
        break;
      default:
        throw badRequest(`Invalid patch path ${p.path ?? 'null'}`);
    }
  }
  // After an update AWS always returns `tags`, empty or not (recorded).
  next.tags ??= {};
  state.restApis[restApiId] = next;
  return next;
}

/** Deletes an API with everything in it; usage plans and API keys stop referring to its stages. */
export function deleteRestApi(state: ApiGatewayState, restApiId: string, env: Pick<StoreEnv, 'account'>): void {
  getRestApiRecord(state, env, restApiId);
  delete state.restApis[restApiId];
  for (const plan of Object.values(state.usagePlans)) {
    if (plan.apiStages.some((s) => s.apiId === restApiId)) plan.apiStages = plan.apiStages.filter((s) => s.apiId !== restApiId);
  }
  for (const key of Object.values(state.apiKeys)) {
    if (key.stageKeys.some((s) => s.startsWith(`${restApiId}/`))) key.stageKeys = key.stageKeys.filter((s) => !s.startsWith(`${restApiId}/`));
  }
}
