import { describe, expect, it, vi } from 'vitest';
import { Pacer } from './pacing.js';

describe('Pacer', () => {
  it('lets a burst through at once, then one call per 1/rate seconds, in order', async () => {
    vi.useFakeTimers();
    try {
      const pacer = new Pacer(2, 2);
      const done: number[] = [];
      for (let i = 0; i < 5; i++) void pacer.take().then(() => done.push(i));
      await vi.advanceTimersByTimeAsync(0);
      expect(done).toEqual([0, 1]);
      await vi.advanceTimersByTimeAsync(500);
      expect(done).toEqual([0, 1, 2]);
      await vi.advanceTimersByTimeAsync(1000);
      expect(done).toEqual([0, 1, 2, 3, 4]);
    } finally {
      vi.useRealTimers();
    }
  });
});
