import { createHash } from 'node:crypto';
import type { SandboxState } from '../../core/types.js';
import { cloudwatchState } from '../cloudwatch/state.js';
import { recordDatapoints } from '../cloudwatch/store.js';
import { compiled, type Fields } from './filter-pattern.js';
import { type LogGroup, type LogsState, type LogStream, type MetricFilterRecord, logsState } from './state.js';

/** Events kept per stream (the oldest go first); storedBytes still counts everything ingested. */
export const EVENTS_PER_STREAM = 10_000;
const EVENT_OVERHEAD_BYTES = 26;

type CloudWatchPoint = Parameters<typeof recordDatapoints>[2][number];

/**
 * Delivers events to a log group as a service does (API Gateway access logging): into the group's delivery
 * stream, then through the group's metric filters into CloudWatch. A group that does not exist takes nothing,
 * as AWS's delivery to a missing group fails. Events are stored newest last and bounded per stream.
 */
export function appendLogEvents(root: SandboxState, logGroupName: string, events: { timestamp: Date; message: string }[]): void {
  const group = logsState(root)?.groups[logGroupName];
  if (!group || !events.length) return;
  const name = deliveryStreamName(logGroupName);
  const stream = (group.streams[name] ??= newStream(name, Date.now()));
  ingest(root, group, stream, events.map((e) => ({ t: e.timestamp.getTime(), m: e.message })), Date.now());
}

/** API Gateway names its delivery streams with a hash; the sandbox's is stable per group. */
export function deliveryStreamName(logGroupName: string): string {
  return createHash('md5').update(logGroupName).digest('hex');
}

export function newStream(logStreamName: string, now: number): LogStream {
  return { logStreamName, creationTime: now, uploadSequenceToken: sequenceToken(0), events: [] };
}

export function sequenceToken(n: number): string {
  return String(49_000_000_000 + n).padStart(56, '0');
}

/** Stores events (already accepted) and runs the group's metric filters over them. */
export function ingest(root: SandboxState, group: LogGroup, stream: LogStream, events: { t: number; m: string }[], now: number): void {
  const state = logsState(root);
  for (const e of events) {
    const stored = { t: e.t, i: now, m: e.m, id: eventId(state, e.t) };
    // Keep the stream in time order (PutLogEvents batches are chronological; deliveries nearly so).
    const ev = stream.events;
    if (!ev.length || ev[ev.length - 1]!.t <= e.t) ev.push(stored);
    else ev.splice(upperBound(ev, e.t), 0, stored);
    group.storedBytes += Buffer.byteLength(e.m, 'utf8') + EVENT_OVERHEAD_BYTES;
    stream.firstEventTimestamp = Math.min(stream.firstEventTimestamp ?? e.t, e.t);
    stream.lastEventTimestamp = Math.max(stream.lastEventTimestamp ?? e.t, e.t);
  }
  if (stream.events.length > EVENTS_PER_STREAM) stream.events.splice(0, stream.events.length - EVENTS_PER_STREAM);
  stream.lastIngestionTime = now;
  applyMetricFilters(root, group, events);
}

function upperBound(ev: { t: number }[], t: number): number {
  let lo = 0;
  let hi = ev.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ev[mid]!.t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function eventId(state: LogsState, t: number): string {
  state.eventSeq = (state.eventSeq + 1) % 1e15;
  return `${String(Math.max(0, t)).padStart(20, '0')}${String(state.eventSeq).padStart(16, '0')}${'0'.repeat(20)}`;
}

/**
 * Metric filters turn each matching event into one datapoint: the transformation's metricValue (a number,
 * or the value of a `$.field` / `$field` the event holds; an event whose value is not numeric gives none),
 * with its dimensions' values taken from the event (an event missing one gives none). A non-matching event
 * gives defaultValue when the filter has one. Datapoints carry the event's timestamp.
 */
export function applyMetricFilters(root: SandboxState, group: LogGroup, events: { t: number; m: string }[]): void {
  const filters = Object.values(group.metricFilters);
  if (!filters.length) return;
  const cw = cloudwatchState(root);
  if (!cw) return;
  const byNamespace = new Map<string, CloudWatchPoint[]>();
  for (const f of filters) {
    const pattern = compiled(f.filterPattern);
    for (const e of events) {
      const fields = pattern.match(e.m);
      for (const tr of f.metricTransformations) {
        const point = datapoint(tr, fields, e.t);
        if (!point) continue;
        const list = byNamespace.get(tr.metricNamespace) ?? byNamespace.set(tr.metricNamespace, []).get(tr.metricNamespace)!;
        list.push(point);
      }
    }
  }
  for (const [namespace, points] of byNamespace) recordDatapoints(cw, namespace, points);
}

function datapoint(
  tr: MetricFilterRecord['metricTransformations'][number],
  fields: Fields | undefined,
  t: number,
): CloudWatchPoint | undefined {
  const base = { metricName: tr.metricName, timestamp: new Date(t), ...(tr.unit ? { unit: tr.unit } : {}) };
  if (!fields) return tr.defaultValue !== undefined ? { ...base, dimensions: {}, value: tr.defaultValue } : undefined;
  const value = fieldNumber(tr.metricValue, fields);
  if (value === undefined) return undefined;
  const dimensions: Record<string, string> = {};
  for (const [k, ref] of Object.entries(tr.dimensions ?? {})) {
    const v = fields(ref);
    if (v === undefined || v === null || typeof v === 'object' || String(v) === '') return undefined;
    dimensions[k] = String(v);
  }
  return { ...base, dimensions, value };
}

function fieldNumber(metricValue: string, fields: Fields): number | undefined {
  if (!metricValue.startsWith('$')) return Number(metricValue);
  const v = fields(metricValue);
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** Drops events past the group's retention (run on reads; AWS deletes them in the background). */
export function expire(group: LogGroup, now: number): void {
  if (!group.retentionInDays) return;
  const cutoff = now - group.retentionInDays * 86400_000;
  for (const s of Object.values(group.streams)) {
    const keep = s.events.findIndex((e) => e.t >= cutoff);
    if (keep !== 0) s.events.splice(0, keep < 0 ? s.events.length : keep);
  }
}
