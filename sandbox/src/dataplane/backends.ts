import type { SandboxState } from '../core/types.js';
import { logNormal, type Random } from './random.js';

/**
 * Simulated backends. The sandbox reaches no network: an integration's answer is drawn from a profile
 * (latency distribution, error rate, recurring incidents), set per API by the seed or a test and kept in the
 * state (`state.services.dataplane`, plain JSON, saved with the rest). Without a profile, an integration
 * type's defaults apply.
 */
export interface BackendProfile {
  /** Integration latency in ms: log-normal with this median and 99th percentile. */
  latencyMs?: { p50: number; p99: number };
  /** Share (0..1) of calls the backend fails. */
  errorRate?: number;
  /** Status a failing HTTP backend answers (passed through by proxy integrations); default 503. */
  errorStatus?: number;
  /**
   * Recurring incidents: for `minutes` minutes every `everyMinutes` minutes, starting `atMinute` minutes
   * after midnight UTC, calls fail at `errorRate` and take `latencyFactor` times longer.
   */
  incidents?: { everyMinutes: number; atMinute: number; minutes: number; errorRate: number; latencyFactor?: number };
}

export interface ApiBackends {
  /** For every integration of the API without its own entry. */
  default?: BackendProfile;
  /** By route: `GET /pets/{petId}` (REST: method and resource path) or an HTTP/WebSocket route key. */
  routes?: Record<string, BackendProfile>;
}

export interface DataPlaneState {
  /** By API id. */
  backends: Record<string, ApiBackends>;
}

const KEY = 'dataplane';

/** The data plane's slice of the state (created on first use; states saved before it have none). */
export function dataPlaneState(root: SandboxState): DataPlaneState {
  const slice = (root.services[KEY] ??= { backends: {} }) as DataPlaneState;
  slice.backends ??= {};
  return slice;
}

/** Sets (replaces) the simulated backends of one API. */
export function setBackends(root: SandboxState, apiId: string, backends: ApiBackends): void {
  dataPlaneState(root).backends[apiId] = backends;
}

const TYPE_DEFAULTS: Record<string, Required<Pick<BackendProfile, 'latencyMs'>>> = {
  MOCK: { latencyMs: { p50: 1, p99: 3 } },
  AWS_PROXY: { latencyMs: { p50: 45, p99: 350 } },
  AWS: { latencyMs: { p50: 40, p99: 300 } },
  HTTP_PROXY: { latencyMs: { p50: 80, p99: 400 } },
  HTTP: { latencyMs: { p50: 80, p99: 400 } },
};

export interface BackendAnswer {
  /** ms the integration took (the simulation does not wait it out). */
  latency: number;
  /** The backend failed. */
  failed: boolean;
  /** Status the backend answered when it failed (HTTP backends). */
  errorStatus: number;
  /** The call outlived the integration's timeout. */
  timedOut: boolean;
}

/** Merged profiles by backends object (setBackends replaces it, so a change is seen) and `type routeKey`. */
const merged = new WeakMap<object, Map<string, BackendProfile>>();
const NO_BACKENDS = {};

function profileFor(api: ApiBackends | undefined, routeKey: string, type: string): BackendProfile {
  const holder = api ?? NO_BACKENDS;
  let byRoute = merged.get(holder);
  if (!byRoute) merged.set(holder, (byRoute = new Map()));
  const key = `${type} ${routeKey}`;
  let profile = byRoute.get(key);
  if (!profile) {
    profile = { ...TYPE_DEFAULTS[type], ...api?.default, ...api?.routes?.[routeKey] };
    // A mock integration is the gateway answering itself: it does not fail or slow down.
    if (type === 'MOCK') profile = { latencyMs: TYPE_DEFAULTS.MOCK!.latencyMs };
    if (byRoute.size > 10_000) byRoute.clear();
    byRoute.set(key, profile);
  }
  return profile;
}

/** One simulated call of an integration of type `type`, at `at`, under route key `routeKey`. */
export function callBackend(
  root: SandboxState,
  apiId: string,
  routeKey: string,
  type: string,
  timeoutMs: number,
  at: Date,
  random: Random,
): BackendAnswer {
  const profile = profileFor(dataPlaneState(root).backends[apiId], routeKey, type);
  let errorRate = profile.errorRate ?? 0;
  let factor = 1;
  const inc = profile.incidents;
  if (inc && inc.everyMinutes > 0) {
    const minute = Math.floor(at.getTime() / 60_000) % 1440;
    const into = (((minute - inc.atMinute) % inc.everyMinutes) + inc.everyMinutes) % inc.everyMinutes;
    if (into < inc.minutes) {
      errorRate = Math.max(errorRate, inc.errorRate);
      factor = inc.latencyFactor ?? 1;
    }
  }
  const { p50, p99 } = profile.latencyMs ?? TYPE_DEFAULTS.HTTP!.latencyMs;
  let latency = Math.max(0, Math.round(logNormal(random, p50, p99) * factor));
  const timedOut = latency > timeoutMs;
  if (timedOut) latency = timeoutMs;
  return { latency, failed: !timedOut && random() < errorRate, errorStatus: profile.errorStatus ?? 503, timedOut };
}
