import type { CreateApiKeyCommandInput, PatchOperation } from '@aws-sdk/client-api-gateway';
import { apiKeyExists, apiKeyNotFound, badRequest, stageNotFound } from '../errors.js';
import { epochSeconds, MIXED_ALNUM, uniqueId, type StoreEnv } from './env.js';
import { checkPatchOps, invalidPathFor, patchBoolean, unsupportedOpFor } from './patch.js';
import type { ApiGatewayState, ApiKeyRecord } from './types.js';
import { paginate, sortByKey, type Page, type PageRequest } from './pagination.js';
import { checkTags } from './tags.js';

export const MAX_NAME = 1024;
export const MAX_DESCRIPTION = 125000;
export const MIN_VALUE = 20;
export const MAX_VALUE = 128;
// The order of AWS's message (recorded); `/stages` takes add and remove only, so it is not in this list.
const UPDATABLE = ['/description', '/enabled', '/name', '/customerId'] as const;

export function getApiKeyRecord(state: ApiGatewayState, apiKey: string | undefined): ApiKeyRecord {
  const key = apiKey ? state.apiKeys[apiKey] : undefined;
  if (!key) throw apiKeyNotFound();
  return key;
}

export function createApiKey(state: ApiGatewayState, input: CreateApiKeyCommandInput, env: StoreEnv): ApiKeyRecord {
  if (input.name && input.name.length > MAX_NAME) throw badRequest(`Invalid API Key name, can be at most ${MAX_NAME} characters.`);
  if (input.description && input.description.length > MAX_DESCRIPTION) throw badRequest('Invalid API Key description specified.');
  let value = input.value;
  if (value) {
    const problem = valueProblem(value);
    if (problem) throw badRequest(problem);
    if (Object.values(state.apiKeys).some((k) => k.value === value)) throw apiKeyExists();
  } else {
    value = env.ids.next(40, MIXED_ALNUM);
  }
  const stageKeys = (input.stageKeys ?? []).map((sk) => stageKeyRef(state, sk.restApiId, sk.stageName));
  checkTags(input.tags);

  const now = epochSeconds(env.now);
  const key: ApiKeyRecord = {
    id: uniqueId(env, state.apiKeys, 10),
    value,
    // AWS creates keys disabled unless asked otherwise (recorded).
    enabled: input.enabled ?? false,
    createdDate: now,
    lastUpdatedDate: now,
    stageKeys,
  };
  if (input.name) key.name = input.name;
  if (input.customerId) key.customerId = input.customerId;
  if (input.description) key.description = input.description;
  if (input.tags !== undefined) key.tags = { ...input.tags };
  state.apiKeys[key.id] = key;
  return key;
}

/** AWS's messages for a given key value of the wrong length (recorded); undefined when it is fine. */
export function valueProblem(value: string): string | undefined {
  if (value.length < MIN_VALUE) return `API Key value should be at least ${MIN_VALUE} characters`;
  if (value.length > MAX_VALUE) return `API Key value exceeds maximum size of ${MAX_VALUE} characters`;
  return undefined;
}

/** A legacy stage key `restApiId/stageName`; the stage must exist. */
function stageKeyRef(state: ApiGatewayState, restApiId: string | undefined, stageName: string | undefined): string {
  const api = restApiId ? state.restApis[restApiId] : undefined;
  if (!api || !stageName || !api.stages[stageName]) throw stageNotFound();
  return `${restApiId}/${stageName}`;
}

export interface ApiKeyQuery extends PageRequest {
  /** Prefix of the name, case-sensitive (recorded: prefixes match, infixes and other cases do not). */
  nameQuery?: string;
  customerId?: string;
}

/** GetApiKeys order: by name, then id. */
export function listApiKeys(state: ApiGatewayState, query: ApiKeyQuery): Page<ApiKeyRecord> {
  const matching = Object.values(state.apiKeys).filter(
    (k) => (!query.nameQuery || (k.name ?? '').startsWith(query.nameQuery)) && (!query.customerId || k.customerId === query.customerId),
  );
  return paginate(sortByKey(matching, apiKeyKey), apiKeyKey, query);
}

export const apiKeyKey = (k: { name?: string; id: string }) => `${k.name ?? ''}\u0000${k.id}`;

export function updateApiKey(state: ApiGatewayState, apiKey: string, ops: PatchOperation[] | undefined, env: StoreEnv): ApiKeyRecord {
  const current = getApiKeyRecord(state, apiKey);
  const next: ApiKeyRecord = structuredClone(current);
  for (const p of checkPatchOps(ops, 'updateApiKeyInput')) {
    // Legacy stage keys (accounts without usage plans used them): add/remove `restApiId/stageName`.
    if (p.path === '/stages' && (p.op === 'add' || p.op === 'remove')) {
      const [restApiId, stageName, ...rest] = (p.value ?? '').split('/');
      if (rest.length) throw stageNotFound();
      const ref = stageKeyRef(state, restApiId, stageName);
      if (p.op === 'add' && !next.stageKeys.includes(ref)) next.stageKeys.push(ref);
      if (p.op === 'remove') next.stageKeys = next.stageKeys.filter((s) => s !== ref);
      continue;
    }
    if (!UPDATABLE.includes(p.path as never)) {
      if (p.op === 'replace') throw invalidPathFor(p.path, p.op, UPDATABLE);
      throw unsupportedOpFor(p.path, p.op);
    }
    if (p.op !== 'replace') throw unsupportedOpFor(p.path, p.op);
    switch (p.path) {
      case '/name':
        if (p.value && p.value.length > MAX_NAME) throw badRequest(`Invalid API Key name, can be at most ${MAX_NAME} characters.`);
        if (p.value) next.name = p.value;
        else delete next.name;
        break;
      case '/description':
        if (p.value && p.value.length > MAX_DESCRIPTION) throw badRequest('Invalid API Key description specified.');
        if (p.value) next.description = p.value;
        else delete next.description;
        break;
      case '/customerId':
        if (p.value) next.customerId = p.value;
        else delete next.customerId;
        break;
      case '/enabled':
        // Anything but "true" disables the key (recorded: a non-boolean value answers 200, disabled).
        next.enabled = patchBoolean(p.value);
        break;
    }
  }
  next.lastUpdatedDate = epochSeconds(env.now);
  next.tags ??= {};
  state.apiKeys[apiKey] = next;
  return next;
}

/** Deletes a key; the usage plans it was attached to lose it, and its usage with them. */
export function deleteApiKey(state: ApiGatewayState, apiKey: string): void {
  getApiKeyRecord(state, apiKey);
  delete state.apiKeys[apiKey];
  for (const plan of Object.values(state.usagePlans)) {
    if (plan.keyIds.includes(apiKey)) plan.keyIds = plan.keyIds.filter((k) => k !== apiKey);
    if (state.usage?.[plan.id]?.[apiKey]) delete state.usage[plan.id]![apiKey];
  }
}
