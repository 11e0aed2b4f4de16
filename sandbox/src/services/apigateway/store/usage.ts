import type { PatchOperation } from '@aws-sdk/client-api-gateway';
import { badRequest, usagePlanKeyNotFound, validationError } from '../errors.js';
import { checkPatchOps, invalidPathFor } from './patch.js';
import { paginate, type PageRequest } from './pagination.js';
import { getUsagePlanRecord } from './usage-plans.js';
import type { ApiGatewayState, UsagePlanRecord, UsageRecord } from './types.js';

/**
 * Usage of API keys in usage plans: requests counted per plan, key and UTC day, and the remaining quota they
 * leave. GetUsage answers `[used, remaining]` for every day of the range: `used` that day's requests,
 * `remaining` the quota left at the end of that day in its quota period (DAY, WEEK starting on weekday
 * `offset` with 0 = Sunday, MONTH starting on day `offset + 1`), after any UpdateUsage grant for the period.
 */

const DAY_MS = 86_400_000;
/** GetUsage's range may not exceed 90 days (AWS Knowledge Center "api-gateway-usage-key"; message †). */
export const MAX_USAGE_RANGE_DAYS = 90;

/** `YYYY-MM-DD` (a real calendar date) -> days since 1970-01-01, else undefined. */
export function parseDay(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(t);
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return undefined;
  return t / DAY_MS;
}

export const dayString = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const dayOf = (date: Date): number => Math.floor(date.getTime() / DAY_MS);

/** The first day of the quota period that contains `day`. */
export function periodStart(day: number, quota: { period?: string; offset?: number }): number {
  const offset = quota.offset ?? 0;
  if (quota.period === 'WEEK') {
    const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    return day - ((weekday - offset + 7) % 7);
  }
  if (quota.period === 'MONTH') {
    const d = new Date(day * DAY_MS);
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth();
    const startDom = offset + 1;
    const start = d.getUTCDate() >= startDom ? Date.UTC(y, m, startDom) : Date.UTC(y, m - 1, startDom);
    return start / DAY_MS;
  }
  return day;
}

function usageOf(state: ApiGatewayState, planId: string, keyId: string): UsageRecord | undefined {
  return state.usage?.[planId]?.[keyId];
}

/** Adds requests to a key's count for a day (the data plane calls this; the seeds write history with it). */
export function addUsage(state: ApiGatewayState, planId: string, keyId: string, day: string, requests: number): void {
  const plans = (state.usage ??= {});
  const keys = (plans[planId] ??= {});
  const record = (keys[keyId] ??= { days: {} });
  record.days[day] = (record.days[day] ?? 0) + requests;
}

/** `[used, remaining]` for each day from `first` to `last`. Without a quota, remaining is 0 (†). */
function dailyLog(plan: UsagePlanRecord, record: UsageRecord | undefined, first: number, last: number): number[][] {
  const quota = plan.quota;
  const out: number[][] = [];
  let start = Number.NaN;
  let cumulative = 0;
  for (let day = first; day <= last; day++) {
    const used = record?.days[dayString(day)] ?? 0;
    if (!quota || quota.limit === undefined) {
      out.push([used, 0]);
      continue;
    }
    const ps = periodStart(day, quota);
    if (ps !== start) {
      start = ps;
      cumulative = 0;
      for (let d = ps; d < day; d++) cumulative += record?.days[dayString(d)] ?? 0;
    }
    cumulative += used;
    const grant = record?.grant?.periodStart === dayString(ps) ? record.grant.amount : 0;
    out.push([used, Math.max(0, quota.limit - cumulative + grant)]);
  }
  return out;
}

export interface UsageQuery extends PageRequest {
  usagePlanId?: string;
  keyId?: string;
  startDate?: string;
  endDate?: string;
}

export interface UsageView {
  usagePlanId: string;
  startDate: string;
  endDate: string;
  items: Record<string, number[][]>;
  position?: string;
}

/**
 * GetUsage: the plan's keys (by id, paged by `limit`/`position`), or the one `keyId`, each with a daily log.
 * Dates are required (ValidationException as for other required members, †), `YYYY-MM-DD`, start not after
 * end, at most 90 days apart (messages †).
 */
export function getUsage(state: ApiGatewayState, query: UsageQuery): UsageView {
  const plan = getUsagePlanRecord(state, query.usagePlanId);
  const missing = (['startDate', 'endDate'] as const).filter((k) => !query[k]);
  if (missing.length) throw validationError(missing.map((k) => `Value null at '${k}' failed to satisfy constraint: Member must not be null`));
  const first = parseDay(query.startDate!);
  const last = parseDay(query.endDate!);
  if (first === undefined) throw badRequest(`Invalid start date specified: ${query.startDate}. Dates must be in the format YYYY-MM-DD`);
  if (last === undefined) throw badRequest(`Invalid end date specified: ${query.endDate}. Dates must be in the format YYYY-MM-DD`);
  if (first > last) throw badRequest(`The start date ${query.startDate} must not be after the end date ${query.endDate}`);
  if (last - first > MAX_USAGE_RANGE_DAYS) {
    throw badRequest(`The date range from ${query.startDate} to ${query.endDate} exceeds the maximum of ${MAX_USAGE_RANGE_DAYS} days`);
  }
  let keyIds = [...plan.keyIds].sort();
  if (query.keyId !== undefined) {
    if (!plan.keyIds.includes(query.keyId)) throw usagePlanKeyNotFound();
    keyIds = [query.keyId];
  }
  const page = paginate(keyIds, (k) => k, query);
  const items: Record<string, number[][]> = {};
  for (const keyId of page.items) items[keyId] = dailyLog(plan, usageOf(state, plan.id, keyId), first, last);
  const view: UsageView = { usagePlanId: plan.id, startDate: query.startDate!, endDate: query.endDate!, items };
  if (page.position) view.position = page.position;
  return view;
}

/**
 * UpdateUsage: `replace /remaining` with a non-negative integer sets the key's remaining quota for the
 * current period (a grant on top of what was used). Other paths answer AWS's "Must be one of" message
 * (`[]` for ops other than replace, as AWS answers `add`). Answers the key's usage for the current period.
 */
export function updateUsage(state: ApiGatewayState, usagePlanId: string, keyId: string, ops: PatchOperation[] | undefined, now: Date): UsageView {
  const plan = getUsagePlanRecord(state, usagePlanId);
  if (!plan.keyIds.includes(keyId)) throw usagePlanKeyNotFound();
  let remaining: number | undefined;
  for (const p of checkPatchOps(ops, 'updateUsageInput')) {
    if (p.op !== 'replace' || p.path !== '/remaining') throw invalidPathFor(p.path, p.op, p.op === 'replace' ? ['/remaining'] : []);
    if (p.value === undefined || !/^\d+$/.test(p.value.trim()) || !Number.isSafeInteger(Number(p.value))) {
      throw badRequest(`Invalid remaining quota value: ${p.value ?? 'null'}. Must be a non-negative integer`);
    }
    remaining = Number(p.value);
  }
  const quota = plan.quota;
  if (remaining !== undefined && (!quota || quota.limit === undefined)) {
    throw badRequest(`Usage Plan ${plan.id} has no quota, so there is no remaining quota to update`);
  }
  const today = dayOf(now);
  const start = quota ? periodStart(today, quota) : today;
  if (remaining !== undefined && quota) {
    const record = ((state.usage ??= {})[plan.id] ??= {})[keyId] ??= { days: {} };
    let used = 0;
    for (let d = start; d <= today; d++) used += record.days[dayString(d)] ?? 0;
    record.grant = { periodStart: dayString(start), amount: remaining - (quota.limit! - used) };
  }
  return {
    usagePlanId: plan.id,
    startDate: dayString(start),
    endDate: dayString(today),
    items: { [keyId]: dailyLog(plan, usageOf(state, plan.id, keyId), start, today) },
  };
}
