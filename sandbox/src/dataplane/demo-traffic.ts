import type { ApiBackends } from './backends.js';

/**
 * The demo's traffic, by API, stage and key *name* (ids differ between profiles and states): who calls what,
 * how often, and how the simulated backends behave. The traffic generator plays it live (`npm start`) and in
 * fast-forward for the demo history; the REST seed writes the usage history before that day from the same
 * rates, so GetUsage shows one continuous curve.
 *
 * The story: a storefront and two mobile apps on Pet Store (the iOS app's bulk clean-up bursts past the
 * 2 rps limit on DELETE /pets/{petId}, so Pet Store's access logs hold 429s); two Gold partners on Partner
 * Orders and Payments; a trial partner on Partner Basic whose batch syncs burst past its 10 rps / 20 burst
 * throttle and whose daily demand (~10,400 on weekdays) runs past its 10,000-a-day quota late each UTC day
 * ("Limit Exceeded"); a partner whose key was disabled still calling (403); the Payments backend failing
 * now and then (502s); a slow legacy backend behind Checkout's `$default` route (occasional 503s) and a daily
 * flash sale over the `POST /orders` route limit; load-balancer health checks; and Live Chat sessions.
 */

export interface Call {
  method: string;
  /** `{name}` parts are filled with a random number. */
  path: string;
  weight: number;
  /** A JSON body for writes. */
  body?: string;
}

export interface Stream {
  name: string;
  api: string;
  stage: string;
  /** API key (by name) sent as x-api-key. */
  key?: string;
  /** Requests per minute at the weekday peak (15:00 UTC); see `activity`. */
  peakPerMinute: number;
  /** The same rate day and night (health checks). */
  flat?: boolean;
  calls: Call[];
  /** `size` requests at once, every `everyMinutes` minutes from `atMinute` minutes after midnight UTC. */
  bursts?: { everyMinutes: number; atMinute: number; size: number; call: Call }[];
  userAgent: string;
  /** Source addresses the stream's clients use. */
  ips: string[];
}

export interface ChatStream {
  api: string;
  stage: string;
  /** New connections per minute at the peak. */
  connectsPerMinute: number;
  /** Messages per open connection per minute. */
  messagesPerMinute: number;
  /** Mean session length in minutes. */
  sessionMinutes: number;
  userAgent: string;
}

const pets: Call[] = [
  { method: 'POST', path: '/pets', weight: 75, body: '{"name":"Rex","type":"dog","price":249.99}' },
  { method: 'DELETE', path: '/pets/{petId}', weight: 25 },
];
const partnerOrders: Call[] = [
  { method: 'GET', path: '/orders', weight: 35 },
  { method: 'GET', path: '/orders/{orderId}', weight: 30 },
  { method: 'POST', path: '/orders', weight: 20, body: '{"sku":"WIDGET-42","quantity":12,"shipTo":"DE-10115"}' },
  { method: 'GET', path: '/orders/{orderId}/items', weight: 10 },
  { method: 'PATCH', path: '/orders/{orderId}', weight: 4, body: '{"status":"confirmed"}' },
  { method: 'DELETE', path: '/orders/{orderId}', weight: 1 },
];
const payments: Call[] = [
  { method: 'POST', path: '/payments', weight: 55, body: '{"amount":4999,"currency":"EUR","card":"tok_visa"}' },
  { method: 'GET', path: '/payments/{paymentId}', weight: 40 },
  { method: 'POST', path: '/refunds', weight: 5, body: '{"paymentId":"pay_1","amount":1000}' },
];

const ipRange = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}.${10 + i * 7}`);

export const DEMO_STREAMS: Stream[] = [
  {
    name: 'storefront',
    api: 'Pet Store',
    stage: 'prod',
    peakPerMinute: 8,
    calls: [
      { method: 'GET', path: '/pets', weight: 45 },
      { method: 'GET', path: '/pets/{petId}', weight: 35 },
      { method: 'GET', path: '/owners', weight: 12 },
      { method: 'GET', path: '/health', weight: 8 },
    ],
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
    ips: ipRange('198.51.100', 30),
  },
  {
    name: 'mobile-ios',
    api: 'Pet Store',
    stage: 'prod',
    key: 'mobile-app-ios',
    peakPerMinute: 4,
    calls: pets,
    // The nightly-ish clean-up deletes a dozen listings at once: the method's 2 rps / burst 5 turns most away.
    bursts: [{ everyMinutes: 90, atMinute: 17, size: 12, call: { method: 'DELETE', path: '/pets/{petId}', weight: 1 } }],
    userAgent: 'PetStore-iOS/5.2.1 CFNetwork/1494.0.7 Darwin/23.4.0',
    ips: ipRange('203.0.113', 12),
  },
  {
    name: 'mobile-android',
    api: 'Pet Store',
    stage: 'prod',
    key: 'mobile-app-android',
    peakPerMinute: 3,
    calls: pets,
    userAgent: 'PetStore-Android/5.2.0 okhttp/4.12.0',
    ips: ipRange('203.0.113', 12).map((ip) => ip.replace('.113.', '.114.')),
  },
  {
    name: 'acme-orders',
    api: 'Partner Orders API',
    stage: 'prod',
    key: 'partner-acme-2026',
    peakPerMinute: 6,
    calls: partnerOrders,
    userAgent: 'acme-orders-client/2.3.0 (+https://acme.example.com)',
    ips: ['192.0.2.10', '192.0.2.11'],
  },
  {
    name: 'acme-payments',
    api: 'Payments',
    stage: 'prod',
    key: 'partner-acme-2026',
    peakPerMinute: 2,
    calls: payments,
    userAgent: 'acme-orders-client/2.3.0 (+https://acme.example.com)',
    ips: ['192.0.2.10', '192.0.2.11'],
  },
  {
    name: 'globex-orders',
    api: 'Partner Orders API',
    stage: 'prod',
    key: 'partner-globex-2026',
    peakPerMinute: 3,
    calls: partnerOrders,
    userAgent: 'Globex-Integration/1.9 Java/17.0.10',
    ips: ['192.0.2.40'],
  },
  {
    name: 'globex-payments',
    api: 'Payments',
    stage: 'prod',
    key: 'partner-globex-2026',
    peakPerMinute: 1,
    calls: payments,
    userAgent: 'Globex-Integration/1.9 Java/17.0.10',
    ips: ['192.0.2.40'],
  },
  {
    name: 'umbrella-trial',
    api: 'Partner Orders API',
    stage: 'staging',
    key: 'partner-umbrella-trial',
    peakPerMinute: 10,
    calls: partnerOrders,
    // A batch sync every 20 minutes: 30 requests at once against a 10 rps / 20 burst plan.
    bursts: [{ everyMinutes: 20, atMinute: 4, size: 30, call: { method: 'GET', path: '/orders/{orderId}', weight: 1 } }],
    userAgent: 'python-requests/2.32.3',
    ips: ['192.0.2.77'],
  },
  {
    name: 'initech-disabled',
    api: 'Partner Orders API',
    stage: 'staging',
    key: 'partner-initech-2025',
    peakPerMinute: 0.4,
    flat: true,
    calls: [{ method: 'GET', path: '/orders', weight: 1 }],
    userAgent: 'initech-sync/0.9',
    ips: ['192.0.2.99'],
  },
  {
    name: 'partner-status',
    api: 'Partner Orders API',
    stage: 'prod',
    peakPerMinute: 1,
    flat: true,
    calls: [{ method: 'GET', path: '/status', weight: 1 }],
    userAgent: 'UptimeRobot/2.0',
    ips: ['198.51.100.200'],
  },
  {
    name: 'checkout-web',
    api: 'Checkout HTTP API',
    stage: 'prod',
    peakPerMinute: 9,
    calls: [
      { method: 'GET', path: '/orders', weight: 25 },
      { method: 'GET', path: '/orders/{id}', weight: 30 },
      { method: 'POST', path: '/orders', weight: 15, body: '{"cartId":"c-123","paymentMethod":"card"}' },
      { method: 'GET', path: '/cart', weight: 15 },
      { method: 'GET', path: '/account/profile', weight: 10 },
      { method: 'POST', path: '/cart/items', weight: 5, body: '{"sku":"TSHIRT-M","quantity":1}' },
    ],
    // The daily flash sale at 19:30 UTC: 160 orders in a moment against the route's 50 rps / burst 100.
    bursts: [{ everyMinutes: 1440, atMinute: 19 * 60 + 30, size: 160, call: { method: 'POST', path: '/orders', weight: 1, body: '{"cartId":"flash","paymentMethod":"card"}' } }],
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
    ips: ipRange('198.51.101', 40),
  },
  {
    name: 'checkout-qa',
    api: 'Checkout HTTP API',
    stage: '$default',
    peakPerMinute: 1,
    calls: [
      { method: 'GET', path: '/orders', weight: 2 },
      { method: 'POST', path: '/orders', weight: 1, body: '{"cartId":"qa","paymentMethod":"card"}' },
    ],
    userAgent: 'k6/0.52.0 (https://k6.io/)',
    ips: ['10.20.0.15'],
  },
  {
    name: 'inventory',
    api: 'Inventory HTTP API',
    stage: '$default',
    peakPerMinute: 3,
    calls: [
      { method: 'GET', path: '/items/{id}', weight: 60 },
      { method: 'POST', path: '/stock', weight: 40, body: '{"sku":"WIDGET-42","delta":-1}' },
    ],
    userAgent: 'warehouse-scanner/3.1',
    ips: ipRange('10.30.1', 8),
  },
  {
    name: 'health-checks',
    api: 'Internal Health',
    stage: 'prod',
    peakPerMinute: 1.5,
    flat: true,
    calls: [
      { method: 'GET', path: '/', weight: 1 },
      { method: 'GET', path: '/ping', weight: 1 },
    ],
    userAgent: 'ELB-HealthChecker/2.0',
    ips: ['10.0.1.17', '10.0.2.17'],
  },
];

export const DEMO_CHAT: ChatStream[] = [
  { api: 'Live Chat', stage: 'production', connectsPerMinute: 1, messagesPerMinute: 0.8, sessionMinutes: 6, userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)' },
  { api: 'Live Chat', stage: 'staging', connectsPerMinute: 0.2, messagesPerMinute: 1, sessionMinutes: 3, userAgent: 'wscat/5.2.0' },
];

/** Simulated backends by API name (see backends.ts). */
export const DEMO_BACKENDS: Record<string, ApiBackends> = {
  'Pet Store': {
    default: { latencyMs: { p50: 70, p99: 350 }, errorRate: 0.001 },
    routes: {
      'GET /pets/{petId}': { latencyMs: { p50: 40, p99: 200 }, errorRate: 0.001 },
      'POST /pets': { latencyMs: { p50: 110, p99: 600 }, errorRate: 0.002 },
    },
  },
  Payments: {
    default: { latencyMs: { p50: 120, p99: 900 }, errorRate: 0.002 },
    routes: {
      // The card processor behind payments-create falls over for a quarter of an hour every six hours.
      'POST /payments': {
        latencyMs: { p50: 160, p99: 1100 },
        errorRate: 0.003,
        incidents: { everyMinutes: 360, atMinute: 95, minutes: 14, errorRate: 0.3, latencyFactor: 2.5 },
      },
    },
  },
  'Partner Orders API': {
    default: { latencyMs: { p50: 35, p99: 250 } },
    routes: { 'POST /orders': { latencyMs: { p50: 90, p99: 500 }, errorRate: 0.001 } },
  },
  'Checkout HTTP API': {
    default: { latencyMs: { p50: 55, p99: 300 } },
    routes: { $default: { latencyMs: { p50: 220, p99: 1400 }, errorRate: 0.01, errorStatus: 503 } },
  },
  'Inventory HTTP API': { default: { latencyMs: { p50: 25, p99: 150 } } },
  'Live Chat': {
    default: { latencyMs: { p50: 18, p99: 120 } },
    routes: { $connect: { latencyMs: { p50: 40, p99: 250 } } },
  },
};

const DAY_MS = 86_400_000;

/**
 * How busy the clients are at `t` (0..1): a daily wave from 25% at 03:00 UTC to 100% at 15:00 UTC, at 60% on
 * Saturdays and Sundays.
 */
export function activity(t: number): number {
  const h = (t % DAY_MS) / 3_600_000;
  const weekday = (Math.floor(t / DAY_MS) + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  const wave = 0.5 - 0.5 * Math.cos((2 * Math.PI * (h - 3)) / 24);
  return (0.25 + 0.75 * wave) * (weekday === 0 || weekday === 6 ? 0.6 : 1);
}

/** Mean of `activity` over a weekday. */
const WEEKDAY_MEAN = 0.625;

/** Requests a key's streams send on a typical weekday (what the usage history before the demo day is drawn around). */
export function expectedDailyRequests(keyName: string): number {
  let n = 0;
  for (const s of DEMO_STREAMS) {
    if (s.key !== keyName) continue;
    n += s.peakPerMinute * 1440 * (s.flat ? 1 : WEEKDAY_MEAN);
    for (const b of s.bursts ?? []) n += (1440 / b.everyMinutes) * b.size;
  }
  return Math.round(n);
}
