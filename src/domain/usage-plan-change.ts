import type { CreateUsagePlanCommandInput, PatchOperation } from '@aws-sdk/client-api-gateway';
import { validateLimits, type LimitInput, type Limits } from './throttle-rules.js';
import type { PlanStage, QuotaPeriod, UsagePlan } from './usage-plan.js';

/**
 * A change to a usage plan, computed before anything is sent: the plan as an operator wants it (a
 * PlanSettings), the exact field-by-field difference from the plan as it is (before -> after), the one
 * UpdateUsagePlan request that makes it (AWS allows one such call per 20 seconds, so every edit of a plan
 * goes in a single request), the check that nothing it touches moved underneath, and its undo.
 */
export type PlanSettings = Pick<UsagePlan, 'name' | 'description' | 'throttle' | 'quota' | 'stages'>;

export const QUOTA_PERIODS: readonly QuotaPeriod[] = ['DAY', 'WEEK', 'MONTH'];

export type PlanField =
  | { kind: 'name' }
  | { kind: 'description' }
  | { kind: 'throttle' }
  | { kind: 'throttle-limit'; limit: 'rate' | 'burst' }
  | { kind: 'quota' }
  | { kind: 'quota-limit' }
  | { kind: 'quota-period' }
  | { kind: 'quota-offset' }
  | { kind: 'stage'; apiId: string; stage: string }
  | { kind: 'method'; apiId: string; stage: string; method: string }
  | { kind: 'method-limit'; apiId: string; stage: string; method: string; limit: 'rate' | 'burst' };

export type PlanValue = string | number | undefined;

export interface PlanFieldChange {
  field: PlanField;
  label: string;
  before: PlanValue;
  after: PlanValue;
  note?: string;
}

/** How a plan's API stage reads: `a1b2c3d4e5:prod`, AWS's own notation (also the patch value). */
export const stageRef = (apiId: string, stage: string) => `${apiId}:${stage}`;

/** The key AWS gives a per-method throttle inside an API stage: resource path, a slash, the verb (`/pets/GET`). */
export function methodKey(resourcePath: string, httpMethod: string): string {
  return `${resourcePath}/${httpMethod}`;
}

export function splitMethodKey(key: string): { resourcePath: string; httpMethod: string } {
  const slash = key.lastIndexOf('/');
  return { resourcePath: key.slice(0, slash) || '/', httpMethod: key.slice(slash + 1) };
}

/** `GET /pets`, as an operator reads a method. */
export function methodLabel(key: string): string {
  const { resourcePath, httpMethod } = splitMethodKey(key);
  return `${httpMethod} ${resourcePath}`;
}

const isMethodKey = (key: string) => /^\/\S*\/[A-Z*]+$/.test(key);

/**
 * The patch path of a per-method throttle, `/apiStages/{apiId}:{stage}/throttle/{resourcePath}/{httpMethod}`
 * (AWS's patch-operations reference), the resource path written as one JSON-pointer segment (`/` as `~1`,
 * `~` as `~0`): `/apiStages/a1b2c3:prod/throttle/~1pets/GET`.
 */
export function methodThrottlePath(apiId: string, stage: string, key: string): string {
  const { resourcePath, httpMethod } = splitMethodKey(key);
  return `/apiStages/${stageRef(apiId, stage)}/throttle/${resourcePath.replace(/~/g, '~0').replace(/\//g, '~1')}/${httpMethod}`;
}

const LIMIT_NAME = { rate: 'rateLimit', burst: 'burstLimit' } as const;

export function fieldLabel(f: PlanField, apiName?: (apiId: string) => string | undefined): string {
  const stageName = (apiId: string, stage: string) => {
    const name = apiName?.(apiId);
    return name ? `${name} (${stageRef(apiId, stage)})` : stageRef(apiId, stage);
  };
  const limitLabel = (l: 'rate' | 'burst') => (l === 'rate' ? 'rate (requests/s)' : 'burst (requests)');
  switch (f.kind) {
    case 'name':
      return 'Name';
    case 'description':
      return 'Description';
    case 'throttle':
      return 'Throttling';
    case 'throttle-limit':
      return `Throttling: ${limitLabel(f.limit)}`;
    case 'quota':
      return 'Quota';
    case 'quota-limit':
      return 'Quota: limit (requests)';
    case 'quota-period':
      return 'Quota: period';
    case 'quota-offset':
      return 'Quota: offset';
    case 'stage':
      return `API stage ${stageName(f.apiId, f.stage)}`;
    case 'method':
      return `${stageName(f.apiId, f.stage)} ${methodLabel(f.method)}: throttling`;
    case 'method-limit':
      return `${stageName(f.apiId, f.stage)} ${methodLabel(f.method)}: ${limitLabel(f.limit)}`;
  }
}

const findStage = (p: PlanSettings, apiId: string, stage: string): PlanStage | undefined =>
  p.stages.find((s) => s.apiId === apiId && s.stage === stage);

export function readField(p: PlanSettings, f: PlanField): PlanValue {
  switch (f.kind) {
    case 'name':
      return p.name || undefined;
    case 'description':
      return p.description || undefined;
    case 'throttle':
      return p.throttle ? 'on' : undefined;
    case 'throttle-limit':
      return p.throttle?.[f.limit];
    case 'quota':
      return p.quota ? 'on' : undefined;
    case 'quota-limit':
      return p.quota?.limit;
    case 'quota-period':
      return p.quota?.period;
    case 'quota-offset':
      return p.quota?.offset;
    case 'stage':
      return findStage(p, f.apiId, f.stage) ? 'in the plan' : undefined;
    case 'method':
      return findStage(p, f.apiId, f.stage)?.methodThrottles[f.method] ? 'on' : undefined;
    case 'method-limit':
      return findStage(p, f.apiId, f.stage)?.methodThrottles[f.method]?.[f.limit];
  }
}

const fieldKey = (f: PlanField) => JSON.stringify(f);

/** Every field of a plan in the order the plan page shows them: limits first, then each API stage and its methods. */
function fieldsOf(p: PlanSettings): PlanField[] {
  const fields: PlanField[] = [{ kind: 'name' }, { kind: 'description' }, { kind: 'throttle' }];
  if (p.throttle) fields.push({ kind: 'throttle-limit', limit: 'rate' }, { kind: 'throttle-limit', limit: 'burst' });
  fields.push({ kind: 'quota' });
  if (p.quota) fields.push({ kind: 'quota-limit' }, { kind: 'quota-period' }, { kind: 'quota-offset' });
  return fields;
}

function stageFieldsOf(s: PlanStage, methods: readonly string[]): PlanField[] {
  const { apiId, stage } = s;
  const fields: PlanField[] = [{ kind: 'stage', apiId, stage }];
  for (const method of methods) {
    fields.push(
      { kind: 'method', apiId, stage, method },
      { kind: 'method-limit', apiId, stage, method, limit: 'rate' },
      { kind: 'method-limit', apiId, stage, method, limit: 'burst' },
    );
  }
  return fields;
}

const union = <T>(a: readonly T[], b: readonly T[], key: (x: T) => string): T[] => {
  const seen = new Set(a.map(key));
  return [...a, ...b.filter((x) => !seen.has(key(x)))];
};

/** Every field whose value differs between two states of a plan, in a stable, readable order. */
export function diffPlans(before: PlanSettings, after: PlanSettings, apiName?: (apiId: string) => string | undefined): PlanFieldChange[] {
  const fields = union(fieldsOf(before), fieldsOf(after), fieldKey);
  const sk = (s: PlanStage) => stageRef(s.apiId, s.stage);
  for (const s of union(before.stages, after.stages, sk)) {
    const b = findStage(before, s.apiId, s.stage)?.methodThrottles ?? {};
    const a = findStage(after, s.apiId, s.stage)?.methodThrottles ?? {};
    fields.push(...stageFieldsOf(s, union(Object.keys(b), Object.keys(a), (m) => m)));
  }
  const changes: PlanFieldChange[] = [];
  for (const field of fields) {
    const b = readField(before, field);
    const a = readField(after, field);
    if (b === a) continue;
    const change: PlanFieldChange = { field, label: fieldLabel(field, apiName), before: b, after: a };
    if (field.kind === 'stage' && a === undefined) change.note = 'Keys in this plan lose access to this API stage through it.';
    if (field.kind === 'throttle' && a === undefined) change.note = 'Requests are then limited only by the stage and account throttling.';
    if (field.kind === 'quota' && a === undefined) change.note = 'Keys in this plan then have no request quota.';
    changes.push(change);
  }
  return changes;
}

/**
 * UpdateUsagePlan patch operations for a set of changes: one request, applied by AWS in order (an API stage
 * is added before its per-method throttles are set). Sub-fields of something removed as a whole are not sent.
 */
export function planPatchOperations(changes: readonly PlanFieldChange[]): PatchOperation[] {
  const removed = (kind: 'throttle' | 'quota') => changes.some((c) => c.field.kind === kind && c.after === undefined);
  const stageRemoved = (apiId: string, stage: string) =>
    changes.some((c) => c.field.kind === 'stage' && c.field.apiId === apiId && c.field.stage === stage && c.after === undefined);
  const methodRemoved = (apiId: string, stage: string, method: string) =>
    changes.some((c) => c.field.kind === 'method' && c.field.apiId === apiId && c.field.stage === stage && c.field.method === method && c.after === undefined);
  const ops: PatchOperation[] = [];
  for (const c of changes) {
    const f = c.field;
    switch (f.kind) {
      case 'name':
        ops.push({ op: 'replace', path: '/name', value: String(c.after ?? '') });
        break;
      case 'description':
        ops.push({ op: 'replace', path: '/description', value: String(c.after ?? '') });
        break;
      case 'throttle':
        if (c.after === undefined) ops.push({ op: 'remove', path: '/throttle' });
        break;
      case 'throttle-limit':
        if (!removed('throttle') && c.after !== undefined) ops.push({ op: 'replace', path: `/throttle/${LIMIT_NAME[f.limit]}`, value: String(c.after) });
        break;
      case 'quota':
        if (c.after === undefined) ops.push({ op: 'remove', path: '/quota' });
        break;
      case 'quota-limit':
      case 'quota-period':
      case 'quota-offset':
        if (!removed('quota') && c.after !== undefined) ops.push({ op: 'replace', path: `/quota/${f.kind.slice('quota-'.length)}`, value: String(c.after) });
        break;
      case 'stage':
        ops.push({ op: c.after === undefined ? 'remove' : 'add', path: '/apiStages', value: stageRef(f.apiId, f.stage) });
        break;
      case 'method':
        if (c.after === undefined && !stageRemoved(f.apiId, f.stage)) ops.push({ op: 'remove', path: methodThrottlePath(f.apiId, f.stage, f.method) });
        break;
      case 'method-limit':
        if (c.after === undefined || stageRemoved(f.apiId, f.stage) || methodRemoved(f.apiId, f.stage, f.method)) break;
        ops.push({ op: 'replace', path: `${methodThrottlePath(f.apiId, f.stage, f.method)}/${LIMIT_NAME[f.limit]}`, value: String(c.after) });
        break;
    }
  }
  return ops;
}

export interface PlanDrift {
  label: string;
  whenOpened: PlanValue;
  now: PlanValue;
}

/** Fields this change touches whose value moved since the form opened: applying would overwrite them blind. */
export function planDriftSince(opened: PlanSettings, now: PlanSettings, changes: readonly PlanFieldChange[]): PlanDrift[] {
  const out: PlanDrift[] = [];
  for (const c of changes) {
    const a = readField(opened, c.field);
    const b = readField(now, c.field);
    if (a !== b) out.push({ label: c.label, whenOpened: a, now: b });
  }
  return out;
}

/** The change that puts back every field a change touched: the same fields, before and after swapped. */
export function invertChanges(changes: readonly PlanFieldChange[]): PlanFieldChange[] {
  return changes.map((c) => ({ field: c.field, label: c.label, before: c.after, after: c.before }));
}

/** CreateUsagePlan's input for a new plan. */
export function createPlanInput(p: PlanSettings): CreateUsagePlanCommandInput {
  return {
    name: p.name,
    ...(p.description ? { description: p.description } : {}),
    ...(p.throttle ? { throttle: { rateLimit: p.throttle.rate, burstLimit: p.throttle.burst } } : {}),
    ...(p.quota ? { quota: { limit: p.quota.limit, period: p.quota.period, offset: p.quota.offset } } : {}),
    ...(p.stages.length
      ? {
          apiStages: p.stages.map((s) => ({
            apiId: s.apiId,
            stage: s.stage,
            ...(Object.keys(s.methodThrottles).length
              ? { throttle: Object.fromEntries(Object.entries(s.methodThrottles).map(([k, t]) => [k, { rateLimit: t.rate, burstLimit: t.burst }])) }
              : {}),
          })),
        }
      : {}),
  };
}

export const EMPTY_PLAN: PlanSettings = { name: '', stages: [] };

/**
 * The requests that delete a plan. AWS refuses DeleteUsagePlan while the plan has API stages, so they are
 * removed first, all in one UpdateUsagePlan.
 */
export function deletePlanRequests(p: UsagePlan): { operation: 'UpdateUsagePlan' | 'DeleteUsagePlan'; input: Record<string, unknown> }[] {
  const detach = p.stages.map((s) => ({ op: 'remove' as const, path: '/apiStages', value: stageRef(s.apiId, s.stage) }));
  return [
    ...(detach.length ? [{ operation: 'UpdateUsagePlan' as const, input: { usagePlanId: p.id, patchOperations: detach } }] : []),
    { operation: 'DeleteUsagePlan' as const, input: { usagePlanId: p.id } },
  ];
}

// ---------------------------------------------------------------------------------------------------
// Validation of what an operator typed, before anything is planned or sent.

export interface MethodThrottleInput extends LimitInput {
  method: string;
}

export interface StageInput {
  apiId: string;
  stage: string;
  methods: MethodThrottleInput[];
}

export interface PlanInput {
  name: string;
  description: string;
  /** Both empty: the plan has no throttling of its own. */
  throttle: LimitInput;
  /** An empty limit: no quota. */
  quota: { limit: string; period: string; offset: string };
  stages: StageInput[];
}

/** Errors by field: `name`, `throttle.rate`, `quota.offset`, `method:<apiId>:<stage>:<method>.burst`, ... */
export type PlanErrors = Record<string, string>;

export const methodErrorKey = (apiId: string, stage: string, method: string, limit: 'rate' | 'burst') => `method:${stageRef(apiId, stage)}:${method}.${limit}`;

const UNBOUNDED = { rate: Number.POSITIVE_INFINITY, burst: Number.POSITIVE_INFINITY };

/** Which offsets a quota period allows: the day the period starts, counted from 0. */
export function offsetRule(period: QuotaPeriod): { max: number; message: string } {
  switch (period) {
    case 'DAY':
      return { max: 0, message: 'Quota offset must be 0 for a DAY period.' };
    case 'WEEK':
      return { max: 6, message: 'Quota offset must be a whole number from 0 to 6 for a WEEK period (0 starts the week on Sunday).' };
    case 'MONTH':
      return { max: 27, message: 'Quota offset must be a whole number from 0 to 27 for a MONTH period (0 starts on the first day).' };
  }
}

export function inputFromPlan(p: PlanSettings | undefined): PlanInput {
  const s = (n: number | undefined) => (n === undefined ? '' : String(n));
  return {
    name: p?.name ?? '',
    description: p?.description ?? '',
    throttle: { rate: s(p?.throttle?.rate), burst: s(p?.throttle?.burst) },
    quota: { limit: s(p?.quota?.limit), period: p?.quota?.period ?? 'MONTH', offset: s(p?.quota?.offset ?? 0) },
    stages: (p?.stages ?? []).map((st) => ({
      apiId: st.apiId,
      stage: st.stage,
      methods: Object.entries(st.methodThrottles).map(([method, t]) => ({ method, rate: s(t.rate), burst: s(t.burst) })),
    })),
  };
}

/** Checks every field, naming the field and the rule it breaks; returns the plan's settings only when all pass. */
export function validatePlanInput(input: PlanInput): { value?: PlanSettings; errors: PlanErrors } {
  const errors: PlanErrors = {};
  const name = input.name.trim();
  if (!name) errors.name = 'Name is required.';
  else if (name.length > 1024) errors.name = 'Name must be at most 1,024 characters.';

  let throttle: Limits | undefined;
  if (input.throttle.rate.trim() !== '' || input.throttle.burst.trim() !== '') {
    const v = validateLimits(input.throttle, UNBOUNDED);
    if (v.errors.rate) errors['throttle.rate'] = `Throttling: ${v.errors.rate}`;
    if (v.errors.burst) errors['throttle.burst'] = `Throttling: ${v.errors.burst}`;
    throttle = v.value;
  }

  let quota: PlanSettings['quota'];
  const limitText = input.quota.limit.trim();
  if (limitText !== '') {
    const limit = Number(limitText);
    if (!/^\d+$/.test(limitText) || limit < 1 || !Number.isSafeInteger(limit)) errors['quota.limit'] = 'Quota limit must be a positive whole number of requests, such as 10000.';
    const period = input.quota.period as QuotaPeriod;
    if (!QUOTA_PERIODS.includes(period)) errors['quota.period'] = 'Quota period must be DAY, WEEK or MONTH.';
    const offsetText = input.quota.offset.trim() || '0';
    const offset = Number(offsetText);
    if (QUOTA_PERIODS.includes(period)) {
      const rule = offsetRule(period);
      if (!/^\d+$/.test(offsetText) || offset > rule.max) errors['quota.offset'] = rule.message;
    }
    if (!errors['quota.limit'] && !errors['quota.period'] && !errors['quota.offset']) quota = { limit, period, offset };
  }

  const stages: PlanStage[] = [];
  const seen = new Set<string>();
  for (const s of input.stages) {
    const ref = stageRef(s.apiId, s.stage);
    if (!s.apiId || !s.stage) {
      errors[`stage:${ref}`] = 'Choose both an API and one of its stages.';
      continue;
    }
    if (seen.has(ref)) {
      errors[`stage:${ref}`] = `API stage ${ref} is listed twice.`;
      continue;
    }
    seen.add(ref);
    const methodThrottles: Record<string, Limits> = {};
    for (const m of s.methods) {
      if (!isMethodKey(m.method)) {
        errors[methodErrorKey(s.apiId, s.stage, m.method, 'rate')] = `"${m.method}" is not a method such as /pets/GET.`;
        continue;
      }
      if (methodThrottles[m.method]) {
        errors[methodErrorKey(s.apiId, s.stage, m.method, 'rate')] = `${methodLabel(m.method)} is listed twice in ${ref}.`;
        continue;
      }
      const v = validateLimits(m, UNBOUNDED);
      const label = `${methodLabel(m.method)} in ${ref}`;
      if (v.errors.rate) errors[methodErrorKey(s.apiId, s.stage, m.method, 'rate')] = `${label}: ${v.errors.rate}`;
      if (v.errors.burst) errors[methodErrorKey(s.apiId, s.stage, m.method, 'burst')] = `${label}: ${v.errors.burst}`;
      if (v.value) methodThrottles[m.method] = v.value;
    }
    stages.push({ apiId: s.apiId, stage: s.stage, methodThrottles });
  }

  if (Object.keys(errors).length) return { errors };
  const description = input.description.trim();
  return {
    value: {
      name,
      ...(description ? { description } : {}),
      ...(throttle ? { throttle } : {}),
      ...(quota ? { quota } : {}),
      stages,
    },
    errors,
  };
}
