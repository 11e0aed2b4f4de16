import { describe, expect, it } from 'vitest';
import { collectPages, collectV1, collectV2, mapLimit } from './paginate.js';

describe('pagination helpers', () => {
  it('follows tokens to the last page and asks for 500 at a time', async () => {
    const asked: unknown[] = [];
    const pages: Record<string, { items: number[]; position?: string }> = {
      start: { items: [1, 2], position: 'p2' },
      p2: { items: [3], position: 'p3' },
      p3: { items: [4] },
    };
    const all = await collectV1(async (args) => {
      asked.push(args);
      return pages[args.position ?? 'start']!;
    });
    expect(all).toEqual([1, 2, 3, 4]);
    expect(asked).toEqual([{ limit: 500, position: undefined }, { limit: 500, position: 'p2' }, { limit: 500, position: 'p3' }]);
  });

  it('uses MaxResults and NextToken for v2', async () => {
    const asked: unknown[] = [];
    const all = await collectV2(async (args) => {
      asked.push(args);
      return args.NextToken ? { Items: ['b'] } : { Items: ['a'], NextToken: 't' };
    });
    expect(all).toEqual(['a', 'b']);
    expect(asked).toEqual([{ MaxResults: '500', NextToken: undefined }, { MaxResults: '500', NextToken: 't' }]);
  });

  it('stops on a token it has already seen instead of looping forever', async () => {
    await expect(collectPages(async () => ({ items: [1], next: 'same' }))).rejects.toThrow(/same token twice/);
  });
});

describe('mapLimit', () => {
  it('keeps order and never has more than the limit in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, n));
      inFlight--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});
