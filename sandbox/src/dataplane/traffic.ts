import type { SandboxConfig, SandboxState } from '../core/types.js';
import type { ApiGatewayState } from '../services/apigateway/store/types.js';
import type { V2State } from '../services/apigatewayv2/store/model.js';
import { setBackends } from './backends.js';
import { DataPlane, type InvokeRequest } from './dataplane.js';
import { activity, DEMO_BACKENDS, DEMO_CHAT, DEMO_STREAMS, type Call, type ChatStream, type Stream } from './demo-traffic.js';
import { BatchLogSink, MinuteMetricSink } from './metrics.js';
import { pick, poisson, seededRandom, type Random } from './random.js';

/**
 * The traffic generator: clients calling the demo APIs through the data plane, in-process (no HTTP) but
 * through `DataPlane.invoke`, so every rule applies — keys, plans, quotas, throttles, metrics, access logs.
 *
 * `run(from, ms)` plays one stretch of time: for each stream a Poisson number of requests at its rate times
 * the clients' activity at that hour, spread over the stretch, plus any burst due in it; requests go in time
 * order. Live (`startTraffic`) it plays each second as it passes, all requests at the sandbox's now; the demo
 * history (`runHistory`) plays the last 24 hours a simulated minute at a time, each request at its own
 * simulated instant.
 */

interface Planned {
  t: number;
  req: InvokeRequest;
  /** A chat event: what to do with the connection list once answered. */
  chat?: { stream: ChatState; kind: 'connect' | 'message' | 'disconnect'; connectionId?: string };
}

interface ChatState {
  spec: ChatStream;
  open: string[];
}

const MAX_OPEN_PER_STREAM = 200;

export class TrafficGenerator {
  private names?: { apis: Map<string, string>; keys: Map<string, string>; at: number };
  private readonly chats: ChatState[];

  constructor(
    private readonly dataplane: DataPlane,
    private readonly root: SandboxState,
    private readonly random: Random,
    private readonly streams: readonly Stream[] = DEMO_STREAMS,
    chat: readonly ChatStream[] = DEMO_CHAT,
    /** How long resolved names stay valid (ms of the traffic's clock): keys rotated or disabled show up after this. */
    private readonly resolveEveryMs = 60_000,
  ) {
    this.chats = chat.map((spec) => ({ spec, open: [] }));
  }

  /**
   * Plays [from, from + ms). `spread`: each request at its own instant in the stretch (history); otherwise all
   * at `from + ms` (live, where the stretch is the second just gone). Returns how many requests were sent.
   */
  run(from: number, ms: number, spread: boolean): number {
    if (ms <= 0) return 0;
    const names = this.resolve(from);
    const planned: Planned[] = [];
    const minutes = ms / 60_000;
    const when = () => (spread ? from + Math.floor(this.random() * ms) : from + ms);
    for (const s of this.streams) {
      const apiId = names.apis.get(s.api);
      if (!apiId) continue;
      const key = s.key ? names.keys.get(s.key) : undefined;
      if (s.key && !key) continue;
      const rate = s.peakPerMinute * (s.flat ? 1 : activity(from)) * minutes;
      const n = poisson(this.random, rate);
      for (let i = 0; i < n; i++) planned.push({ t: when(), req: this.request(s, apiId, key, pick(this.random, s.calls)) });
      for (const b of s.bursts ?? []) {
        const at = burstIn(b, from, ms);
        if (at === undefined) continue;
        const t0 = spread ? at : from + ms;
        // A moment: the requests arrive 2 ms apart.
        for (let i = 0; i < b.size; i++) planned.push({ t: t0 + (spread ? 2 * i : 0), req: this.request(s, apiId, key, b.call) });
      }
    }
    for (const c of this.chats) this.planChat(c, names.apis.get(c.spec.api), from, ms, minutes, when, planned);
    planned.sort((a, b) => a.t - b.t);
    for (const p of planned) {
      const out = this.dataplane.invoke(p.req, new Date(p.t));
      const chat = p.chat;
      if (!chat) continue;
      if (chat.kind === 'connect' && out.status === 200) {
        const id = (JSON.parse(out.body) as { connectionId?: string }).connectionId;
        if (id && chat.stream.open.length < MAX_OPEN_PER_STREAM) chat.stream.open.push(id);
      } else if (chat.kind === 'message' && out.status === 410) {
        chat.stream.open = chat.stream.open.filter((c) => c !== chat.connectionId);
      }
    }
    return planned.length;
  }

  private planChat(c: ChatState, apiId: string | undefined, from: number, ms: number, minutes: number, when: () => number, planned: Planned[]): void {
    if (!apiId) return;
    const base = `/${c.spec.stage}/@connections`;
    const headers = { 'user-agent': c.spec.userAgent, 'content-type': 'application/json' };
    const sourceIp = `100.64.${Math.floor(this.random() * 200)}.${Math.floor(this.random() * 250) + 1}`;
    const connects = poisson(this.random, c.spec.connectsPerMinute * activity(from) * minutes);
    for (let i = 0; i < connects; i++) {
      planned.push({ t: when(), req: { method: 'POST', apiId, path: base, headers, sourceIp }, chat: { stream: c, kind: 'connect' } });
    }
    const leaving = new Set<string>();
    for (const id of c.open) {
      const messages = poisson(this.random, c.spec.messagesPerMinute * minutes);
      for (let i = 0; i < messages; i++) {
        const action = this.random() < 0.85 ? 'sendMessage' : 'typing';
        const body = JSON.stringify({ action, text: action === 'sendMessage' ? 'Where is my order?' : undefined });
        planned.push({ t: when(), req: { method: 'POST', apiId, path: `${base}/${id}`, headers, body, sourceIp }, chat: { stream: c, kind: 'message', connectionId: id } });
      }
      if (this.random() < minutes / c.spec.sessionMinutes) leaving.add(id);
    }
    for (const id of leaving) {
      // Leaves after its messages of this stretch.
      planned.push({ t: from + ms, req: { method: 'DELETE', apiId, path: `${base}/${id}`, headers, sourceIp }, chat: { stream: c, kind: 'disconnect', connectionId: id } });
    }
    if (leaving.size) c.open = c.open.filter((id) => !leaving.has(id));
  }

  private request(s: Stream, apiId: string, key: string | undefined, call: Call): InvokeRequest {
    const path = call.path.replace(/\{[^}]+\}/g, () => String(1 + Math.floor(this.random() * 9_999)));
    const headers: Record<string, string> = { 'user-agent': s.userAgent, accept: 'application/json' };
    if (key) headers['x-api-key'] = key;
    if (call.body) headers['content-type'] = 'application/json';
    const stagePath = s.stage === '$default' ? '' : `/${s.stage}`;
    return {
      method: call.method,
      apiId,
      path: `${stagePath}${path === '/' && stagePath ? '' : path}` || '/',
      headers,
      body: call.body,
      sourceIp: s.ips[Math.floor(this.random() * s.ips.length)],
    };
  }

  /** API ids and key values by name, looked up again every `resolveEveryMs`. */
  private resolve(now: number): { apis: Map<string, string>; keys: Map<string, string> } {
    if (this.names && now - this.names.at < this.resolveEveryMs && now >= this.names.at) return this.names;
    const apis = new Map<string, string>();
    const keys = new Map<string, string>();
    const apigw = this.root.services['apigateway'] as ApiGatewayState | undefined;
    const v2 = this.root.services['apigatewayv2'] as V2State | undefined;
    for (const a of Object.values(apigw?.restApis ?? {})) if (!apis.has(a.name)) apis.set(a.name, a.id);
    for (const e of Object.values(v2?.apis ?? {})) if (e.api.name && !apis.has(e.api.name)) apis.set(e.api.name, e.api.apiId!);
    for (const k of Object.values(apigw?.apiKeys ?? {})) if (k.name && !keys.has(k.name)) keys.set(k.name, k.value);
    this.names = { apis, keys, at: now };
    return this.names;
  }
}

/** When a burst falls in [from, from + ms), else undefined. */
function burstIn(b: { everyMinutes: number; atMinute: number }, from: number, ms: number): number | undefined {
  const period = b.everyMinutes * 60_000;
  const offset = b.atMinute * 60_000;
  const k = Math.ceil((from - offset) / period);
  const at = offset + k * period;
  return at < from + ms ? at : undefined;
}

/** The simulated backends of the demo APIs, by name. */
export function seedDemoBackends(root: SandboxState): void {
  const apigw = root.services['apigateway'] as ApiGatewayState | undefined;
  const v2 = root.services['apigatewayv2'] as V2State | undefined;
  for (const [name, backends] of Object.entries(DEMO_BACKENDS)) {
    const id =
      Object.values(apigw?.restApis ?? {}).find((a) => a.name === name)?.id ?? Object.values(v2?.apis ?? {}).find((e) => e.api.name === name)?.api.apiId;
    if (id) setBackends(root, id, backends);
  }
}

export const HISTORY_HOURS = 24;

/**
 * The demo history: the generator over the last `hours` hours in fast-forward, a simulated minute per step,
 * through a data plane of its own (fresh buckets, seeded draws) whose metrics and logs are gathered per
 * minute. Returns how many requests it sent.
 */
export function runHistory(root: SandboxState, config: SandboxConfig, hours = HISTORY_HOURS, seed = 20260104): number {
  const random = seededRandom(seed);
  const dataplane = new DataPlane(root, config, {
    metrics: new MinuteMetricSink(root),
    logs: new BatchLogSink(root),
    random,
    cacheRoutes: true,
  });
  const generator = new TrafficGenerator(dataplane, root, random, DEMO_STREAMS, DEMO_CHAT, Number.POSITIVE_INFINITY);
  const end = config.now().getTime();
  let sent = 0;
  for (let t = end - hours * 3_600_000; t < end; t += 60_000) sent += generator.run(t, Math.min(60_000, end - t), true);
  dataplane.flush();
  return sent;
}

export interface TrafficHandle {
  stop(): void;
}

/**
 * Plays the demo traffic live against a running sandbox's data plane, once a second (a few requests a second
 * at the daily peak). The timer does not keep the process alive.
 */
export function startTraffic(sandbox: { dataplane: DataPlane; state: SandboxState; config: SandboxConfig }, intervalMs = 1_000): TrafficHandle {
  const generator = new TrafficGenerator(sandbox.dataplane, sandbox.state, Math.random);
  let last = sandbox.config.now().getTime();
  const timer = setInterval(() => {
    const now = sandbox.config.now().getTime();
    // A clock moved back, or far ahead (a sleeping laptop, a test's fast-forward): play at most 5 s.
    const ms = Math.min(Math.max(now - last, 0), 5_000);
    last = now;
    try {
      generator.run(now - ms, ms, false);
    } catch (err) {
      console.error('[sandbox] traffic generator:', err);
    }
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
