/**
 * A token bucket the console puts in front of its own calls so it stays under AWS's control-plane
 * quotas instead of leaning on 429s: API Gateway allows 10 requests/s with a burst of 40 per account,
 * shared with every other tool in the account, so the console takes less.
 */
export class Pacer {
  private tokens: number;
  private updated = Date.now();
  private queue: (() => void)[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly rate: number, private readonly burst: number) {
    this.tokens = burst;
  }

  take(): Promise<void> {
    return new Promise((resolve) => {
      this.queue.push(resolve);
      this.drain();
    });
  }

  private drain(): void {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updated) / 1000) * this.rate);
    this.updated = now;
    while (this.queue.length && this.tokens >= 1) {
      this.tokens -= 1;
      this.queue.shift()!();
    }
    if (this.queue.length && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.drain();
      }, Math.ceil(((1 - this.tokens) / this.rate) * 1000));
    }
  }
}

/** One pacer for all API Gateway calls (v1 and v2 share the account quota). */
export const apiGatewayPacer = new Pacer(8, 20);

/**
 * API Gateway's per-operation quotas, kept by the console for its own calls so that a second deploy
 * in quick succession waits its turn instead of failing with 429 (the SDK's retries are far shorter
 * than CreateDeployment's 5 seconds).
 */
// Each a tenth slower than the quota: AWS counts arrivals, and two requests released exactly one
// period apart can arrive closer together than that.
export const apiGatewayOperationPacers: Readonly<Record<string, Pacer>> = {
  CreateDeployment: new Pacer(1 / 5.5, 1),
  GetResources: new Pacer(2.5 / 1.1, 5),
  CreateApiKey: new Pacer(5 / 1.1, 5),
  DeleteApiKey: new Pacer(5 / 1.1, 5),
  UpdateUsagePlan: new Pacer(1 / 22, 1),
};
