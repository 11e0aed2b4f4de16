import type { DescribeAlarmsCommandInput, DescribeAlarmsCommandOutput } from '@aws-sdk/client-cloudwatch';
import type { JsonOperation, OperationContext } from '../../../core/types.js';
import type { WireOutput } from '../../cognito-idp/wire.js';
import type { CloudWatchState } from '../state.js';
import { invalidNextToken, invalidParameterCombination, Problems } from '../errors.js';

/**
 * Describes the alarms the seed defines (the sandbox serves no PutMetricAlarm), ordered by name, MaxRecords
 * (1-100, default 50) a page. Only metric alarms exist, so CompositeAlarms and LogAlarms are always empty;
 * as on AWS, metric alarms are returned when AlarmTypes is omitted or names MetricAlarm.
 */
export const describeAlarms: JsonOperation<CloudWatchState> = {
  name: 'DescribeAlarms',
  auth: 'sigv4',
  mutates: false,
  handler(ctx: OperationContext<CloudWatchState>, input: DescribeAlarmsCommandInput): WireOutput<DescribeAlarmsCommandOutput> {
    const p = new Problems();
    if (input.AlarmNames) {
      p.length(input.AlarmNames, 'alarmNames', 0, 100);
      input.AlarmNames.forEach((n, i) => p.length(n, `alarmNames.${i + 1}.member`, 1, 255));
    }
    p.length(input.AlarmNamePrefix, 'alarmNamePrefix', 1, 255);
    (input.AlarmTypes ?? []).forEach((t, i) => p.enumeration(t, `alarmTypes.${i + 1}.member`, ['CompositeAlarm', 'MetricAlarm', 'LogAlarm']));
    p.length(input.ChildrenOfAlarmName, 'childrenOfAlarmName', 1, 255);
    p.length(input.ParentsOfAlarmName, 'parentsOfAlarmName', 1, 255);
    p.enumeration(input.StateValue, 'stateValue', ['INSUFFICIENT_DATA', 'ALARM', 'OK']);
    p.length(input.ActionPrefix, 'actionPrefix', 1, 1024);
    p.min(input.MaxRecords, 'maxRecords', 1);
    p.max(input.MaxRecords, 'maxRecords', 100);
    p.throwIfAny();
    if (input.AlarmNames?.length && input.AlarmNamePrefix !== undefined) {
      throw invalidParameterCombination('The parameters AlarmNames and AlarmNamePrefix are mutually exclusive and you have specified both.');
    }

    const wantMetric = !input.AlarmTypes?.length || input.AlarmTypes.includes('MetricAlarm');
    const related = input.ChildrenOfAlarmName !== undefined || input.ParentsOfAlarmName !== undefined;
    const alarms = (wantMetric && !related ? ctx.state.alarms : [])
      .filter((a) => !input.AlarmNames?.length || input.AlarmNames.includes(a.AlarmName))
      .filter((a) => input.AlarmNamePrefix === undefined || a.AlarmName.startsWith(input.AlarmNamePrefix))
      .filter((a) => input.StateValue === undefined || a.StateValue === input.StateValue)
      .filter(
        (a) =>
          input.ActionPrefix === undefined ||
          [...a.AlarmActions, ...a.OKActions, ...a.InsufficientDataActions].some((x) => x.startsWith(input.ActionPrefix!)),
      )
      .sort((a, b) => (a.AlarmName < b.AlarmName ? -1 : a.AlarmName > b.AlarmName ? 1 : 0));

    const size = input.MaxRecords ?? 50;
    let from = 0;
    if (input.NextToken !== undefined) {
      const after = decode(input.NextToken);
      from = alarms.findIndex((a) => a.AlarmName > after);
      if (from < 0) from = alarms.length;
    }
    const page = alarms.slice(from, from + size);
    const out: WireOutput<DescribeAlarmsCommandOutput> = { CompositeAlarms: [], MetricAlarms: page as never, LogAlarms: [] };
    if (from + size < alarms.length) out.NextToken = Buffer.from(JSON.stringify({ v: 1, a: page[page.length - 1]!.AlarmName })).toString('base64url');
    return out;
  },
};

function decode(token: string): string {
  try {
    const d = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { v?: number; a?: string };
    if (d.v === 1 && typeof d.a === 'string') return d.a;
  } catch {
    /* fall through */
  }
  throw invalidNextToken('The service returned an invalid NextToken.');
}
