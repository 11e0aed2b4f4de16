import type { ListMetricsCommandInput, ListMetricsCommandOutput } from '@aws-sdk/client-cloudwatch';
import type { JsonOperation, OperationContext } from '../../../core/types.js';
import type { WireOutput } from '../../cognito-idp/wire.js';
import type { CloudWatchState } from '../state.js';
import { metricStore, type Series } from '../store.js';
import { invalidNextToken, Problems } from '../errors.js';
import { metricShape } from '../validate.js';

const PAGE = 500;
const LISTED_FOR_MS = 14 * 86400 * 1000;
const RECENT_MS = 3 * 3600 * 1000;

/**
 * Lists metrics, 500 a page, ordered by namespace, name and dimensions. As on AWS, a metric is listed while
 * data was published to it in the past two weeks, `RecentlyActive: PT3H` keeps those published to in the
 * past three hours, and a dimension filter without Value matches any value of that dimension (the metric
 * may have more dimensions than the filter names).
 */
export const listMetrics: JsonOperation<CloudWatchState> = {
  name: 'ListMetrics',
  auth: 'sigv4',
  mutates: false,
  handler(ctx: OperationContext<CloudWatchState>, input: ListMetricsCommandInput): WireOutput<ListMetricsCommandOutput> {
    const p = new Problems();
    metricShape(p, { Namespace: input.Namespace, MetricName: input.MetricName }, '');
    if (input.Dimensions) {
      p.length(input.Dimensions, 'dimensions', 0, 10);
      input.Dimensions.forEach((d, i) => {
        const at = `dimensions.${i + 1}.member`;
        if (p.required(d?.Name, `${at}.name`)) p.length(d.Name, `${at}.name`, 1, 255);
        p.length(d?.Value, `${at}.value`, 1, 1024);
      });
    }
    p.enumeration(input.RecentlyActive, 'recentlyActive', ['PT3H']);
    p.length(input.OwningAccount, 'owningAccount', 1, 255);
    p.throwIfAny();

    const now = ctx.config.now().getTime();
    const since = now - (input.RecentlyActive === 'PT3H' ? RECENT_MS : LISTED_FOR_MS);
    const store = metricStore(ctx.state);
    const foreign = input.OwningAccount !== undefined && input.OwningAccount !== ctx.config.account;
    const matches = (s: Series) =>
      !foreign &&
      s.lastPublished >= since &&
      (input.Namespace === undefined || s.meta.namespace === input.Namespace) &&
      (input.MetricName === undefined || s.meta.metricName === input.MetricName) &&
      (input.Dimensions ?? []).every((f) => s.meta.dims.some(([n, v]) => n === f.Name && (f.Value === undefined || v === f.Value)));

    const all = [...store.series.values()].filter(matches).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    let from = 0;
    if (input.NextToken !== undefined) {
      const after = decode(input.NextToken);
      from = all.findIndex((s) => s.key > after);
      if (from < 0) from = all.length;
    }
    const page = all.slice(from, from + PAGE);
    const out: WireOutput<ListMetricsCommandOutput> = {
      Metrics: page.map((s) => ({
        Namespace: s.meta.namespace,
        MetricName: s.meta.metricName,
        Dimensions: s.meta.dims.map(([Name, Value]) => ({ Name, Value })),
      })),
    };
    if (input.IncludeLinkedAccounts) out.OwningAccounts = page.map(() => ctx.config.account);
    if (from + PAGE < all.length) out.NextToken = Buffer.from(JSON.stringify({ v: 1, k: page[page.length - 1]!.key })).toString('base64url');
    return out;
  },
};

function decode(token: string): string {
  try {
    const d = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { v?: number; k?: string };
    if (d.v === 1 && typeof d.k === 'string') return d.k;
  } catch {
    /* fall through */
  }
  throw invalidNextToken('The service returned an invalid NextToken.');
}
