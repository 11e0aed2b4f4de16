import { createHash } from 'node:crypto';
import type {
  CreateLogStreamCommandInput,
  FilterLogEventsCommandInput,
  FilterLogEventsCommandOutput,
  PutLogEventsCommandInput,
  PutLogEventsCommandOutput,
} from '@aws-sdk/client-cloudwatch-logs';
import type { JsonOperation, OperationContext } from '../../../core/types.js';
import type { LogGroup, LogsState } from '../state.js';
import { Checks, checkGroupName, groupNotFound, invalidParameter, LOG_STREAM_NAME, LOG_STREAM_NAME_SRC, resourceAlreadyExists, streamNotFound } from '../errors.js';
import { compiled, PatternError } from '../filter-pattern.js';
import { expire, ingest, newStream, sequenceToken } from '../store.js';

type Out<T> = Omit<T, '$metadata'>;

const MAX_BATCH_EVENTS = 10_000;
const MAX_BATCH_BYTES = 1_048_576;
const DAY_MS = 86400_000;
const FUTURE_MS = 2 * 3600_000;
const PAST_MS = 14 * DAY_MS;

export const createLogStream: JsonOperation<LogsState> = {
  name: 'CreateLogStream',
  auth: 'sigv4',
  mutates: true,
  handler(ctx: OperationContext<LogsState>, input: CreateLogStreamCommandInput): Record<string, never> {
    const c = new Checks();
    checkGroupName(c, input.logGroupName);
    if (c.required(input.logStreamName, 'logStreamName')) {
      c.length(input.logStreamName, 'logStreamName', 1, 512);
      c.pattern(input.logStreamName, 'logStreamName', LOG_STREAM_NAME, LOG_STREAM_NAME_SRC);
    }
    c.throwIfAny();
    const group = ctx.state.groups[input.logGroupName!];
    if (!group) throw groupNotFound();
    if (group.streams[input.logStreamName!]) throw resourceAlreadyExists('The specified log stream already exists');
    group.streams[input.logStreamName!] = newStream(input.logStreamName!, ctx.config.now().getTime());
    return {};
  },
};

/**
 * Uploads a batch of events to a stream and runs the group's metric filters over the accepted ones. As on
 * AWS: at most 10,000 events and 1,048,576 bytes (messages plus 26 bytes each), in chronological order,
 * spanning at most 24 hours; events more than 2 hours ahead or 14 days (or the retention) behind are
 * rejected and reported in rejectedLogEventsInfo, the rest stored. The sequence token is ignored.
 */
export const putLogEvents: JsonOperation<LogsState> = {
  name: 'PutLogEvents',
  auth: 'sigv4',
  mutates: true,
  handler(ctx: OperationContext<LogsState>, input: PutLogEventsCommandInput): Out<PutLogEventsCommandOutput> {
    const c = new Checks();
    checkGroupName(c, input.logGroupName);
    if (c.required(input.logStreamName, 'logStreamName')) {
      c.length(input.logStreamName, 'logStreamName', 1, 512);
      c.pattern(input.logStreamName, 'logStreamName', LOG_STREAM_NAME, LOG_STREAM_NAME_SRC);
    }
    if (c.required(input.logEvents, 'logEvents')) {
      c.length(input.logEvents, 'logEvents', 1, MAX_BATCH_EVENTS);
      input.logEvents!.forEach((e, i) => {
        c.required(e?.timestamp, `logEvents.${i + 1}.member.timestamp`);
        if (c.required(e?.message, `logEvents.${i + 1}.member.message`)) c.length(e.message, `logEvents.${i + 1}.member.message`, 1, Infinity);
      });
    }
    c.throwIfAny();
    const group = ctx.state.groups[input.logGroupName!];
    if (!group) throw groupNotFound();
    const stream = group.streams[input.logStreamName!];
    if (!stream) throw streamNotFound();

    const events = input.logEvents!.map((e) => ({ t: e.timestamp!, m: e.message! }));
    const bytes = events.reduce((n, e) => n + Buffer.byteLength(e.m, 'utf8') + 26, 0);
    if (bytes > MAX_BATCH_BYTES) throw invalidParameter(`Upload too large: ${bytes} bytes exceeds limit of ${MAX_BATCH_BYTES}`);
    for (let i = 1; i < events.length; i++) {
      if (events[i]!.t < events[i - 1]!.t) throw invalidParameter('Log events in a single PutLogEvents request must be in chronological order.');
    }
    if (events.length && events[events.length - 1]!.t - events[0]!.t > DAY_MS) {
      throw invalidParameter('The batch of log events in a single PutLogEvents request cannot span more than 24 hours.');
    }

    const now = ctx.config.now().getTime();
    const retentionCutoff = group.retentionInDays ? now - group.retentionInDays * DAY_MS : -Infinity;
    let tooOldEnd = -1;
    let expiredEnd = -1;
    let tooNewStart = -1;
    events.forEach((e, i) => {
      if (e.t < now - PAST_MS) tooOldEnd = i;
      else if (e.t < retentionCutoff) expiredEnd = i;
      if (tooNewStart < 0 && e.t > now + FUTURE_MS) tooNewStart = i;
    });
    const accepted = events.filter((_, i) => i > Math.max(tooOldEnd, expiredEnd) && (tooNewStart < 0 || i < tooNewStart));
    ingest(ctx.root, group, stream, accepted, now);
    const seq = Number(stream.uploadSequenceToken.slice(-9)) + 1;
    stream.uploadSequenceToken = sequenceToken(seq);

    const rejected: NonNullable<PutLogEventsCommandOutput['rejectedLogEventsInfo']> = {};
    if (tooNewStart >= 0) rejected.tooNewLogEventStartIndex = tooNewStart;
    if (tooOldEnd >= 0) rejected.tooOldLogEventEndIndex = tooOldEnd;
    if (expiredEnd >= 0) rejected.expiredLogEventEndIndex = expiredEnd;
    return { nextSequenceToken: stream.uploadSequenceToken, ...(Object.keys(rejected).length ? { rejectedLogEventsInfo: rejected } : {}) };
  },
};

/**
 * Events of a log group in time order (then by stream and ingestion), optionally within [startTime, endTime]
 * (both inclusive, epoch ms), of some streams (by name or prefix), matching a filter pattern; `limit`
 * (1-10,000, default 10,000) a page, `nextToken` to resume. The sandbox keeps the last 10,000 events of
 * each stream.
 */
export const filterLogEvents: JsonOperation<LogsState> = {
  name: 'FilterLogEvents',
  auth: 'sigv4',
  mutates: false,
  handler(ctx: OperationContext<LogsState>, input: FilterLogEventsCommandInput): Out<FilterLogEventsCommandOutput> {
    const c = new Checks();
    if (input.logGroupName !== undefined) checkGroupName(c, input.logGroupName);
    c.length(input.logGroupIdentifier, 'logGroupIdentifier', 1, 2048);
    if (input.logStreamNames) {
      c.length(input.logStreamNames, 'logStreamNames', 1, 100);
      input.logStreamNames.forEach((n, i) => c.length(n, `logStreamNames.${i + 1}.member`, 1, 512));
    }
    c.length(input.logStreamNamePrefix, 'logStreamNamePrefix', 1, 512);
    c.range(input.startTime, 'startTime', 0, Infinity);
    c.range(input.endTime, 'endTime', 0, Infinity);
    c.length(input.filterPattern, 'filterPattern', 0, 1024);
    c.range(input.limit, 'limit', 1, MAX_BATCH_EVENTS);
    c.length(input.nextToken, 'nextToken', 1, Infinity);
    c.throwIfAny();
    if (input.logGroupName !== undefined && input.logGroupIdentifier !== undefined) {
      throw invalidParameter('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
    }
    if (input.logGroupName === undefined && input.logGroupIdentifier === undefined) {
      throw invalidParameter('Either logGroupName or logGroupIdentifier must be specified.');
    }
    if (input.logStreamNames !== undefined && input.logStreamNamePrefix !== undefined) {
      throw invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
    }
    const group = resolveGroup(ctx, input.logGroupName ?? input.logGroupIdentifier!);
    let pattern: ReturnType<typeof compiled> | undefined;
    if (input.filterPattern !== undefined) {
      try {
        pattern = compiled(input.filterPattern);
      } catch (e) {
        if (e instanceof PatternError) throw invalidParameter('Invalid filter pattern');
        throw e;
      }
    }
    const now = ctx.config.now().getTime();
    expire(group, now);
    const streams = Object.values(group.streams)
      .filter((s) => !input.logStreamNames || input.logStreamNames.includes(s.logStreamName))
      .filter((s) => input.logStreamNamePrefix === undefined || s.logStreamName.startsWith(input.logStreamNamePrefix));

    const fingerprint = createHash('sha256')
      .update(JSON.stringify([group.logGroupName, input.logStreamNames, input.logStreamNamePrefix, input.startTime, input.endTime, input.filterPattern]))
      .digest('hex')
      .slice(0, 16);
    const after = input.nextToken !== undefined ? decode(input.nextToken, fingerprint) : undefined;

    const events = streams
      .flatMap((s) => s.events.map((e) => ({ s: s.logStreamName, e })))
      .filter(({ e }) => (input.startTime === undefined || e.t >= input.startTime) && (input.endTime === undefined || e.t <= input.endTime))
      .filter(({ e }) => !pattern || pattern.match(e.m) !== undefined)
      .map(({ s, e }) => ({ s, e, key: `${String(e.t).padStart(16, '0')}\u0000${e.id}` }))
      .filter((x) => after === undefined || x.key > after)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const limit = input.limit ?? MAX_BATCH_EVENTS;
    const page = events.slice(0, limit);
    return {
      events: page.map(({ s, e }) => ({ logStreamName: s, timestamp: e.t, message: e.m, ingestionTime: e.i, eventId: e.id })),
      searchedLogStreams: streams.map((s) => ({ logStreamName: s.logStreamName, searchedCompletely: events.length <= limit })),
      ...(events.length > limit ? { nextToken: Buffer.from(JSON.stringify({ v: 1, f: fingerprint, k: page[page.length - 1]!.key })).toString('base64url') } : {}),
    };
  },
};

/** A log group by name or ARN (`arn:aws:logs:<region>:<account>:log-group:<name>`, with or without `:*`). */
function resolveGroup(ctx: OperationContext<LogsState>, identifier: string): LogGroup {
  let name = identifier;
  const m = /^arn:aws[a-z-]*:logs:([^:]*):(\d{12}):log-group:(.+?)(?::\*)?$/.exec(identifier);
  if (m) {
    if (m[1] !== ctx.config.region || m[2] !== ctx.config.account) throw groupNotFound();
    name = m[3]!;
  }
  const group = ctx.state.groups[name];
  if (!group) throw groupNotFound();
  return group;
}

function decode(token: string, fingerprint: string): string {
  try {
    const d = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { v?: number; f?: string; k?: string };
    if (d.v === 1 && d.f === fingerprint && typeof d.k === 'string') return d.k;
  } catch {
    /* fall through */
  }
  throw invalidParameter('The specified nextToken is invalid.');
}
