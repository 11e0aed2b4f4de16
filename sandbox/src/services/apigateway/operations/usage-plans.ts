import type {
  CreateUsagePlanCommandInput,
  CreateUsagePlanCommandOutput,
  CreateUsagePlanKeyCommandInput,
  CreateUsagePlanKeyCommandOutput,
  DeleteUsagePlanCommandInput,
  DeleteUsagePlanKeyCommandInput,
  GetUsagePlanCommandInput,
  GetUsagePlanCommandOutput,
  GetUsagePlanKeyCommandInput,
  GetUsagePlanKeyCommandOutput,
  GetUsagePlanKeysCommandInput,
  GetUsagePlanKeysCommandOutput,
  GetUsagePlansCommandInput,
  GetUsagePlansCommandOutput,
  GetUsageCommandInput,
  GetUsageCommandOutput,
  UpdateUsageCommandInput,
  UpdateUsageCommandOutput,
  UpdateUsagePlanCommandInput,
  UpdateUsagePlanCommandOutput,
} from '@aws-sdk/client-api-gateway';
import {
  createUsagePlan,
  createUsagePlanKey,
  deleteUsagePlan,
  deleteUsagePlanKey,
  getUsagePlanKeyRecord,
  getUsagePlanRecord,
  listUsagePlanKeys,
  listUsagePlans,
} from '../store/usage-plans.js';
import { updateUsagePlan } from '../store/usage-plan-update.js';
import { getUsage, updateUsage } from '../store/usage.js';
import { usagePlanKeyView, usagePlanView } from '../views.js';
import { operation, storeEnv, type Ctx, type Out } from '../wire.js';

export function getUsagePlans(ctx: Ctx, input: GetUsagePlansCommandInput): Out<GetUsagePlansCommandOutput> {
  const page = listUsagePlans(ctx.state, input);
  return { items: page.items.map((p) => usagePlanView(p, false)), position: page.position };
}

export function getUsagePlan(ctx: Ctx, input: GetUsagePlanCommandInput): Out<GetUsagePlanCommandOutput> {
  return usagePlanView(getUsagePlanRecord(ctx.state, input.usagePlanId), true);
}

export function createUsagePlanHandler(ctx: Ctx, input: CreateUsagePlanCommandInput): Out<CreateUsagePlanCommandOutput> {
  return usagePlanView(createUsagePlan(ctx.state, input, storeEnv(ctx)), false);
}

/** UpdateUsagePlan answers the whole plan, `tags` included (recorded). Quota: 1 call per 20 s. */
export function updateUsagePlanHandler(ctx: Ctx, input: UpdateUsagePlanCommandInput): Out<UpdateUsagePlanCommandOutput> {
  return usagePlanView(updateUsagePlan(ctx.state, input.usagePlanId!, input.patchOperations), true);
}

/** GetUsage: `items` goes on the wire as `values` (key id -> [[used, remaining], ...] per day). */
export function getUsageHandler(ctx: Ctx, input: GetUsageCommandInput): Out<GetUsageCommandOutput> {
  return getUsage(ctx.state, input);
}

export function updateUsageHandler(ctx: Ctx, input: UpdateUsageCommandInput): Out<UpdateUsageCommandOutput> {
  return updateUsage(ctx.state, input.usagePlanId!, input.keyId!, input.patchOperations, ctx.config.now());
}

export function deleteUsagePlanHandler(ctx: Ctx, input: DeleteUsagePlanCommandInput): undefined {
  deleteUsagePlan(ctx.state, input.usagePlanId!);
  return undefined;
}

export function createUsagePlanKeyHandler(ctx: Ctx, input: CreateUsagePlanKeyCommandInput): Out<CreateUsagePlanKeyCommandOutput> {
  return usagePlanKeyView(createUsagePlanKey(ctx.state, input));
}

export function getUsagePlanKeys(ctx: Ctx, input: GetUsagePlanKeysCommandInput): Out<GetUsagePlanKeysCommandOutput> {
  const page = listUsagePlanKeys(ctx.state, input.usagePlanId!, input);
  return { items: page.items.map(usagePlanKeyView), position: page.position };
}

export function getUsagePlanKey(ctx: Ctx, input: GetUsagePlanKeyCommandInput): Out<GetUsagePlanKeyCommandOutput> {
  return usagePlanKeyView(getUsagePlanKeyRecord(ctx.state, input.usagePlanId!, input.keyId!));
}

export function deleteUsagePlanKeyHandler(ctx: Ctx, input: DeleteUsagePlanKeyCommandInput): undefined {
  deleteUsagePlanKey(ctx.state, input.usagePlanId!, input.keyId!);
  return undefined;
}

const page = { position: ['position', 'string'], limit: ['limit', 'int'] } as const;

export const usagePlanOperations = [
  operation({ name: 'GetUsagePlans', method: 'GET', path: '/usageplans', status: 200, query: { ...page, keyId: ['keyId', 'string'] }, handler: getUsagePlans }),
  operation({ name: 'GetUsagePlan', method: 'GET', path: '/usageplans/{usagePlanId}', status: 200, handler: getUsagePlan }),
  operation({ name: 'CreateUsagePlan', method: 'POST', path: '/usageplans', status: 201, handler: createUsagePlanHandler }),
  operation({ name: 'UpdateUsagePlan', method: 'PATCH', path: '/usageplans/{usagePlanId}', status: 200, handler: updateUsagePlanHandler }),
  operation({
    name: 'GetUsage',
    method: 'GET',
    path: '/usageplans/{usagePlanId}/usage',
    status: 200,
    query: { ...page, startDate: ['startDate', 'string'], endDate: ['endDate', 'string'], keyId: ['keyId', 'string'] },
    itemsName: 'values',
    handler: getUsageHandler,
  }),
  operation({
    name: 'UpdateUsage',
    method: 'PATCH',
    path: '/usageplans/{usagePlanId}/keys/{keyId}/usage',
    status: 200,
    itemsName: 'values',
    handler: updateUsageHandler,
  }),
  operation({ name: 'DeleteUsagePlan', method: 'DELETE', path: '/usageplans/{usagePlanId}', status: 202, handler: deleteUsagePlanHandler }),
  operation({ name: 'CreateUsagePlanKey', method: 'POST', path: '/usageplans/{usagePlanId}/keys', status: 201, handler: createUsagePlanKeyHandler }),
  operation({
    name: 'GetUsagePlanKeys',
    method: 'GET',
    path: '/usageplans/{usagePlanId}/keys',
    status: 200,
    query: { ...page, name: ['nameQuery', 'string'] },
    handler: getUsagePlanKeys,
  }),
  operation({ name: 'GetUsagePlanKey', method: 'GET', path: '/usageplans/{usagePlanId}/keys/{keyId}', status: 200, handler: getUsagePlanKey }),
  operation({ name: 'DeleteUsagePlanKey', method: 'DELETE', path: '/usageplans/{usagePlanId}/keys/{keyId}', status: 202, handler: deleteUsagePlanKeyHandler }),
];
