import type { UsagePlan as SdkUsagePlan } from '@aws-sdk/client-api-gateway';
import type { Limits } from './throttle-rules.js';

export type QuotaPeriod = 'DAY' | 'WEEK' | 'MONTH';

export interface PlanStage {
  apiId: string;
  stage: string;
  /** Per-method throttles inside this API stage, keyed `/pets/GET` as AWS keys them. */
  methodThrottles: Record<string, Partial<Limits>>;
}

export interface UsagePlan {
  id: string;
  name: string;
  description?: string;
  throttle?: Partial<Limits>;
  quota?: { limit: number; period: QuotaPeriod; offset: number };
  stages: PlanStage[];
  tags: Record<string, string>;
}

export function fromSdkUsagePlan(p: SdkUsagePlan): UsagePlan {
  return {
    id: p.id ?? '',
    name: p.name ?? p.id ?? '',
    description: p.description || undefined,
    throttle: p.throttle ? { rate: p.throttle.rateLimit, burst: p.throttle.burstLimit } : undefined,
    quota: p.quota?.limit !== undefined ? { limit: p.quota.limit, period: (p.quota.period ?? 'DAY') as QuotaPeriod, offset: p.quota.offset ?? 0 } : undefined,
    stages: (p.apiStages ?? []).map((s) => ({
      apiId: s.apiId ?? '',
      stage: s.stage ?? '',
      methodThrottles: Object.fromEntries(Object.entries(s.throttle ?? {}).map(([k, t]) => [k, { rate: t.rateLimit, burst: t.burstLimit }])),
    })),
    tags: { ...(p.tags ?? {}) },
  };
}

export function byPlanName(a: UsagePlan, b: UsagePlan): number {
  return a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}
