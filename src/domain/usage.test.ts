import { describe, expect, it } from 'vitest';
import { daysOf, defaultRange, parseRange, rangeProblem, remainingOf, updateUsageInput, usageTable, validateRemaining } from './usage.js';

const today = new Date('2026-03-10T15:00:00Z');

describe('date ranges', () => {
  it('defaults to the last 14 days, today included', () => {
    expect(defaultRange(today)).toEqual({ from: '2026-02-25', to: '2026-03-10' });
    expect(daysOf(defaultRange(today))).toHaveLength(14);
  });

  it('takes a range from the URL, or says why not and falls back', () => {
    expect(parseRange('2026-03-01', '2026-03-03', today)).toEqual({ range: { from: '2026-03-01', to: '2026-03-03' } });
    expect(parseRange(null, null, today)).toEqual({ range: defaultRange(today) });
    expect(parseRange('2026-02-30', '2026-03-03', today).problem).toMatch(/not two dates/);
    expect(parseRange('2026-03-05', '2026-03-03', today).problem).toBe('From must be on or before To. Showing the last 14 days.');
    expect(rangeProblem({ from: '2025-01-01', to: '2026-01-01' })).toBe('The range must be at most 90 days.');
  });
});

describe('usage table', () => {
  it('lines usage up by day and key, naming keys no longer in the plan by id', () => {
    const usage = new Map([
      ['k1', [{ used: 5, remaining: 95 }, { used: 7, remaining: 88 }, { used: 0, remaining: 88 }]],
      ['gone', [{ used: 1, remaining: 9 }]],
    ]);
    const t = usageTable(usage, { from: '2026-03-01', to: '2026-03-03' }, [
      { id: 'k1', name: 'acme' },
      { id: 'k2', name: 'globex' },
    ]);
    expect(t.days).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(t.keys).toEqual([
      { keyId: 'k1', name: 'acme', used: [5, 7, 0], total: 12 },
      { keyId: 'k2', name: 'globex', used: [0, 0, 0], total: 0 },
      { keyId: 'gone', name: 'gone', used: [1, 0, 0], total: 1 },
    ]);
    expect(t.rows[1]).toEqual({ day: '2026-03-02', k1: 7, k2: 0, gone: 0 });
    expect(remainingOf(usage.get('k1'))).toBe(88);
    expect(remainingOf(undefined)).toBeUndefined();
  });
});

describe('remaining quota', () => {
  it('accepts a non-negative whole number and builds the UpdateUsage patch', () => {
    expect(validateRemaining(' 5000 ')).toEqual({ value: 5000 });
    expect(validateRemaining('-1').error).toBe('Remaining requests must be a non-negative whole number, such as 5000.');
    expect(validateRemaining('').error).toBe('Remaining requests is required.');
    expect(updateUsageInput('p1', 'k1', 10)).toEqual({ usagePlanId: 'p1', keyId: 'k1', patchOperations: [{ op: 'replace', path: '/remaining', value: '10' }] });
  });
});
