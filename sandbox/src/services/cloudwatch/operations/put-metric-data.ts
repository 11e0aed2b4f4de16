import type { MetricDatum, PutMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import type { JsonOperation, OperationContext } from '../../../core/types.js';
import type { CloudWatchState } from '../state.js';
import { metricStore, type Sample } from '../store.js';
import { invalidParameterCombination, invalidParameterValue, missingParameter, Problems } from '../errors.js';
import { doubleOf, epochSecondsOf, metricShape, UNITS, writableDimensions, writableNamespace, type WireDimension } from '../validate.js';

type WireDatum = Omit<MetricDatum, 'Timestamp' | 'Dimensions'> & { Timestamp?: unknown; Dimensions?: WireDimension[] };

const MAX_DATUMS = 1000;
const MAX_VALUES = 150;
const MAX_ABS = 2 ** 360;
const PAST_LIMIT_S = 14 * 86400;
const FUTURE_LIMIT_S = 2 * 3600;

/**
 * Publishes datapoints. Validation follows AWS: the model's constraints first (coral ValidationError), then
 * the service's rules in order for each datum; nothing is stored unless the whole request is valid.
 */
export const putMetricData: JsonOperation<CloudWatchState> = {
  name: 'PutMetricData',
  auth: 'sigv4',
  mutates: true,
  handler(ctx: OperationContext<CloudWatchState>, input: PutMetricDataCommandInput): Record<string, never> {
    const entityData = (input.EntityMetricData ?? []).flatMap((e) => e.MetricData ?? []);
    const data = [...((input.MetricData ?? []) as WireDatum[]), ...(entityData as WireDatum[])];

    const p = new Problems();
    if (p.required(input.Namespace, 'namespace')) metricShape(p, { Namespace: input.Namespace }, '');
    (input.MetricData as WireDatum[] | undefined)?.forEach((d, i) => {
      const at = `metricData.${i + 1}.member.`;
      if (p.required(d?.MetricName, `${at}metricName`)) metricShape(p, { MetricName: d.MetricName }, at);
      metricShape(p, { Dimensions: d.Dimensions }, at);
      p.enumeration(d.Unit, `${at}unit`, UNITS);
      p.min(d.StorageResolution, `${at}storageResolution`, 1);
      if (d.StatisticValues) {
        for (const k of ['SampleCount', 'Sum', 'Minimum', 'Maximum'] as const) p.required(d.StatisticValues[k], `${at}statisticValues.${k[0]!.toLowerCase()}${k.slice(1)}`);
      }
    });
    p.throwIfAny();

    const namespace = input.Namespace!;
    writableNamespace(namespace);
    if (!data.length) throw missingParameter('The parameter MetricData is required.');
    if (data.length > MAX_DATUMS) throw invalidParameterValue(`The collection MetricData must not have a size greater than ${MAX_DATUMS}.`);

    const nowSec = ctx.config.now().getTime() / 1000;
    const writes: { dims: [string, string][]; datum: WireDatum; tSec: number; sample: Sample }[] = [];
    data.forEach((d, i) => {
      const at = `MetricData.member.${i + 1}`;
      const value = doubleOf(d.Value);
      const values = (d.Values as unknown[] | undefined)?.map(doubleOf);
      const counts = (d.Counts as unknown[] | undefined)?.map(doubleOf);
      const hasValues = !!values?.length;
      if (d.Value !== undefined && hasValues) {
        throw invalidParameterCombination(`The parameters ${at}.Value and ${at}.Values are mutually exclusive and you have specified both.`);
      }
      if (d.Value !== undefined && d.StatisticValues) {
        throw invalidParameterCombination(`The parameters ${at}.Value and ${at}.StatisticValues are mutually exclusive and you have specified both.`);
      }
      if (counts?.length && !hasValues) throw missingParameter(`The parameter ${at}.Values is required when ${at}.Counts is specified.`);
      if (hasValues && counts?.length && counts.length !== values.length) {
        throw invalidParameterValue(`The parameters ${at}.Values and ${at}.Counts must be of the same size.`);
      }
      if (hasValues && values.length > MAX_VALUES) throw invalidParameterValue(`The collection ${at}.Values must not have a size greater than ${MAX_VALUES}.`);
      if (value !== undefined) checkValue(value, `${at}.Value`);
      values?.forEach((v, j) => checkValue(v, `${at}.Values.member.${j + 1}`));
      counts?.forEach((c, j) => {
        if (c === undefined || !Number.isFinite(c) || c < 0) throw invalidParameterValue(`The value ${String(c)} for parameter ${at}.Counts.member.${j + 1} is invalid.`);
      });
      if (d.StorageResolution !== undefined && d.StorageResolution !== 1 && d.StorageResolution !== 60) {
        throw invalidParameterValue(`The value ${d.StorageResolution} for parameter ${at}.StorageResolution is invalid.`);
      }
      const dims = writableDimensions(d.Dimensions, `${at}.Dimensions`);

      let tSec = nowSec;
      if (d.Timestamp !== undefined) {
        const t = epochSecondsOf(d.Timestamp);
        if (t === undefined) throw invalidParameterValue(`The value ${String(d.Timestamp)} for parameter ${at}.Timestamp is invalid.`);
        if (t < nowSec - PAST_LIMIT_S) throw invalidParameterValue(`The parameter ${at}.Timestamp must specify a time within the past two weeks.`);
        if (t > nowSec + FUTURE_LIMIT_S) throw invalidParameterValue(`The parameter ${at}.Timestamp must specify a time no more than two hours in the future.`);
        tSec = t;
      }

      let sample: Sample;
      if (hasValues) {
        // AWS accepts Values together with StatisticValues (recorded); the values are what it keeps.
        sample = { kind: 'values', values: values.map((v, j) => [v!, counts?.length ? counts[j]! : 1] as [number, number]).filter(([, w]) => w > 0) };
      } else if (d.StatisticValues) {
        const s = d.StatisticValues;
        const set = { count: doubleOf(s.SampleCount)!, sum: doubleOf(s.Sum)!, min: doubleOf(s.Minimum)!, max: doubleOf(s.Maximum)! };
        checkValue(set.sum, `${at}.StatisticValues.Sum`);
        checkValue(set.min, `${at}.StatisticValues.Minimum`);
        checkValue(set.max, `${at}.StatisticValues.Maximum`);
        if (!(set.count > 0) || !Number.isFinite(set.count)) {
          throw invalidParameterValue(`The value ${String(s.SampleCount)} for parameter ${at}.StatisticValues.SampleCount is invalid.`);
        }
        if (set.min > set.max) {
          throw invalidParameterValue(`The parameter ${at}.StatisticValues.Maximum must be greater than ${at}.StatisticValues.Minimum.`);
        }
        sample = { kind: 'set', set };
      } else {
        // A datum with neither Value, Values nor StatisticValues counts as Value 0 on AWS.
        sample = { kind: 'values', values: [[value ?? 0, 1]] };
      }
      writes.push({ dims, datum: d, tSec, sample });
    });

    const store = metricStore(ctx.state);
    const publishedMs = ctx.config.now().getTime();
    for (const w of writes) {
      store.record(
        { namespace, metricName: w.datum.MetricName!, dims: w.dims },
        w.datum.Unit ?? 'None',
        w.tSec,
        w.sample,
        w.datum.StorageResolution === 1,
        publishedMs,
      );
    }
    store.advance(nowSec);
    return {};
  },
};

function checkValue(v: number | undefined, param: string): void {
  if (v === undefined || !Number.isFinite(v) || Math.abs(v) > MAX_ABS) {
    throw invalidParameterValue(`The value ${String(v)} for parameter ${param} is invalid.`);
  }
}
