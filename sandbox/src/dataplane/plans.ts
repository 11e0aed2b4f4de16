import type { ApiGatewayState, ApiKeyRecord, UsagePlanRecord } from '../services/apigateway/store/types.js';
import { addUsage, dayString, periodStart } from '../services/apigateway/store/usage.js';

/**
 * API keys and usage plans as the data plane reads them: a key by its value, the plan that gives a key an
 * API stage, the quota a key has left in the current period, and the usage counters requests add to (the
 * same `state.usage` GetUsage answers from).
 */
export class PlanIndex {
  private byValue = new Map<string, string>();
  private days = new Map<number, string>();
  /** Usage of a key in a plan before `day` within its quota period, by `planId key`. */
  private before = new Map<string, { period: number; day: number; used: number; record: unknown }>();

  /** The key with this value (enabled or not); undefined when none has it. */
  key(state: ApiGatewayState, value: string): ApiKeyRecord | undefined {
    const id = this.byValue.get(value);
    const hit = id ? state.apiKeys[id] : undefined;
    if (hit && hit.value === value) return hit;
    // A miss: a key created since, or no such key. One pass over the keys (a value is unique).
    for (const k of Object.values(state.apiKeys)) {
      if (k.value !== value) continue;
      if (this.byValue.size > 100_000) this.byValue.clear();
      this.byValue.set(value, k.id);
      return k;
    }
    return undefined;
  }

  /** The usage plan through which `keyId` may call `apiId`'s `stage` (a key reaches an API stage through at most one). */
  plan(state: ApiGatewayState, keyId: string, apiId: string, stage: string): { plan: UsagePlanRecord; throttle?: Record<string, { burstLimit?: number; rateLimit?: number }> } | undefined {
    for (const plan of Object.values(state.usagePlans)) {
      if (!plan.keyIds.includes(keyId)) continue;
      const s = plan.apiStages.find((a) => a.apiId === apiId && a.stage === stage);
      if (s) return { plan, throttle: s.throttle };
    }
    return undefined;
  }

  dayString(day: number): string {
    let s = this.days.get(day);
    if (s === undefined) {
      s = dayString(day);
      if (this.days.size > 1000) this.days.clear();
      this.days.set(day, s);
    }
    return s;
  }

  /** Requests the key may still make in the plan's current quota period (Infinity without a quota). */
  remaining(state: ApiGatewayState, plan: UsagePlanRecord, keyId: string, day: number): number {
    const quota = plan.quota;
    if (!quota || quota.limit === undefined) return Number.POSITIVE_INFINITY;
    const start = periodStart(day, quota);
    const record = state.usage?.[plan.id]?.[keyId];
    const cacheKey = `${plan.id} ${keyId}`;
    let before = this.before.get(cacheKey);
    // Recounted when the day, the period or the usage record itself changes (DeleteUsagePlanKey drops it).
    if (!before || before.period !== start || before.day !== day || before.record !== record) {
      let used = 0;
      for (let d = start; d < day; d++) used += record?.days[this.dayString(d)] ?? 0;
      before = { period: start, day, used, record };
      this.before.set(cacheKey, before);
    }
    const used = before.used + (record?.days[this.dayString(day)] ?? 0);
    const grant = record?.grant?.periodStart === this.dayString(start) ? record.grant.amount : 0;
    return quota.limit + grant - used;
  }

  count(state: ApiGatewayState, planId: string, keyId: string, day: number): void {
    addUsage(state, planId, keyId, this.dayString(day), 1);
  }
}
