import type { Dimension, MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { Api, ApiType } from './api.js';
import { metricId, onGrid, sumOf, type MetricSeries } from './metric-batch.js';

export const API_GATEWAY_NAMESPACE = 'AWS/ApiGateway';

/**
 * What each type of API publishes in AWS/ApiGateway, by the role a metric plays on the health screens.
 * REST: Count, 4XXError, 5XXError, Latency. HTTP: Count, 4xx, 5xx, Latency. WebSocket has no request count
 * or latency of its own: ConnectCount + MessageCount are its traffic, ClientError and ExecutionError its
 * errors, IntegrationLatency its latency.
 */
export interface HealthMetrics {
  requests: readonly string[];
  clientErrors: string;
  serverErrors: string;
  latency: string;
}

export const HEALTH_METRICS: Readonly<Record<ApiType, HealthMetrics>> = {
  REST: { requests: ['Count'], clientErrors: '4XXError', serverErrors: '5XXError', latency: 'Latency' },
  HTTP: { requests: ['Count'], clientErrors: '4xx', serverErrors: '5xx', latency: 'Latency' },
  WEBSOCKET: { requests: ['ConnectCount', 'MessageCount'], clientErrors: 'ClientError', serverErrors: 'ExecutionError', latency: 'IntegrationLatency' },
};

/**
 * The ApiName dimension of a REST API. CloudWatch dimension values are ASCII only, so API Gateway drops other
 * characters from the name (and uses the id when nothing is left): "Café API" is published as "Caf API".
 */
export function metricApiName(api: Pick<Api, 'id' | 'name'>): string {
  // eslint-disable-next-line no-control-regex
  const ascii = api.name.replace(/[^\x00-\x7F]/g, '');
  return ascii.trim() === '' ? api.id : ascii;
}

/**
 * The dimensions API Gateway publishes an API's metrics under: REST APIs by ApiName (so REST APIs that share a
 * name share their metrics), HTTP and WebSocket APIs by ApiId; with Stage for one stage.
 */
export function apiDimensions(api: Pick<Api, 'type' | 'id' | 'name'>, stage?: string): Dimension[] {
  const dims: Dimension[] = api.type === 'REST' ? [{ Name: 'ApiName', Value: metricApiName(api) }] : [{ Name: 'ApiId', Value: api.id }];
  if (stage !== undefined) dims.push({ Name: 'Stage', Value: stage });
  return dims;
}

/** One set of metrics on the fleet screen: a v2 API, or every REST API of one name. */
export interface FleetTarget {
  key: string;
  type: ApiType;
  dimensions: Dimension[];
  apis: Api[];
}

/** REST APIs of one name become one target (CloudWatch cannot tell them apart); v2 APIs one each. */
export function fleetTargets(apis: readonly Api[]): FleetTarget[] {
  const restByName = new Map<string, Api[]>();
  const targets: FleetTarget[] = [];
  for (const a of [...apis].sort((x, y) => x.id.localeCompare(y.id))) {
    if (a.type === 'REST') {
      const name = metricApiName(a);
      const same = restByName.get(name);
      if (same) same.push(a);
      else restByName.set(name, [a]);
    } else {
      targets.push({ key: metricId(a.type === 'HTTP' ? 'h' : 'w', a.id), type: a.type, dimensions: apiDimensions(a), apis: [a] });
    }
  }
  for (const group of restByName.values()) {
    targets.push({ key: metricId('r', group[0]!.id), type: 'REST', dimensions: apiDimensions(group[0]!), apis: group });
  }
  return targets.sort((a, b) => a.key.localeCompare(b.key));
}

/** The query ids of one target, by role. */
export function fleetIds(t: Pick<FleetTarget, 'key' | 'type'>) {
  const m = HEALTH_METRICS[t.type];
  return {
    requests: m.requests.map((_, i) => `${t.key}_req${i}`),
    clientErrors: `${t.key}_c4`,
    serverErrors: `${t.key}_c5`,
    p99: `${t.key}_p99`,
  };
}

/**
 * The fleet's queries, one group per target with no metric math between them, so any split into calls of 500
 * works: traffic and errors as Sums per sparkline period (their totals are the sums of the periods), p99
 * latency over one period covering the whole range. 4 queries per REST or HTTP target, 5 per WebSocket API.
 */
export function fleetQueries(targets: readonly FleetTarget[], sparkPeriod: number, wholePeriod: number): MetricDataQuery[][] {
  return targets.map((t) => {
    const m = HEALTH_METRICS[t.type];
    const ids = fleetIds(t);
    const stat = (Id: string, MetricName: string, Stat: string, Period: number): MetricDataQuery => ({
      Id,
      MetricStat: { Metric: { Namespace: API_GATEWAY_NAMESPACE, MetricName, Dimensions: t.dimensions }, Period, Stat },
      ReturnData: true,
    });
    return [
      ...m.requests.map((name, i) => stat(ids.requests[i]!, name, 'Sum', sparkPeriod)),
      stat(ids.clientErrors, m.clientErrors, 'Sum', sparkPeriod),
      stat(ids.serverErrors, m.serverErrors, 'Sum', sparkPeriod),
      stat(ids.p99, m.latency, 'p99', wholePeriod),
    ];
  });
}

/** Errors as a percentage of requests; undefined without traffic (no rate, rather than a false 0 %). */
export function errorRate(errors: number | undefined, requests: number | undefined): number | undefined {
  if (!requests || requests <= 0) return undefined;
  return (100 * (errors ?? 0)) / requests;
}

export interface FleetRow {
  api: Api;
  requests?: number;
  clientErrorRate?: number;
  serverErrorRate?: number;
  p99?: number;
  /** Requests per sparkline period, on the range's grid. */
  spark: number[];
  /** 5xx (WebSocket: execution errors) per sparkline period. */
  sparkErrors: number[];
  /** Other REST APIs of the same name: CloudWatch reports their traffic together. */
  sharedWith: number;
}

/** Each API's figures from the fleet's results, `grid` being the sparkline's period starts. */
export function fleetRows(targets: readonly FleetTarget[], results: ReadonlyMap<string, MetricSeries>, grid: readonly number[]): FleetRow[] {
  const rows: FleetRow[] = [];
  for (const t of targets) {
    const ids = fleetIds(t);
    const reqSeries = ids.requests.map((id) => results.get(id));
    const reqGrids = reqSeries.map((s) => onGrid(s, grid, 0));
    const spark = grid.map((_, i) => reqGrids.reduce((n, g) => n + (g[i] ?? 0), 0));
    const requestTotals = reqSeries.map(sumOf);
    const requests = requestTotals.every((x) => x === undefined) ? undefined : requestTotals.reduce<number>((a, b) => a + (b ?? 0), 0);
    const c4 = sumOf(results.get(ids.clientErrors));
    const c5 = sumOf(results.get(ids.serverErrors));
    const p99Series = results.get(ids.p99);
    const p99 = p99Series && p99Series.values.length ? Math.max(...p99Series.values) : undefined;
    const sparkErrors = onGrid(results.get(ids.serverErrors), grid, 0) as number[];
    for (const api of t.apis) {
      rows.push({
        api,
        requests,
        clientErrorRate: errorRate(c4, requests),
        serverErrorRate: errorRate(c5, requests),
        p99,
        spark,
        sparkErrors,
        sharedWith: t.apis.length - 1,
      });
    }
  }
  return rows;
}

/**
 * Worst first: the highest 5xx rate, then the highest 4xx rate, then the busiest; APIs without traffic in
 * the range come last, by name.
 */
export function worstFirst(a: FleetRow, b: FleetRow): number {
  const ta = a.requests ? 1 : 0;
  const tb = b.requests ? 1 : 0;
  if (ta !== tb) return tb - ta;
  return (
    (b.serverErrorRate ?? 0) - (a.serverErrorRate ?? 0) ||
    (b.clientErrorRate ?? 0) - (a.clientErrorRate ?? 0) ||
    (b.requests ?? 0) - (a.requests ?? 0) ||
    a.api.name.localeCompare(b.api.name) ||
    a.api.id.localeCompare(b.api.id)
  );
}

/** A fingerprint of the API list, so the fleet's cached figures follow a changed list. */
export function apiListFingerprint(apis: readonly Pick<Api, 'type' | 'id' | 'name'>[]): string {
  let h = 0x811c9dc5;
  for (const a of [...apis].map((x) => `${x.type}:${x.id}:${x.name}`).sort()) {
    for (let i = 0; i < a.length; i++) {
      h ^= a.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= 0x0a;
  }
  return `${apis.length}:${h.toString(16)}`;
}
