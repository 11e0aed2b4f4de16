import type { SandboxState } from '../../core/types.js';

export const SERVICE_NAME = 'logs';

export interface StoredEvent {
  /** Event time, epoch ms. */
  t: number;
  /** Ingestion time, epoch ms. */
  i: number;
  m: string;
  id: string;
}

export interface LogStream {
  logStreamName: string;
  creationTime: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  uploadSequenceToken: string;
  /** The most recent events, oldest first, at most EVENTS_PER_STREAM of them. */
  events: StoredEvent[];
}

export interface MetricTransformationRecord {
  metricName: string;
  metricNamespace: string;
  metricValue: string;
  defaultValue?: number;
  dimensions?: Record<string, string>;
  unit?: string;
}

export interface MetricFilterRecord {
  filterName: string;
  filterPattern: string;
  metricTransformations: MetricTransformationRecord[];
  creationTime: number;
  logGroupName: string;
  applyOnTransformedLogs: boolean;
}

export interface LogGroup {
  logGroupName: string;
  creationTime: number;
  retentionInDays?: number;
  /** Bytes ever stored (UTF-8 message bytes plus 26 per event, as CloudWatch Logs counts them). */
  storedBytes: number;
  logGroupClass: 'STANDARD' | 'INFREQUENT_ACCESS' | 'DELIVERY';
  kmsKeyId?: string;
  deletionProtectionEnabled?: boolean;
  tags: Record<string, string>;
  metricFilters: Record<string, MetricFilterRecord>;
  streams: Record<string, LogStream>;
}

export interface LogsState {
  groups: Record<string, LogGroup>;
  /** Counter making event ids unique. */
  eventSeq: number;
}

export const initialState = (): LogsState => ({ groups: {}, eventSeq: 0 });

export function logsState(root: SandboxState): LogsState {
  return root.services[SERVICE_NAME] as LogsState;
}

export const groupArn = (region: string, account: string, name: string) => `arn:aws:logs:${region}:${account}:log-group:${name}`;
