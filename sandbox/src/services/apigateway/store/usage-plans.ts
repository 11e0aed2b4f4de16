import type { CreateUsagePlanCommandInput } from '@aws-sdk/client-api-gateway';
import { badRequest, conflict, enumProblem, usagePlanKeyNotFound, usagePlanNotFound, validationError } from '../errors.js';
import { uniqueId, type StoreEnv } from './env.js';
import { apiKeyKey, getApiKeyRecord } from './api-keys.js';
import { nextSeq, seqKey, type ApiGatewayState, type ApiKeyRecord, type ApiStageRecord, type UsagePlanRecord } from './types.js';
import { paginate, sortByKey, type Page, type PageRequest } from './pagination.js';
import { checkTags } from './tags.js';
import { checkQuota, checkThrottleMap } from './usage-plan-update.js';

export const PERIODS = ['DAY', 'WEEK', 'MONTH'] as const;
/** AWS's documented quota "usage plans per API key" (adjustable on AWS; fixed here). */
export const MAX_PLANS_PER_KEY = 10;

/** The plans an API key is attached to. The scale seed passes an index instead of scanning every plan. */
export type PlansOfKey = (keyId: string) => readonly UsagePlanRecord[];

export const plansOfKey = (state: ApiGatewayState): PlansOfKey => (keyId) => Object.values(state.usagePlans).filter((p) => p.keyIds.includes(keyId));

export function getUsagePlanRecord(state: ApiGatewayState, usagePlanId: string | undefined): UsagePlanRecord {
  const plan = usagePlanId ? state.usagePlans[usagePlanId] : undefined;
  if (!plan) throw usagePlanNotFound();
  return plan;
}

/**
 * Whether an API stage exists. CreateUsagePlan reports a bad one with AWS's own unformatted template,
 * placeholders included (aws/aws-sdk#354, aws/aws-cdk#6169): that is what AWS sends.
 */
export function checkApiStages(state: ApiGatewayState, apiStages: ApiStageRecord[]): void {
  for (const s of apiStages) {
    const api = s.apiId ? state.restApis[s.apiId] : undefined;
    if (!api || !s.stage || !api.stages[s.stage]) {
      throw badRequest('Invalid API Stage {api: %s, stage: %s} specified for usageplan %s');
    }
  }
}

function checkThrottle(t: { burstLimit?: number; rateLimit?: number } | undefined): void {
  if (!t) return;
  if ((t.burstLimit !== undefined && t.burstLimit < 0) || (t.rateLimit !== undefined && t.rateLimit < 0)) {
    throw badRequest('Invalid throttle settings specified. Rate limit and burst limit must be non-negative');
  }
}

export function createUsagePlan(state: ApiGatewayState, input: CreateUsagePlanCommandInput, env: StoreEnv): UsagePlanRecord {
  if (input.quota?.period !== undefined && !PERIODS.includes(input.quota.period as never)) {
    throw validationError([enumProblem(String(input.quota.period), 'createUsagePlanInput.quota.period', PERIODS)]);
  }
  if (!input.name) throw badRequest('Usage Plan name must be specified');
  const apiStages: ApiStageRecord[] = (input.apiStages ?? []).map((s) => ({
    apiId: s.apiId ?? '',
    stage: s.stage ?? '',
    ...(s.throttle ? { throttle: checkThrottleMap(s.throttle) } : {}),
  }));
  checkApiStages(state, apiStages);
  checkThrottle(input.throttle);
  checkQuota({ quota: input.quota ? { offset: 0, ...input.quota } : undefined });
  checkTags(input.tags);

  const plan: UsagePlanRecord = {
    id: uniqueId(env, state.usagePlans, 6),
    seq: nextSeq(state),
    name: input.name,
    apiStages,
    keyIds: [],
  };
  if (input.description !== undefined) plan.description = input.description;
  if (input.throttle) plan.throttle = { ...input.throttle };
  if (input.quota) plan.quota = { limit: input.quota.limit, offset: input.quota.offset ?? 0, period: input.quota.period };
  if (input.tags !== undefined) plan.tags = { ...input.tags };
  state.usagePlans[plan.id] = plan;
  return plan;
}

/** GetUsagePlans order: creation order; `keyId` keeps the plans that key is attached to. */
export function listUsagePlans(state: ApiGatewayState, query: PageRequest & { keyId?: string }): Page<UsagePlanRecord> {
  const plans = Object.values(state.usagePlans).filter((p) => !query.keyId || p.keyIds.includes(query.keyId));
  return paginate(sortByKey(plans, seqKey), seqKey, query);
}

export function deleteUsagePlan(state: ApiGatewayState, usagePlanId: string): void {
  const plan = getUsagePlanRecord(state, usagePlanId);
  const first = plan.apiStages[0];
  if (first) {
    throw badRequest(`Cannot delete Usage Plan ${plan.id} because there are API Stages associated with it, including ${first.apiId}:${first.stage}`);
  }
  delete state.usagePlans[usagePlanId];
  if (state.usage) delete state.usage[usagePlanId];
}

export function createUsagePlanKey(
  state: ApiGatewayState,
  input: { usagePlanId?: string; keyId?: string; keyType?: string },
  plansOf: PlansOfKey = plansOfKey(state),
): ApiKeyRecord {
  const plan = getUsagePlanRecord(state, input.usagePlanId);
  if (input.keyType !== 'API_KEY') throw badRequest('Invalid key type specified. Valid options are API_KEY');
  const key = getApiKeyRecord(state, input.keyId);
  checkKeyCanJoin(plan, key.id, plansOf);
  plan.keyIds.push(key.id);
  return key;
}

/**
 * Whether a key may be attached to a plan: not already in it, in fewer than 10 plans (message †), and not
 * reaching one API stage through two plans (AWS's wording).
 */
export function checkKeyCanJoin(plan: UsagePlanRecord, keyId: string, plansOf: PlansOfKey): void {
  if (plan.keyIds.includes(keyId)) throw conflict(`Usage Plan ${plan.id} already contains API Key ${keyId}`);
  const others = plansOf(keyId).filter((p) => p.id !== plan.id);
  if (others.length >= MAX_PLANS_PER_KEY) {
    throw badRequest(`API Key ${keyId} cannot be added to Usage Plan ${plan.id} because it is already in ${MAX_PLANS_PER_KEY} Usage Plans, the maximum`);
  }
  // A key may not reach the same API stage through two plans.
  for (const other of others) {
    const shared = other.apiStages.find((s) => plan.apiStages.some((t) => t.apiId === s.apiId && t.stage === s.stage));
    if (shared) {
      throw conflict(
        `Usage Plan ${plan.id} cannot be added because API Key ${keyId} cannot reference multiple Usage Plans with the same API Stage: ${shared.apiId}:${shared.stage}`,
      );
    }
  }
}

export function getUsagePlanKeyRecord(state: ApiGatewayState, usagePlanId: string, keyId: string): ApiKeyRecord {
  const plan = getUsagePlanRecord(state, usagePlanId);
  const key = plan.keyIds.includes(keyId) ? state.apiKeys[keyId] : undefined;
  if (!key) throw usagePlanKeyNotFound();
  return key;
}

/**
 * GetUsagePlanKeys: by key name, then id; `nameQuery` is a case-sensitive prefix. An unknown plan answers
 * an empty list, not an error (recorded).
 */
export function listUsagePlanKeys(state: ApiGatewayState, usagePlanId: string, query: PageRequest & { nameQuery?: string }): Page<ApiKeyRecord> {
  const plan = state.usagePlans[usagePlanId];
  const keys = (plan?.keyIds ?? [])
    .map((id) => state.apiKeys[id])
    .filter((k): k is ApiKeyRecord => !!k && (!query.nameQuery || (k.name ?? '').startsWith(query.nameQuery)));
  return paginate(sortByKey(keys, apiKeyKey), apiKeyKey, query);
}

export function deleteUsagePlanKey(state: ApiGatewayState, usagePlanId: string, keyId: string): void {
  const plan = getUsagePlanRecord(state, usagePlanId);
  getUsagePlanKeyRecord(state, usagePlanId, keyId);
  plan.keyIds = plan.keyIds.filter((k) => k !== keyId);
  if (state.usage?.[usagePlanId]) delete state.usage[usagePlanId]![keyId];
}
