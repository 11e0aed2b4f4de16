/**
 * Random draws for the data plane: a uniform source (Math.random live, a seeded one for the demo history so
 * every machine gets the same day), and the few distributions the simulation needs.
 */
export type Random = () => number;

/** A deterministic [0, 1) generator (mulberry32). */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box-Muller). */
export function normal(random: Random): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

const Z99 = 2.326;

/** A log-normal draw with the given median and 99th percentile (p99 below the median is read as the median). */
export function logNormal(random: Random, p50: number, p99: number): number {
  const sigma = p99 > p50 && p50 > 0 ? Math.log(p99 / p50) / Z99 : 0;
  return p50 * Math.exp(sigma * normal(random));
}

/** A Poisson draw: exact for small means, normal approximation above 30. */
export function poisson(random: Random, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(random)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

/** One of `items` with probability proportional to its weight. */
export function pick<T extends { weight: number }>(random: Random, items: readonly T[]): T {
  let total = 0;
  for (const i of items) total += i.weight;
  let r = random() * total;
  for (const i of items) {
    r -= i.weight;
    if (r < 0) return i;
  }
  return items[items.length - 1]!;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` characters of [A-Za-z0-9] (x-amz-apigw-id and WebSocket connection ids end with `=`). */
export function token(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += B64[Math.floor(random() * B64.length)];
  return out;
}

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** `n` hex digits (n even); a byte table is much cheaper than Number#toString(16) per draw. */
export function hexDigits(random: Random, n: number): string {
  let out = '';
  for (let i = 0; i < n; i += 2) out += BYTE_HEX[Math.floor(random() * 256)];
  return out;
}

/** A version-4 UUID from the given source, so seeded runs give repeatable request ids. */
export function uuid(random: Random): string {
  const h = hexDigits(random, 32);
  const variant = '89ab'[Math.floor(random() * 4)];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
