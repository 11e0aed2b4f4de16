import { describe, expect, it } from 'vitest';
import {
  granularityFor,
  parseTimeRange,
  periodFor,
  periodStarts,
  resolveRange,
  serializeTimeRange,
  wholeRangePeriod,
  MAX_CHART_POINTS,
} from './time-range.js';

const NOW = new Date('2026-11-21T12:34:56Z');
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);
const DAY = 86_400;

describe('time range in the URL', () => {
  it('defaults to the last hour without auto-refresh', () => {
    expect(parseTimeRange(new URLSearchParams(''), NOW)).toEqual({ range: { kind: 'relative', preset: '1h' }, refresh: 'off' });
  });

  it('reads presets and refresh, and writes them back keeping other parameters', () => {
    const view = parseTimeRange(new URLSearchParams('range=1w&refresh=5m&stage=prod'), NOW);
    expect(view).toEqual({ range: { kind: 'relative', preset: '1w' }, refresh: '5m' });
    expect(serializeTimeRange(view, new URLSearchParams('stage=prod')).toString()).toBe('stage=prod&range=1w&refresh=5m');
    expect(serializeTimeRange({ range: { kind: 'relative', preset: '1h' }, refresh: 'off' }, new URLSearchParams('range=1w&refresh=1m')).toString()).toBe('');
  });

  it('round-trips a custom range as UTC instants', () => {
    const params = serializeTimeRange({ range: { kind: 'absolute', from: new Date('2026-11-20T08:00:00Z'), to: new Date('2026-11-20T20:30:00Z') }, refresh: 'off' });
    expect(params.toString()).toBe('range=custom&from=2026-11-20T08%3A00%3A00Z&to=2026-11-20T20%3A30%3A00Z');
    expect(parseTimeRange(params, NOW).range).toEqual({ kind: 'absolute', from: new Date('2026-11-20T08:00:00Z'), to: new Date('2026-11-20T20:30:00Z') });
  });

  it('falls back to the default and says why when a custom range is wrong', () => {
    expect(parseTimeRange(new URLSearchParams('range=custom&from=2026-11-20T10:00:00Z&to=2026-11-20T09:00:00Z'), NOW)).toMatchObject({
      range: { kind: 'relative', preset: '1h' },
      problem: 'The start must be before the end.',
    });
    expect(parseTimeRange(new URLSearchParams('range=custom&from=yesterday'), NOW).problem).toMatch(/valid start and end/);
    expect(parseTimeRange(new URLSearchParams('range=custom&from=2024-01-01T00:00:00Z&to=2024-02-01T00:00:00Z'), NOW).problem).toMatch(/455 days/);
    expect(parseTimeRange(new URLSearchParams('range=2h'), NOW).range).toEqual({ kind: 'relative', preset: '1h' });
  });

  it('resolves relative ranges against now and clamps a custom end to now', () => {
    expect(resolveRange({ kind: 'relative', preset: '3h' }, NOW)).toEqual({ start: ago(3 * 3600), end: NOW });
    const r = resolveRange({ kind: 'absolute', from: ago(3600), to: new Date(NOW.getTime() + 3600_000) }, NOW);
    expect(r).toEqual({ start: ago(3600), end: NOW });
  });
});

describe('periods CloudWatch can answer', () => {
  it('uses the granularity CloudWatch still keeps for the age of the start', () => {
    expect(granularityFor(ago(3600), NOW)).toBe(60);
    expect(granularityFor(ago(15 * DAY), NOW)).toBe(60);
    expect(granularityFor(ago(15 * DAY + 1), NOW)).toBe(300);
    expect(granularityFor(ago(63 * DAY), NOW)).toBe(300);
    expect(granularityFor(ago(63 * DAY + 1), NOW)).toBe(3600);
  });

  it('gives 60 s up to a day and widens longer ranges to stay within 1,440 points', () => {
    expect(periodFor(ago(3600), NOW, NOW)).toBe(60);
    expect(periodFor(ago(12 * 3600), NOW, NOW)).toBe(60);
    expect(periodFor(ago(DAY), NOW, NOW)).toBe(60);
    expect(periodFor(ago(DAY + 60), NOW, NOW)).toBe(120);
    expect(periodFor(ago(7 * DAY), NOW, NOW)).toBe(600);
  });

  it('keeps every period a multiple of the granularity for old starts', () => {
    // 20 days ago, one hour long: 5-minute data only.
    expect(periodFor(ago(20 * DAY), ago(20 * DAY - 3600), NOW)).toBe(300);
    // 100 days ago: hourly data only, however short the range.
    expect(periodFor(ago(100 * DAY), ago(100 * DAY - 3600), NOW)).toBe(3600);
    // 90 days long from 100 days ago: hourly and within 1,440 points.
    const p = periodFor(ago(100 * DAY), ago(10 * DAY), NOW);
    expect(p % 3600).toBe(0);
    expect(Math.ceil((90 * DAY) / p)).toBeLessThanOrEqual(MAX_CHART_POINTS);
  });

  it('fits a sparkline of a given number of points', () => {
    for (const seconds of [3600, 3 * 3600, 12 * 3600, DAY, 7 * DAY]) {
      const p = periodFor(ago(seconds), NOW, NOW, 60);
      expect(p % 60).toBe(0);
      expect(Math.ceil(seconds / p)).toBeLessThanOrEqual(60);
    }
  });

  it('covers a whole range with one aligned period, for a percentile over all of it', () => {
    const w = wholeRangePeriod(ago(3600), NOW, NOW);
    expect(w.start).toEqual(new Date('2026-11-21T11:34:00Z'));
    expect(w.period).toBe(3660);
    expect(w.start.getTime() + w.period * 1000).toBeGreaterThanOrEqual(NOW.getTime());
    const old = wholeRangePeriod(ago(100 * DAY), ago(99 * DAY), NOW);
    expect(old.start.getTime() % 3600_000).toBe(0);
    expect(old.period % 3600).toBe(0);
  });

  it('lists the period starts of a series', () => {
    expect(periodStarts(new Date('2026-11-21T12:00:00Z'), new Date('2026-11-21T12:03:30Z'), 60).map((t) => new Date(t).toISOString().slice(11, 16))).toEqual([
      '12:00',
      '12:01',
      '12:02',
      '12:03',
    ]);
  });
});
