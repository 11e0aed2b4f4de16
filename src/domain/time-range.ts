/**
 * The time range a health screen shows, as it lives in the URL (`range`, `from`, `to`, `refresh`), and the
 * CloudWatch periods that fit it. CloudWatch keeps 60-second data for 15 days, 5-minute data for 63 days and
 * hourly data for 455 days: a query whose start is older than that asks for a period the data no longer has
 * answers nothing, so the period's granularity follows the age of the start, not the length of the range.
 */
export type RangePreset = '1h' | '3h' | '12h' | '1d' | '1w';
export type Refresh = 'off' | '1m' | '5m';

export const RANGE_PRESETS: readonly { key: RangePreset; label: string; seconds: number }[] = [
  { key: '1h', label: '1 hour', seconds: 3600 },
  { key: '3h', label: '3 hours', seconds: 3 * 3600 },
  { key: '12h', label: '12 hours', seconds: 12 * 3600 },
  { key: '1d', label: '1 day', seconds: 86_400 },
  { key: '1w', label: '1 week', seconds: 7 * 86_400 },
];

export const REFRESH_CHOICES: readonly { key: Refresh; label: string; ms: number | false }[] = [
  { key: 'off', label: 'Off', ms: false },
  { key: '1m', label: 'Every minute', ms: 60_000 },
  { key: '5m', label: 'Every 5 minutes', ms: 300_000 },
];

export type TimeRange = { kind: 'relative'; preset: RangePreset } | { kind: 'absolute'; from: Date; to: Date };

export interface TimeRangeView {
  range: TimeRange;
  refresh: Refresh;
}

export const DEFAULT_RANGE: Extract<TimeRange, { kind: 'relative' }> = { kind: 'relative', preset: '1h' };

/** CloudWatch's retention boundaries, in seconds of age. */
export const MINUTE_DATA_S = 15 * 86_400;
export const FIVE_MINUTE_DATA_S = 63 * 86_400;
export const HOURLY_DATA_S = 455 * 86_400;

/** At most this many points per series on a chart (CloudWatch's own console draws up to 1,440). */
export const MAX_CHART_POINTS = 1440;

/** Periods the console uses, shortest first; each is a whole number of minutes, 5-minute steps or hours as needed. */
const PERIOD_LADDER = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800];

const isPreset = (v: string | null): v is RangePreset => RANGE_PRESETS.some((p) => p.key === v);
const isRefresh = (v: string | null): v is Refresh => REFRESH_CHOICES.some((r) => r.key === v);

/** Reads the range from the URL; a malformed custom range falls back to the default and says why. */
export function parseTimeRange(params: URLSearchParams, now: Date = new Date()): TimeRangeView & { problem?: string } {
  const refresh = isRefresh(params.get('refresh')) ? (params.get('refresh') as Refresh) : 'off';
  const raw = params.get('range');
  if (raw === 'custom') {
    const from = parseInstant(params.get('from'));
    const to = parseInstant(params.get('to'));
    const problem = !from || !to ? 'The custom range needs a valid start and end.' : validateCustomRange(from, to, now);
    if (problem) return { range: DEFAULT_RANGE, refresh, problem };
    return { range: { kind: 'absolute', from: from!, to: to! }, refresh };
  }
  return { range: isPreset(raw) ? { kind: 'relative', preset: raw } : DEFAULT_RANGE, refresh };
}

/** Writes the range into the URL's parameters, keeping every other parameter (stage, filters). */
export function serializeTimeRange(view: TimeRangeView, base: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const out = new URLSearchParams(base);
  out.delete('from');
  out.delete('to');
  if (view.range.kind === 'relative') {
    if (view.range.preset === DEFAULT_RANGE.preset) out.delete('range');
    else out.set('range', view.range.preset);
  } else {
    out.set('range', 'custom');
    out.set('from', formatInstant(view.range.from));
    out.set('to', formatInstant(view.range.to));
  }
  if (view.refresh === 'off') out.delete('refresh');
  else out.set('refresh', view.refresh);
  return out;
}

/** Why a custom range cannot be shown, or undefined when it can. */
export function validateCustomRange(from: Date, to: Date, now: Date): string | undefined {
  if (!(from.getTime() < to.getTime())) return 'The start must be before the end.';
  if (from.getTime() > now.getTime()) return 'The start is in the future.';
  if (now.getTime() - from.getTime() > HOURLY_DATA_S * 1000) return 'CloudWatch keeps metrics for 455 days: choose a later start.';
  if (to.getTime() - from.getTime() < 60_000) return 'The range must be at least one minute long.';
  return undefined;
}

/** The instants a range covers now: relative ranges end at `now`, custom ranges where they were set (never past now). */
export function resolveRange(range: TimeRange, now: Date): { start: Date; end: Date } {
  if (range.kind === 'absolute') {
    const end = new Date(Math.min(range.to.getTime(), now.getTime()));
    return { start: range.from, end: end.getTime() > range.from.getTime() ? end : range.to };
  }
  const seconds = RANGE_PRESETS.find((p) => p.key === range.preset)!.seconds;
  return { start: new Date(now.getTime() - seconds * 1000), end: now };
}

/** The finest period CloudWatch still holds for data starting at `start`: 60, 300 or 3600 seconds. */
export function granularityFor(start: Date, now: Date): 60 | 300 | 3600 {
  const age = (now.getTime() - start.getTime()) / 1000;
  if (age <= MINUTE_DATA_S) return 60;
  if (age <= FIVE_MINUTE_DATA_S) return 300;
  return 3600;
}

/**
 * The shortest period that CloudWatch can answer for this start (a multiple of its granularity) and that
 * keeps a series within `maxPoints` points: 60 s for the last day, wider for longer ranges.
 */
export function periodFor(start: Date, end: Date, now: Date, maxPoints = MAX_CHART_POINTS): number {
  const gran = granularityFor(start, now);
  // The range's own length: an unaligned start adds one partial period (1,441 minutes in "1 day"), which is fine.
  const span = Math.max(1, (end.getTime() - start.getTime()) / 1000);
  const fit = PERIOD_LADDER.find((p) => p % gran === 0 && Math.ceil(span / p) <= maxPoints);
  return fit ?? Math.ceil(span / maxPoints / gran) * gran;
}

/** Start of the first period: CloudWatch rounds StartTime down to the granularity; the console sends it rounded. */
export function alignDown(d: Date, seconds: number): Date {
  const ms = seconds * 1000;
  return new Date(Math.floor(d.getTime() / ms) * ms);
}

/**
 * One period covering the whole range (for a percentile over all of it): the start rounded down to the
 * granularity, and a period that reaches past the end in whole granules.
 */
export function wholeRangePeriod(start: Date, end: Date, now: Date): { start: Date; period: number } {
  const gran = granularityFor(start, now);
  const aligned = alignDown(start, gran);
  const span = (end.getTime() - aligned.getTime()) / 1000;
  return { start: aligned, period: Math.max(gran, Math.ceil(span / gran) * gran) };
}

/** The period starts of a series from `start` (already aligned) while before `end`. */
export function periodStarts(start: Date, end: Date, period: number): number[] {
  const out: number[] = [];
  for (let t = start.getTime(); t < end.getTime(); t += period * 1000) out.push(t);
  return out;
}

export function refreshMs(refresh: Refresh): number | false {
  return REFRESH_CHOICES.find((r) => r.key === refresh)?.ms ?? false;
}

/** A stable key for caching: relative ranges by name (their instants move), custom ones by their instants. */
export function rangeKey(range: TimeRange): string {
  return range.kind === 'relative' ? range.preset : `${formatInstant(range.from)}/${formatInstant(range.to)}`;
}

export function describeRange(range: TimeRange, formatDate: (d: Date) => string = formatInstant): string {
  if (range.kind === 'relative') return `the last ${RANGE_PRESETS.find((p) => p.key === range.preset)!.label}`;
  return `${formatDate(range.from)} to ${formatDate(range.to)}`;
}

/** A period in words: "1 minute", "5 minutes", "1 hour". */
export function describePeriod(seconds: number): string {
  if (seconds % 86_400 === 0) return plural(seconds / 86_400, 'day');
  if (seconds % 3600 === 0) return plural(seconds / 3600, 'hour');
  if (seconds % 60 === 0) return plural(seconds / 60, 'minute');
  return plural(seconds, 'second');
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** ISO 8601 to the second, UTC: what the URL carries. */
export function formatInstant(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function parseInstant(v: string | null): Date | undefined {
  if (!v || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v)) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
