import type { Dimension, MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { ApiType } from './api.js';
import { API_GATEWAY_NAMESPACE, HEALTH_METRICS } from './health.js';

/**
 * The API / stage dashboard as data (Cloudscape's board items): each widget names the API types it applies
 * to, its unit, and its series, either a metric statistic or metric math over the widget's own series
 * (`{key}` stands for that series' query id). The screen renders whatever this registry holds.
 */
export type WidgetUnit = 'count' | 'ms' | 'percent';

export interface SeriesDef {
  key: string;
  label: string;
  metric?: string;
  stat?: string;
  /** Metric math over this widget's series, e.g. `100*(FILL({c4},0)/{cnt})`. */
  expression?: string;
  /** Fetched for an expression, not drawn. */
  hidden?: boolean;
}

export interface WidgetDef {
  id: string;
  title: string;
  description: string;
  types: readonly ApiType[];
  unit: WidgetUnit;
  /** Empty periods mean 0 (no requests), or a gap (no latency to report). */
  zeroFill: boolean;
  series(type: ApiType): SeriesDef[];
}

const ALL: readonly ApiType[] = ['REST', 'HTTP', 'WEBSOCKET'];
const REQUEST_APIS: readonly ApiType[] = ['REST', 'HTTP'];

const sum = (key: string, label: string, metric: string, hidden = false): SeriesDef => ({ key, label, metric, stat: 'Sum', hidden });

export const WIDGETS: readonly WidgetDef[] = [
  {
    id: 'requests',
    title: 'Requests',
    description: 'Requests received (Count, Sum per period).',
    types: REQUEST_APIS,
    unit: 'count',
    zeroFill: true,
    series: () => [sum('cnt', 'Requests', 'Count')],
  },
  {
    id: 'connections',
    title: 'Connections',
    description: 'New WebSocket connections (ConnectCount, Sum per period).',
    types: ['WEBSOCKET'],
    unit: 'count',
    zeroFill: true,
    series: () => [sum('cc', 'Connections', 'ConnectCount')],
  },
  {
    id: 'messages',
    title: 'Messages',
    description: 'Messages sent to the API (MessageCount, Sum per period).',
    types: ['WEBSOCKET'],
    unit: 'count',
    zeroFill: true,
    series: () => [sum('mc', 'Messages', 'MessageCount')],
  },
  {
    id: 'latency',
    title: 'Latency',
    description: 'Time from receiving a request to returning the response (Latency), in milliseconds.',
    types: REQUEST_APIS,
    unit: 'ms',
    zeroFill: false,
    series: () => [
      { key: 'p50', label: 'p50', metric: 'Latency', stat: 'p50' },
      { key: 'p90', label: 'p90', metric: 'Latency', stat: 'p90' },
      { key: 'p99', label: 'p99', metric: 'Latency', stat: 'p99' },
      { key: 'avg', label: 'Average', metric: 'Latency', stat: 'Average' },
    ],
  },
  {
    id: 'integration',
    title: 'Integration latency',
    description: 'Time the backend took to answer (IntegrationLatency), in milliseconds.',
    types: ALL,
    unit: 'ms',
    zeroFill: false,
    series: () => [
      { key: 'p50', label: 'p50', metric: 'IntegrationLatency', stat: 'p50' },
      { key: 'p99', label: 'p99', metric: 'IntegrationLatency', stat: 'p99' },
      { key: 'avg', label: 'Average', metric: 'IntegrationLatency', stat: 'Average' },
    ],
  },
  {
    id: 'errors',
    title: 'Errors',
    description: 'Client (4xx) and server (5xx) errors, Sum per period. 429 Too Many Requests is counted among the 4xx.',
    types: REQUEST_APIS,
    unit: 'count',
    zeroFill: true,
    series: (type) => {
      const m = HEALTH_METRICS[type];
      return [sum('c4', m.clientErrors, m.clientErrors), sum('c5', m.serverErrors, m.serverErrors)];
    },
  },
  {
    id: 'wserrors',
    title: 'Errors',
    description: 'Client errors, execution errors and integration errors, Sum per period.',
    types: ['WEBSOCKET'],
    unit: 'count',
    zeroFill: true,
    series: () => [sum('ce', 'ClientError', 'ClientError'), sum('ee', 'ExecutionError', 'ExecutionError'), sum('ie', 'IntegrationError', 'IntegrationError')],
  },
  {
    id: 'errorrate',
    title: 'Error rate',
    description: 'Errors as a percentage of requests, by metric math: 100 × errors / requests.',
    types: REQUEST_APIS,
    unit: 'percent',
    zeroFill: false,
    series: (type) => {
      const m = HEALTH_METRICS[type];
      return [
        sum('cnt', 'Requests', 'Count', true),
        sum('c4', m.clientErrors, m.clientErrors, true),
        sum('c5', m.serverErrors, m.serverErrors, true),
        { key: 'r4', label: `${m.clientErrors} rate`, expression: '100*(FILL({c4},0)/{cnt})' },
        { key: 'r5', label: `${m.serverErrors} rate`, expression: '100*(FILL({c5},0)/{cnt})' },
      ];
    },
  },
  {
    id: 'wserrorrate',
    title: 'Error rate',
    description: 'Client and execution errors as a percentage of connections and messages.',
    types: ['WEBSOCKET'],
    unit: 'percent',
    zeroFill: false,
    series: () => [
      sum('cc', 'Connections', 'ConnectCount', true),
      sum('mc', 'Messages', 'MessageCount', true),
      sum('ce', 'ClientError', 'ClientError', true),
      sum('ee', 'ExecutionError', 'ExecutionError', true),
      { key: 'rc', label: 'ClientError rate', expression: '100*(FILL({ce},0)/(FILL({cc},0)+FILL({mc},0)))' },
      { key: 're', label: 'ExecutionError rate', expression: '100*(FILL({ee},0)/(FILL({cc},0)+FILL({mc},0)))' },
    ],
  },
];

export function widgetsFor(type: ApiType): WidgetDef[] {
  return WIDGETS.filter((w) => w.types.includes(type));
}

/** The query id of a widget's series: unique across the dashboard, stable for the same widget. */
export function seriesId(widget: Pick<WidgetDef, 'id'>, key: string): string {
  return `${widget.id}_${key}`;
}

/** One widget's queries; its expressions name only its own series, so they can share a call with any other widget. */
export function widgetQueries(widget: WidgetDef, type: ApiType, dimensions: Dimension[], period: number): MetricDataQuery[] {
  return widget.series(type).map((s): MetricDataQuery => {
    const Id = seriesId(widget, s.key);
    if (s.expression !== undefined) {
      return { Id, Expression: s.expression.replace(/\{(\w+)\}/g, (_, k: string) => seriesId(widget, k)), Label: s.label, Period: period, ReturnData: !s.hidden };
    }
    return {
      Id,
      MetricStat: { Metric: { Namespace: API_GATEWAY_NAMESPACE, MetricName: s.metric!, Dimensions: dimensions }, Period: period, Stat: s.stat! },
      Label: s.label,
      ReturnData: !s.hidden,
    };
  });
}
