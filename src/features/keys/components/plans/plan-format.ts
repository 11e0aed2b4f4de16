import type { Limits } from '../../../../domain/throttle-rules.js';
import type { UsagePlan } from '../../../../domain/usage-plan.js';
import type { PlanValue } from '../../../../domain/usage-plan-change.js';

export const num = (n: number | undefined) => (n === undefined ? '—' : n.toLocaleString('en-US'));

export const fmtValue = (v: PlanValue) => (v === undefined ? undefined : typeof v === 'number' ? v.toLocaleString('en-US') : v);

/** `250 requests/s, burst 500`, or what is missing. */
export function throttleText(t: Partial<Limits> | undefined): string {
  if (!t) return 'None';
  const parts = [t.rate !== undefined ? `${num(t.rate)} requests/s` : undefined, t.burst !== undefined ? `burst ${num(t.burst)}` : undefined];
  return parts.filter(Boolean).join(', ') || 'None';
}

const PERIOD_WORD = { DAY: 'day', WEEK: 'week', MONTH: 'month' } as const;

/** `1,000,000 requests per month`, with the offset when it is not 0. */
export function quotaText(q: UsagePlan['quota']): string {
  if (!q) return 'None';
  return `${num(q.limit)} requests per ${PERIOD_WORD[q.period] ?? q.period}${q.offset ? ` (offset ${q.offset})` : ''}`;
}
