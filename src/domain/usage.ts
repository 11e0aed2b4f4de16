/**
 * A usage plan's usage as the console shows it: per key, per UTC day, requests used and quota remaining
 * (GetUsage's `[used, remaining]` pairs, one per day of the range), over a date range that lives in the URL.
 */
export interface DateRange {
  /** First day, YYYY-MM-DD (UTC). */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

export interface UsageDay {
  used: number;
  remaining: number;
}

export const DEFAULT_RANGE_DAYS = 14;
/** The longest range the console asks for at once: a chart of more days is unreadable anyway. */
export const MAX_RANGE_DAYS = 90;
const DAY_MS = 86_400_000;

export const utcDay = (d: Date) => d.toISOString().slice(0, 10);

const parseDay = (s: string): Date | undefined => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return undefined;
  const d = new Date(`${s}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || utcDay(d) !== s ? undefined : d;
};

/** The last `days` days, today included. */
export function defaultRange(today: Date, days = DEFAULT_RANGE_DAYS): DateRange {
  return { from: utcDay(new Date(today.getTime() - (days - 1) * DAY_MS)), to: utcDay(today) };
}

/** The range from the URL, or the default with the reason the URL's was not used. */
export function parseRange(from: string | null, to: string | null, today: Date): { range: DateRange; problem?: string } {
  const fallback = defaultRange(today);
  if (!from && !to) return { range: fallback };
  const f = parseDay(from ?? '');
  const t = parseDay(to ?? '');
  if (!f || !t) return { range: fallback, problem: `The date range in the address (${from ?? '?'} to ${to ?? '?'}) is not two dates such as 2026-01-31; showing the last ${DEFAULT_RANGE_DAYS} days.` };
  const problem = rangeProblem({ from: from!, to: to! });
  return problem ? { range: fallback, problem: `${problem} Showing the last ${DEFAULT_RANGE_DAYS} days.` } : { range: { from: from!, to: to! } };
}

/** Why a range cannot be asked for, said so the operator can fix it; undefined when it is fine. */
export function rangeProblem(r: DateRange): string | undefined {
  const f = parseDay(r.from);
  const t = parseDay(r.to);
  if (!f) return 'From must be a date such as 2026-01-31.';
  if (!t) return 'To must be a date such as 2026-01-31.';
  if (f > t) return 'From must be on or before To.';
  if (daysBetween(r) > MAX_RANGE_DAYS) return `The range must be at most ${MAX_RANGE_DAYS} days.`;
  return undefined;
}

const daysBetween = (r: DateRange) => Math.round((Date.parse(`${r.to}T00:00:00Z`) - Date.parse(`${r.from}T00:00:00Z`)) / DAY_MS) + 1;

/** Every day of a range, in order. */
export function daysOf(r: DateRange): string[] {
  const start = Date.parse(`${r.from}T00:00:00Z`);
  return Array.from({ length: daysBetween(r) }, (_, i) => utcDay(new Date(start + i * DAY_MS)));
}

export interface KeyUsage {
  keyId: string;
  name: string;
  /** One entry per day of the range; a day AWS reports nothing for counts 0 used. */
  used: number[];
  total: number;
}

export interface UsageTable {
  days: string[];
  keys: KeyUsage[];
  /** One row per day for the chart: `{ day, <keyId>: used, ... }`. */
  rows: Record<string, string | number>[];
}

/**
 * Lines GetUsage's per-key lists up with the days of the range. GetUsage answers one entry per day from
 * its start date; keys it reports that are no longer in the plan keep their id as their name.
 */
export function usageTable(usage: ReadonlyMap<string, readonly UsageDay[]>, range: DateRange, keys: readonly { id: string; name: string }[]): UsageTable {
  const days = daysOf(range);
  const names = new Map(keys.map((k) => [k.id, k.name]));
  const ids = [...keys.map((k) => k.id), ...[...usage.keys()].filter((id) => !names.has(id))];
  const keyUsage = ids.map((keyId) => {
    const entries = usage.get(keyId) ?? [];
    const used = days.map((_, i) => entries[i]?.used ?? 0);
    return { keyId, name: names.get(keyId) ?? keyId, used, total: used.reduce((a, b) => a + b, 0) };
  });
  const rows = days.map((day, i) => ({ day, ...Object.fromEntries(keyUsage.map((k) => [k.keyId, k.used[i] ?? 0])) }));
  return { days, keys: keyUsage, rows };
}

/** What a key has left of its quota today: the remaining count of its latest day, or undefined without data. */
export function remainingOf(days: readonly UsageDay[] | undefined): number | undefined {
  return days?.length ? days[days.length - 1]!.remaining : undefined;
}

/** The remaining quota an operator typed: a non-negative whole number. */
export function validateRemaining(text: string): { value?: number; error?: string } {
  const t = text.trim();
  if (t === '') return { error: 'Remaining requests is required.' };
  const n = Number(t);
  if (!/^\d+$/.test(t) || !Number.isSafeInteger(n)) return { error: 'Remaining requests must be a non-negative whole number, such as 5000.' };
  return { value: n };
}

/** UpdateUsage's input that sets a key's remaining quota for the current period. */
export function updateUsageInput(planId: string, keyId: string, remaining: number) {
  return { usagePlanId: planId, keyId, patchOperations: [{ op: 'replace' as const, path: '/remaining', value: String(remaining) }] };
}
