import type { SandboxState } from '../../core/types.js';
import { MetricStore, type SerializedStore } from './store.js';

export const SERVICE_NAME = 'cloudwatch';

/** A metric alarm as DescribeAlarms returns it (wire form: timestamps as epoch seconds). */
export interface MetricAlarmRecord {
  AlarmName: string;
  AlarmArn: string;
  AlarmDescription?: string;
  AlarmConfigurationUpdatedTimestamp: number;
  ActionsEnabled: boolean;
  OKActions: string[];
  AlarmActions: string[];
  InsufficientDataActions: string[];
  StateValue: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  StateReason: string;
  StateUpdatedTimestamp: number;
  StateTransitionedTimestamp: number;
  MetricName?: string;
  Namespace?: string;
  Statistic?: string;
  ExtendedStatistic?: string;
  Dimensions: { Name: string; Value: string }[];
  Period?: number;
  Unit?: string;
  EvaluationPeriods: number;
  DatapointsToAlarm?: number;
  Threshold?: number;
  ComparisonOperator: string;
  TreatMissingData?: string;
}

export interface CloudWatchState {
  /** Alarms the seed defines; the sandbox serves no PutMetricAlarm. */
  alarms: MetricAlarmRecord[];
  /** The metric store; a plain object right after a saved state is loaded, revived on first use. */
  metrics: MetricStore | SerializedStore;
}

export const initialState = (): CloudWatchState => ({ alarms: [], metrics: new MetricStore() });

export function cloudwatchState(root: SandboxState): CloudWatchState {
  return root.services[SERVICE_NAME] as CloudWatchState;
}
