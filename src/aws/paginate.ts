/**
 * Follows every page of a list operation, one page at a time (AWS gives no way to fetch pages in
 * parallel: each token comes from the page before). Callers ask for the largest page AWS allows,
 * so N items cost ceil(N / 500) requests.
 */
export const MAX_PAGE_SIZE = 500;

export async function collectPages<T, P>(
  fetchPage: (token: P | undefined) => Promise<{ items: T[] | undefined; next: P | undefined }>,
  signal?: AbortSignal,
): Promise<T[]> {
  const all: T[] = [];
  let token: P | undefined;
  const seen = new Set<P>();
  do {
    signal?.throwIfAborted();
    const page = await fetchPage(token);
    all.push(...(page.items ?? []));
    token = page.next;
    // A token seen before would loop forever; AWS never does this, a broken endpoint might.
    if (token !== undefined) {
      if (seen.has(token)) throw new Error(`Pagination returned the same token twice (${String(token)}).`);
      seen.add(token);
    }
  } while (token !== undefined && token !== null && token !== '');
  return all;
}

/** API Gateway v1 lists: `limit` / `position` in, `items` / `position` out. */
export function collectV1<T>(
  page: (args: { limit: number; position?: string }) => Promise<{ items?: T[]; position?: string }>,
  signal?: AbortSignal,
): Promise<T[]> {
  return collectPages(async (position: string | undefined) => {
    const out = await page({ limit: MAX_PAGE_SIZE, position });
    return { items: out.items, next: out.position };
  }, signal);
}

/** API Gateway v2 lists: `MaxResults` (a string on the wire model) / `NextToken` in, `Items` / `NextToken` out. */
export function collectV2<T>(
  page: (args: { MaxResults: string; NextToken?: string }) => Promise<{ Items?: T[]; NextToken?: string }>,
  signal?: AbortSignal,
): Promise<T[]> {
  return collectPages(async (NextToken: string | undefined) => {
    const out = await page({ MaxResults: String(MAX_PAGE_SIZE), NextToken });
    return { items: out.Items, next: out.NextToken };
  }, signal);
}

/**
 * Runs `fn` over `items` with at most `limit` calls in flight, keeping the result order. Used where
 * one call per parent is unavoidable (a usage plan's keys), so those calls queue behind each other
 * instead of flooding the pacer ahead of the screen's first requests.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
