import { describe, expect, it } from 'vitest';
import { collectPages, collectV1, collectV2 } from './paginate.js';

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
