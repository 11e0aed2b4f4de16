/**
 * Validation of throttling limits before anything is sent: a rate is a non-negative number of requests
 * per second, a burst a non-negative whole number of requests, and neither may exceed the account's
 * limits (GetAccount for REST APIs; HTTP and WebSocket APIs share the documented 10,000 / 5,000).
 */
export interface AccountLimits {
  rate: number;
  burst: number;
}

export const V2_ACCOUNT_LIMITS: AccountLimits = { rate: 10_000, burst: 5_000 };

export interface Limits {
  rate: number;
  burst: number;
}

export interface LimitInput {
  rate: string;
  burst: string;
}

export interface LimitErrors {
  rate?: string;
  burst?: string;
}

const fmt = (n: number) => n.toLocaleString('en-US');

export function validateLimits(input: LimitInput, account: AccountLimits): { value?: Limits; errors: LimitErrors } {
  const errors: LimitErrors = {};
  const rateText = input.rate.trim();
  const burstText = input.burst.trim();
  const rate = Number(rateText);
  const burst = Number(burstText);
  if (rateText === '') errors.rate = 'Rate is required.';
  else if (!/^\d+(\.\d+)?$/.test(rateText) || !Number.isFinite(rate)) errors.rate = 'Rate must be a non-negative number, such as 100 or 12.5.';
  else if (rate > account.rate) errors.rate = `Rate must be at most ${fmt(account.rate)}, the account's limit.`;
  if (burstText === '') errors.burst = 'Burst is required.';
  else if (!/^\d+$/.test(burstText)) errors.burst = 'Burst must be a non-negative whole number.';
  else if (burst > account.burst) errors.burst = `Burst must be at most ${fmt(account.burst)}, the account's limit.`;
  if (errors.rate || errors.burst) return { errors };
  return { value: { rate, burst }, errors };
}

/** A limit of 0 blocks every request; the operator must say they mean it. */
export function blocksTraffic(l: Limits): boolean {
  return l.rate === 0 || l.burst === 0;
}
