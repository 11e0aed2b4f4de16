import type { PatchOperation } from '@aws-sdk/client-api-gateway';
import { badRequest, conflict, notFound } from '../errors.js';
import { checkPatchOps, invalidPathFor, unescapePointer } from './patch.js';
import { getUsagePlanRecord, PERIODS, plansOfKey, type PlansOfKey } from './usage-plans.js';
import type { ApiGatewayState, ApiStageRecord, UsagePlanRecord } from './types.js';

/**
 * UpdateUsagePlan, all-or-nothing: the operations apply in order to a copy, which replaces the plan only when
 * every one succeeded. Paths (AWS's, see COVERAGE.md):
 *   replace /name, /description; add|replace|remove /productCode
 *   add|replace /throttle/rateLimit, /throttle/burstLimit; remove /throttle
 *   add|replace /quota/limit, /quota/period, /quota/offset; remove /quota
 *   add|remove /apiStages with value `apiId:stage`
 *   add|replace /apiStages/{apiId}:{stage}/throttle/{resourcePath}/{httpMethod}/rateLimit|burstLimit
 *   remove /apiStages/{apiId}:{stage}/throttle/{resourcePath}/{httpMethod}, /apiStages/{apiId}:{stage}/throttle
 *   replace /apiStages/{apiId}:{stage}/throttle with a JSON map `{"/pets/GET": {"rateLimit": 10, ...}}`
 * The resource path inside a throttle path may be `~1`-escaped (`/throttle/~1pets/GET/rateLimit`) or not
 * (`/throttle//pets/GET/rateLimit`, what Terraform sends); the map key is `/pets/GET` (`//GET` for the root).
 */

const STAGE_THROTTLE = '/apiStages/<apidId:stageName>/throttle';
const METHOD_THROTTLE = `${STAGE_THROTTLE}/<resourcePath>/<httpMethod>`;
// AWS's list for `remove` (boto3/boto3#2629, "apidId" is AWS's typo); the add/replace lists are the sandbox's (†).
const REMOVE_PATHS = ['/apiStages', '/quota', '/throttle', '/productCode', METHOD_THROTTLE, STAGE_THROTTLE];
const REPLACE_PATHS = [
  '/name',
  '/description',
  '/productCode',
  '/throttle/rateLimit',
  '/throttle/burstLimit',
  '/quota/limit',
  '/quota/period',
  '/quota/offset',
  STAGE_THROTTLE,
  `${METHOD_THROTTLE}/rateLimit`,
  `${METHOD_THROTTLE}/burstLimit`,
];
const ADD_PATHS = [
  '/apiStages',
  '/productCode',
  '/throttle/rateLimit',
  '/throttle/burstLimit',
  '/quota/limit',
  '/quota/period',
  '/quota/offset',
  `${METHOD_THROTTLE}/rateLimit`,
  `${METHOD_THROTTLE}/burstLimit`,
];
const PATHS: Record<string, string[]> = { add: ADD_PATHS, replace: REPLACE_PATHS, remove: REMOVE_PATHS };

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY', '*'];
/** Days in a quota period, for the offset check (†: AWS documents the offset, not its bounds). */
const PERIOD_DAYS: Record<string, number> = { DAY: 1, WEEK: 7, MONTH: 28 };

export function updateUsagePlan(
  state: ApiGatewayState,
  usagePlanId: string,
  ops: PatchOperation[] | undefined,
  plansOf: PlansOfKey = plansOfKey(state),
): UsagePlanRecord {
  const current = getUsagePlanRecord(state, usagePlanId);
  const next: UsagePlanRecord = structuredClone(current);
  for (const p of checkPatchOps(ops, 'updateUsagePlanInput')) applyOne(state, next, p);
  checkQuota(next);
  checkNewStages(current, next, plansOf);
  state.usagePlans[usagePlanId] = next;
  return next;
}

function applyOne(state: ApiGatewayState, plan: UsagePlanRecord, p: PatchOperation): void {
  const op = p.op!;
  const path = p.path ?? '';
  const refuse = () => invalidPathFor(path, op, PATHS[op] ?? []);
  if (!PATHS[op]) throw refuse();

  if (path === '/apiStages') {
    if (op === 'replace') throw refuse();
    const ref = parseApiStage(p.value);
    requireStageExists(state, plan, ref);
    const at = plan.apiStages.findIndex((s) => s.apiId === ref.apiId && s.stage === ref.stage);
    if (op === 'add') {
      if (at >= 0) throw conflict(`API Stage ${ref.apiId}:${ref.stage} is already in Usage Plan ${plan.id}`);
      plan.apiStages.push({ apiId: ref.apiId, stage: ref.stage });
    } else {
      if (at < 0) throw stageNotInPlan(plan, ref);
      plan.apiStages.splice(at, 1);
    }
    return;
  }
  if (path.startsWith('/apiStages/')) {
    applyStageThrottle(state, plan, op, path, p.value, refuse);
    return;
  }

  switch (`${op} ${path}`) {
    case 'replace /name':
      if (!p.value) throw badRequest('Usage Plan name must be specified');
      plan.name = p.value;
      return;
    case 'replace /description':
      if (p.value) plan.description = p.value;
      else delete plan.description;
      return;
    case 'add /productCode':
    case 'replace /productCode':
      if (p.value) plan.productCode = p.value;
      else delete plan.productCode;
      return;
    case 'remove /productCode':
      delete plan.productCode;
      return;
    case 'add /throttle/rateLimit':
    case 'replace /throttle/rateLimit':
      plan.throttle = { ...plan.throttle, rateLimit: rateValue(path, p.value) };
      return;
    case 'add /throttle/burstLimit':
    case 'replace /throttle/burstLimit':
      plan.throttle = { ...plan.throttle, burstLimit: burstValue(path, p.value) };
      return;
    case 'remove /throttle':
      delete plan.throttle;
      return;
    case 'add /quota/limit':
    case 'replace /quota/limit':
      plan.quota = { offset: 0, ...plan.quota, limit: intValue(path, p.value) };
      return;
    case 'add /quota/offset':
    case 'replace /quota/offset':
      plan.quota = { ...plan.quota, offset: intValue(path, p.value) };
      return;
    case 'add /quota/period':
    case 'replace /quota/period':
      if (!PERIODS.includes(p.value as never)) throw badRequest(`Invalid quota period specified: ${p.value ?? 'null'}. Valid values are ${PERIODS.join(', ')}`);
      plan.quota = { offset: 0, ...plan.quota, period: p.value };
      return;
    case 'remove /quota':
      delete plan.quota;
      return;
    default:
      throw refuse();
  }
}

interface StageRef {
  apiId: string;
  stage: string;
}

/** `apiId:stage`; anything else is AWS's "Invalid API Stage specified" (recorded, also for a missing value). */
function parseApiStage(value: string | undefined): StageRef {
  const parts = (value ?? '').split(':');
  if (parts.length !== 2 || !parts[0] || !parts[1]) throw badRequest('Invalid API Stage specified');
  return { apiId: parts[0], stage: parts[1] };
}

const invalidStage = (plan: UsagePlanRecord, ref: StageRef) =>
  notFound(`Invalid API Stage {api: ${ref.apiId}, stage: ${ref.stage}} specified for usageplan ${plan.id}`);

// An existing stage that is not in the plan gets the same answer as an unknown one (†).
const stageNotInPlan = invalidStage;

/** The API and stage must exist (recorded: NotFoundException naming both and the plan). */
function requireStageExists(state: ApiGatewayState, plan: UsagePlanRecord, ref: StageRef): void {
  if (!state.restApis[ref.apiId]?.stages[ref.stage]) throw invalidStage(plan, ref);
}

function applyStageThrottle(
  state: ApiGatewayState,
  plan: UsagePlanRecord,
  op: string,
  path: string,
  value: string | undefined,
  refuse: () => Error,
): void {
  const rest = path.slice('/apiStages/'.length);
  const slash = rest.indexOf('/');
  const address = slash < 0 ? rest : rest.slice(0, slash);
  const tail = slash < 0 ? '' : rest.slice(slash);
  if (tail !== '/throttle' && !tail.startsWith('/throttle/')) throw refuse();
  const ref = parseApiStage(address);
  requireStageExists(state, plan, ref);
  const stage = plan.apiStages.find((s) => s.apiId === ref.apiId && s.stage === ref.stage);
  if (!stage) throw stageNotInPlan(plan, ref);

  if (tail === '/throttle') {
    if (op === 'remove') delete stage.throttle;
    else if (op === 'replace') stage.throttle = parseThrottleMap(value);
    else throw refuse();
    return;
  }
  const segments = tail.slice('/throttle/'.length).split('/');
  if (op === 'remove') {
    const key = methodKey(segments);
    if (!key) throw refuse();
    if (!stage.throttle?.[key]) throw badRequest(`Cannot remove method throttle ${key} because there is no method throttle for this method`);
    delete stage.throttle[key];
    if (!Object.keys(stage.throttle).length) delete stage.throttle;
    return;
  }
  const setting = segments.pop();
  const key = methodKey(segments);
  if (!key || (setting !== 'rateLimit' && setting !== 'burstLimit')) throw refuse();
  const entry = { ...stage.throttle?.[key] };
  if (setting === 'rateLimit') entry.rateLimit = rateValue(path, value);
  else entry.burstLimit = burstValue(path, value);
  stage.throttle = { ...stage.throttle, [key]: entry };
}

/**
 * `{resourcePath}/{httpMethod}` segments -> the throttle map key `/pets/GET` (`//GET` for the root), or
 * undefined when the method or path is not one.
 */
function methodKey(segments: string[]): string | undefined {
  if (segments.length < 2) return undefined;
  const method = segments[segments.length - 1]!;
  if (!METHODS.includes(method)) return undefined;
  let resource = unescapePointer(segments.slice(0, -1).join('/'));
  if (!resource.startsWith('/')) resource = `/${resource}`;
  if (resource.length > 1 && resource.endsWith('/')) return undefined;
  if (!/^\/[A-Za-z0-9._\-{}+/*~]*$/.test(resource)) return undefined;
  return `${resource}/${method}`;
}

/** Checks a per-method throttle map as CreateUsagePlan and the whole-map replace take it. */
export function checkThrottleMap(map: Record<string, { rateLimit?: number; burstLimit?: number }>): Record<string, { rateLimit?: number; burstLimit?: number }> {
  const out: Record<string, { rateLimit?: number; burstLimit?: number }> = {};
  for (const [k, v] of Object.entries(map)) {
    const key = k.startsWith('/') ? methodKey(k.slice(1).split('/')) : undefined;
    if (!key || key !== k) throw badRequest(`Invalid method throttle key: ${k}. Keys have the form {resourcePath}/{httpMethod}, e.g. /pets/GET`);
    if (!v || typeof v !== 'object') throw badRequest(`Invalid throttle settings specified for ${k}`);
    const entry: { rateLimit?: number; burstLimit?: number } = {};
    if (v.rateLimit !== undefined) entry.rateLimit = rateValue(k, String(v.rateLimit));
    if (v.burstLimit !== undefined) entry.burstLimit = burstValue(k, String(v.burstLimit));
    out[k] = entry;
  }
  return out;
}

function parseThrottleMap(value: string | undefined): ApiStageRecord['throttle'] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value ?? '');
  } catch {
    throw badRequest(`Invalid throttle settings specified: ${value ?? 'null'}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw badRequest(`Invalid throttle settings specified: ${value ?? 'null'}`);
  return checkThrottleMap(parsed as Record<string, { rateLimit?: number; burstLimit?: number }>);
}

function rateValue(path: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw badRequest(`Invalid rate limit value ${value ?? 'null'} for ${path}. Must be a non-negative number`);
  }
  return n;
}

function burstValue(path: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || !/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) {
    throw badRequest(`Invalid burst limit value ${value ?? 'null'} for ${path}. Must be a non-negative integer`);
  }
  return n;
}

function intValue(path: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || !/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) {
    throw badRequest(`Invalid value ${value ?? 'null'} for ${path}. Must be a non-negative integer`);
  }
  return n;
}

/** A quota needs a limit and a period (message as CreateUsagePlan's, †); the offset must fall inside the period (†). */
export function checkQuota(plan: { quota?: { limit?: number; offset?: number; period?: string } }): void {
  const q = plan.quota;
  if (!q) return;
  if (q.limit === undefined || q.limit < 0 || !q.period) {
    throw badRequest('Invalid quota settings specified. Quota limit must be non-negative and a period must be specified');
  }
  const days = PERIOD_DAYS[q.period]!;
  if ((q.offset ?? 0) < 0 || (q.offset ?? 0) >= days) {
    throw badRequest(`Invalid quota offset ${q.offset}. For a ${q.period} period the offset must be between 0 and ${days - 1}`);
  }
}

/**
 * API stages the update adds must not give one of the plan's keys a second way to the same stage (the rule
 * CreateUsagePlanKey enforces with AWS's wording; this message is †).
 */
function checkNewStages(before: UsagePlanRecord, after: UsagePlanRecord, plansOf: PlansOfKey): void {
  const added = after.apiStages.filter((s) => !before.apiStages.some((t) => t.apiId === s.apiId && t.stage === s.stage));
  if (!added.length) return;
  for (const keyId of after.keyIds) {
    for (const other of plansOf(keyId)) {
      if (other.id === after.id) continue;
      const shared = added.find((s) => other.apiStages.some((t) => t.apiId === s.apiId && t.stage === s.stage));
      if (shared) {
        throw conflict(
          `API Stage ${shared.apiId}:${shared.stage} cannot be added to Usage Plan ${after.id} because API Key ${keyId} is in Usage Plan ${other.id}, which has the same API Stage`,
        );
      }
    }
  }
}
