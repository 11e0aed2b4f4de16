/**
 * Token buckets, as API Gateway throttles: a bucket holds at most `burst` tokens, gains `rate` tokens a
 * second, and a request needs one. A bucket starts full. Limits are read from the stores on every request,
 * so a changed stage or plan applies at once (a lower burst trims the tokens held). Time is whatever clock
 * the caller passes (the sandbox clock live, the simulated one for the demo history).
 */
export interface Limit {
  rate: number;
  burst: number;
}

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private rate: number,
    private burst: number,
    nowMs: number,
  ) {
    this.tokens = burst;
    this.last = nowMs;
  }

  /** Applies the limit as configured now. */
  configure(limit: Limit): void {
    this.rate = limit.rate;
    if (limit.burst !== this.burst) {
      this.burst = limit.burst;
      this.tokens = Math.min(this.tokens, limit.burst);
    }
  }

  /** Whether a request may pass at `nowMs` (refills first; takes nothing). */
  allows(nowMs: number): boolean {
    const dt = (nowMs - this.last) / 1000;
    if (dt > 0) {
      this.tokens = Math.min(this.burst, this.tokens + dt * this.rate);
      this.last = nowMs;
    }
    // Rates like 0.1/s refill in floating-point steps; a hair under one token counts as one.
    return this.tokens >= 1 - 1e-9;
  }

  take(): void {
    this.tokens -= 1;
  }
}

/** The buckets of one data plane, by key; limits are passed in on each use. */
export class Buckets {
  private readonly map = new Map<string, TokenBucket>();

  bucket(key: string, limit: Limit, nowMs: number): TokenBucket {
    let b = this.map.get(key);
    if (!b) {
      // Keys are bounded by configuration (stages x methods, plans x keys); the cap only guards against misuse.
      if (this.map.size >= 100_000) this.map.clear();
      b = new TokenBucket(limit.rate, limit.burst, nowMs);
      this.map.set(key, b);
    } else {
      b.configure(limit);
    }
    return b;
  }

  clear(): void {
    this.map.clear();
  }
}

/** API Gateway's default account-level limit per Region: 10,000 requests per second, burst 5,000. */
export const ACCOUNT_LIMIT: Limit = { rate: 10_000, burst: 5_000 };
