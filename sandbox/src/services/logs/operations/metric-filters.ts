import type {
  DeleteMetricFilterCommandInput,
  DescribeMetricFiltersCommandInput,
  DescribeMetricFiltersCommandOutput,
  PutMetricFilterCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import type { JsonOperation, OperationContext } from '../../../core/types.js';
import type { LogsState, MetricFilterRecord, MetricTransformationRecord } from '../state.js';
import { Checks, checkGroupName, groupNotFound, invalidParameter, LOG_GROUP_NAME, limitExceeded, resourceNotFound } from '../errors.js';
import { compilePattern, PatternError } from '../filter-pattern.js';
import { UNIT_PRECEDENCE } from '../../cloudwatch/units.js';
import { nextTokenAfter, pageAfter } from './paging.js';

type Out<T> = Omit<T, '$metadata'>;

const FILTERS_PER_GROUP = 100;
const FILTER_NAME = /^[^:*]*$/;
const METRIC_PART = /^[^:*$]*$/;
const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Creates or replaces a metric filter. Checks, in AWS's order: the model's constraints (one transformation,
 * names, lengths, at most 3 dimensions, unit), the log group, the pattern ("Invalid metric filter pattern",
 * or "Invalid character(s) in term 'x'" for an unquoted term), dimensions only with JSON or space-delimited
 * patterns ("The specified filter pattern does not support dimensions"), dimensions and defaultValue not
 * together, metricValue a number or a field the pattern can name, dimension values field references, and
 * 100 filters per group.
 */
export const putMetricFilter: JsonOperation<LogsState> = {
  name: 'PutMetricFilter',
  auth: 'sigv4',
  mutates: true,
  handler(ctx: OperationContext<LogsState>, input: PutMetricFilterCommandInput): Record<string, never> {
    const c = new Checks();
    checkGroupName(c, input.logGroupName);
    if (c.required(input.filterName, 'filterName')) {
      c.length(input.filterName, 'filterName', 1, 512);
      c.pattern(input.filterName, 'filterName', FILTER_NAME, '[^:*]*');
    }
    if (c.required(input.filterPattern, 'filterPattern')) c.length(input.filterPattern, 'filterPattern', 0, 1024);
    if (c.required(input.metricTransformations, 'metricTransformations')) {
      c.length(input.metricTransformations, 'metricTransformations', 1, 1);
      input.metricTransformations!.forEach((t, i) => {
        const at = `metricTransformations.${i + 1}.member`;
        if (c.required(t?.metricName, `${at}.metricName`)) {
          c.length(t.metricName, `${at}.metricName`, 0, 255);
          c.pattern(t.metricName, `${at}.metricName`, METRIC_PART, '[^:*$]*');
        }
        if (c.required(t?.metricNamespace, `${at}.metricNamespace`)) {
          c.length(t.metricNamespace, `${at}.metricNamespace`, 0, 255);
          c.pattern(t.metricNamespace, `${at}.metricNamespace`, METRIC_PART, '[^:*$]*');
        }
        if (c.required(t?.metricValue, `${at}.metricValue`)) c.length(t.metricValue, `${at}.metricValue`, 0, 100);
        if (t?.dimensions) {
          const dims = Object.entries(t.dimensions);
          if (dims.length > 3) c.list.push(`Value '{${dims.map(([k, v]) => `${k}=${v}`).join(', ')}}' at '${at}.dimensions' failed to satisfy constraint: Member must have length less than or equal to 3`);
          for (const [k, v] of dims) {
            c.length(k, `${at}.dimensions.key`, 0, 255);
            c.length(v, `${at}.dimensions.value`, 0, 255);
          }
        }
        c.enumeration(t?.unit, `${at}.unit`, UNIT_PRECEDENCE);
      });
    }
    c.throwIfAny();

    const group = ctx.state.groups[input.logGroupName!];
    if (!group) throw groupNotFound();

    let kind: ReturnType<typeof compilePattern>['kind'];
    try {
      kind = compilePattern(input.filterPattern!).kind;
    } catch (e) {
      if (!(e instanceof PatternError)) throw e;
      throw invalidParameter(e.message.startsWith('Invalid character(s) in term') ? e.message : 'Invalid metric filter pattern');
    }
    const structured = kind === 'json' || kind === 'space';
    const transformations: MetricTransformationRecord[] = input.metricTransformations!.map((t) => {
      const dims = t.dimensions && Object.keys(t.dimensions).length ? t.dimensions : undefined;
      if (dims && !structured) throw invalidParameter('The specified filter pattern does not support dimensions');
      if (dims && t.defaultValue !== undefined) {
        throw invalidParameter('Invalid metric transformation: dimensions and default value are mutually exclusive properties');
      }
      const value = t.metricValue!;
      if (!NUMBER.test(value) && !fieldRef(value, kind)) throw invalidParameter(`Invalid metric value: ${value}`);
      for (const [k, v] of Object.entries(dims ?? {})) {
        if (!fieldRef(v, kind)) throw invalidParameter(`Invalid dimension value for ${k}: ${v}. Dimension values must be fields of the filter pattern.`);
      }
      return {
        metricName: t.metricName!,
        metricNamespace: t.metricNamespace!,
        metricValue: value,
        ...(t.defaultValue !== undefined ? { defaultValue: t.defaultValue } : {}),
        ...(dims ? { dimensions: { ...dims } } : {}),
        ...(t.unit ? { unit: t.unit } : {}),
      };
    });

    if (!group.metricFilters[input.filterName!] && Object.keys(group.metricFilters).length >= FILTERS_PER_GROUP) {
      throw limitExceeded('Resource limit exceeded.');
    }
    const record: MetricFilterRecord = {
      filterName: input.filterName!,
      filterPattern: input.filterPattern!,
      metricTransformations: transformations,
      creationTime: ctx.config.now().getTime(),
      logGroupName: group.logGroupName,
      applyOnTransformedLogs: input.applyOnTransformedLogs ?? false,
    };
    group.metricFilters[record.filterName] = record;
    return {};
  },
};

/** `$.field` with a JSON pattern, `$name` with a space-delimited one. */
function fieldRef(v: string, kind: string): boolean {
  if (kind === 'json') return /^\$(?:\.[A-Za-z0-9_@$-]+|\[\d+\])+$/.test(v);
  if (kind === 'space') return /^\$[A-Za-z0-9_]+$/.test(v);
  return false;
}

/**
 * Lists metric filters by log group then name, `limit` (1-50, default 50) a page. `filterNamePrefix` applies
 * only with `logGroupName` (as AWS documents); `metricName` needs `metricNamespace`.
 */
export const describeMetricFilters: JsonOperation<LogsState> = {
  name: 'DescribeMetricFilters',
  auth: 'sigv4',
  mutates: false,
  handler(ctx: OperationContext<LogsState>, input: DescribeMetricFiltersCommandInput): Out<DescribeMetricFiltersCommandOutput> {
    const c = new Checks();
    if (input.logGroupName !== undefined) {
      c.length(input.logGroupName, 'logGroupName', 1, 512);
      c.pattern(input.logGroupName, 'logGroupName', LOG_GROUP_NAME, '[\\.\\-_/#A-Za-z0-9]+');
    }
    c.length(input.filterNamePrefix, 'filterNamePrefix', 1, 512);
    c.pattern(input.filterNamePrefix, 'filterNamePrefix', FILTER_NAME, '[^:*]*');
    c.range(input.limit, 'limit', 1, 50);
    c.length(input.metricName, 'metricName', 0, 255);
    c.pattern(input.metricName, 'metricName', METRIC_PART, '[^:*$]*');
    c.length(input.metricNamespace, 'metricNamespace', 0, 255);
    c.pattern(input.metricNamespace, 'metricNamespace', METRIC_PART, '[^:*$]*');
    c.throwIfAny();
    if (input.metricName !== undefined && input.metricNamespace === undefined) {
      throw invalidParameter('If you include the metricName parameter in your request, you must also include the metricNamespace parameter.');
    }
    let groups = Object.values(ctx.state.groups);
    if (input.logGroupName !== undefined) {
      const g = ctx.state.groups[input.logGroupName];
      if (!g) throw groupNotFound();
      groups = [g];
    }
    const key = (f: MetricFilterRecord) => `${f.logGroupName}\u0000${f.filterName}`;
    const filters = groups
      .flatMap((g) => Object.values(g.metricFilters))
      .filter((f) => input.logGroupName === undefined || input.filterNamePrefix === undefined || f.filterName.startsWith(input.filterNamePrefix))
      .filter(
        (f) =>
          input.metricNamespace === undefined ||
          f.metricTransformations.some((t) => t.metricNamespace === input.metricNamespace && (input.metricName === undefined || t.metricName === input.metricName)),
      )
      .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    const page = pageAfter(filters, key, input.nextToken, input.limit ?? 50);
    return {
      metricFilters: page.items.map((f) => ({
        filterName: f.filterName,
        filterPattern: f.filterPattern,
        metricTransformations: f.metricTransformations.map((t) => ({ ...t, ...(t.dimensions ? { dimensions: { ...t.dimensions } } : {}) })) as never,
        creationTime: f.creationTime,
        logGroupName: f.logGroupName,
        applyOnTransformedLogs: f.applyOnTransformedLogs,
      })),
      ...nextTokenAfter(page, key),
    };
  },
};

export const deleteMetricFilter: JsonOperation<LogsState> = {
  name: 'DeleteMetricFilter',
  auth: 'sigv4',
  mutates: true,
  handler(ctx: OperationContext<LogsState>, input: DeleteMetricFilterCommandInput): Record<string, never> {
    const c = new Checks();
    checkGroupName(c, input.logGroupName);
    if (c.required(input.filterName, 'filterName')) {
      c.length(input.filterName, 'filterName', 1, 512);
      c.pattern(input.filterName, 'filterName', FILTER_NAME, '[^:*]*');
    }
    c.throwIfAny();
    const group = ctx.state.groups[input.logGroupName!];
    if (!group) throw groupNotFound();
    if (!group.metricFilters[input.filterName!]) throw resourceNotFound('The specified metric filter does not exist.');
    delete group.metricFilters[input.filterName!];
    return {};
  },
};
