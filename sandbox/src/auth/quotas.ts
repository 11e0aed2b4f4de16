import { tooManyRequests } from '../core/errors.js';

interface Bucket {
  tokens: number;
  updated: number;
}

interface Limit {
  /** Tokens added per second. */
  rate: number;
  /** Bucket size: how many calls may come at once. */
  burst: number;
}

/** API Gateway's documented control-plane quotas per account and region (DESIGN.md). */
const ACCOUNT_LIMIT: Limit = { rate: 10, burst: 40 };
const OPERATION_LIMITS: Record<string, Limit> = {
  CreateApiKey: { rate: 5, burst: 5 },
  DeleteApiKey: { rate: 5, burst: 5 },
  GetResources: { rate: 2.5, burst: 5 },
  CreateDeployment: { rate: 0.2, burst: 1 },
  UpdateUsagePlan: { rate: 0.05, burst: 1 },
};

/**
 * Token buckets for the control-plane quotas. A call must find a token both in its account's bucket and
 * in its operation's bucket; a refused call takes none, and its 429 says when to retry.
 */
export class QuotaMeter {
  private readonly buckets = new Map<string, Bucket>();

  check(account: string, operation: string, now: Date): void {
    const t = now.getTime();
    const checks: [string, Limit][] = [[`${account}`, ACCOUNT_LIMIT]];
    const opLimit = OPERATION_LIMITS[operation];
    if (opLimit) checks.push([`${account}/${operation}`, opLimit]);

    let waitSeconds = 0;
    const buckets = checks.map(([key, limit]) => {
      const b = this.refill(key, limit, t);
      if (b.tokens < 1) waitSeconds = Math.max(waitSeconds, (1 - b.tokens) / limit.rate);
      return b;
    });
    if (waitSeconds > 0) throw tooManyRequests(Math.max(1, Math.ceil(waitSeconds)));
    for (const b of buckets) b.tokens -= 1;
  }

  private refill(key: string, limit: Limit, t: number): Bucket {
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: limit.burst, updated: t };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(limit.burst, b.tokens + ((t - b.updated) / 1000) * limit.rate);
    b.updated = t;
    return b;
  }
}
