import type {
  CreateApiKeyCommandInput,
  CreateApiKeyCommandOutput,
  DeleteApiKeyCommandInput,
  GetApiKeyCommandInput,
  GetApiKeyCommandOutput,
  GetApiKeysCommandInput,
  GetApiKeysCommandOutput,
  ImportApiKeysCommandInput,
  ImportApiKeysCommandOutput,
  UpdateApiKeyCommandInput,
  UpdateApiKeyCommandOutput,
} from '@aws-sdk/client-api-gateway';
import { createApiKey, deleteApiKey, getApiKeyRecord, listApiKeys, updateApiKey } from '../store/api-keys.js';
import { importApiKeys } from '../store/import-api-keys.js';
import { apiKeyView } from '../views.js';
import { operation, storeEnv, type Ctx, type Out } from '../wire.js';

/** Values appear only when asked for (`includeValues=true`), as on AWS. */
export function getApiKeys(ctx: Ctx, input: GetApiKeysCommandInput): Out<GetApiKeysCommandOutput> {
  const page = listApiKeys(ctx.state, input);
  return { items: page.items.map((k) => apiKeyView(k, input.includeValues === true)), position: page.position };
}

export function getApiKey(ctx: Ctx, input: GetApiKeyCommandInput): Out<GetApiKeyCommandOutput> {
  return apiKeyView(getApiKeyRecord(ctx.state, input.apiKey), input.includeValue === true);
}

/** The one answer that always carries the value: the caller just created it. */
export function createApiKeyHandler(ctx: Ctx, input: CreateApiKeyCommandInput): Out<CreateApiKeyCommandOutput> {
  return apiKeyView(createApiKey(ctx.state, input, storeEnv(ctx)), true);
}

export function updateApiKeyHandler(ctx: Ctx, input: UpdateApiKeyCommandInput): Out<UpdateApiKeyCommandOutput> {
  return apiKeyView(updateApiKey(ctx.state, input.apiKey!, input.patchOperations, storeEnv(ctx)), false);
}

export function deleteApiKeyHandler(ctx: Ctx, input: DeleteApiKeyCommandInput): undefined {
  deleteApiKey(ctx.state, input.apiKey!);
  return undefined;
}

/** ImportApiKeys: the CSV file arrives as the raw body (the SDK sends it as application/octet-stream). */
export function importApiKeysHandler(ctx: Ctx, input: ImportApiKeysCommandInput): Out<ImportApiKeysCommandOutput> {
  const result = importApiKeys(ctx.state, input, storeEnv(ctx));
  return result.warnings.length ? result : { ids: result.ids };
}

export const apiKeyOperations = [
  // Before CreateApiKey in spirit; the router tries routes that require a query parameter first.
  operation({
    name: 'ImportApiKeys',
    method: 'POST',
    path: '/apikeys?mode=import',
    status: 201,
    rawBody: true,
    query: { format: ['format', 'string'], failonwarnings: ['failOnWarnings', 'bool'] },
    handler: importApiKeysHandler,
  }),
  operation({
    name: 'GetApiKeys',
    method: 'GET',
    path: '/apikeys',
    status: 200,
    query: {
      position: ['position', 'string'],
      limit: ['limit', 'int'],
      name: ['nameQuery', 'string'],
      customerId: ['customerId', 'string'],
      includeValues: ['includeValues', 'bool'],
    },
    handler: getApiKeys,
  }),
  operation({ name: 'GetApiKey', method: 'GET', path: '/apikeys/{apiKey}', status: 200, query: { includeValue: ['includeValue', 'bool'] }, handler: getApiKey }),
  operation({ name: 'CreateApiKey', method: 'POST', path: '/apikeys', status: 201, handler: createApiKeyHandler }),
  operation({ name: 'UpdateApiKey', method: 'PATCH', path: '/apikeys/{apiKey}', status: 200, handler: updateApiKeyHandler }),
  operation({ name: 'DeleteApiKey', method: 'DELETE', path: '/apikeys/{apiKey}', status: 202, handler: deleteApiKeyHandler }),
];
