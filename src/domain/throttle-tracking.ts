import type { Dimension } from '@aws-sdk/client-cloudwatch';
import type { ApiType } from './api.js';

/**
 * Counting 429s. API Gateway publishes no metric for throttled requests (they are inside 4XXError / 4xx), so
 * a stage counts them only if its access logs go to a CloudWatch Logs log group in JSON that carries
 * `$context.status`, and a metric filter on that group turns `status = 429` into a metric. With
 * `$context.identity.apiKeyId` in the format (REST and WebSocket APIs have API keys), a second filter counts
 * them per key. This module reads a stage's setup, says what is missing, and plans exactly what to change.
 */
export const THROTTLE_NAMESPACE = 'GatewayConsole/429';
export const THROTTLE_METRIC = 'ThrottledRequests';

export const CONTEXT = {
  requestId: '$context.requestId',
  apiId: '$context.apiId',
  stage: '$context.stage',
  status: '$context.status',
  apiKeyId: '$context.identity.apiKeyId',
} as const;

export interface AccessLog {
  destinationArn?: string;
  format?: string;
}

export interface MetricFilterInfo {
  filterName: string;
  filterPattern: string;
  transformations: { metricNamespace: string; metricName: string; metricValue: string; dimensions?: Record<string, string>; unit?: string }[];
}

/** What the console read about a stage's 429 counting: the inputs of every decision here. */
export interface TrackingSnapshot {
  accessLog?: AccessLog;
  /** The log group the access logs go to, or would go to once set up. */
  logGroup: { name: string; exists: boolean };
  /** Metric filters of that log group. */
  filters: MetricFilterInfo[];
  /** The AWS account, for a log group ARN; from the stage's destination, the account's CloudWatch role or a log group. */
  accountId?: string;
  /** The account's CloudWatch Logs role (GetAccount): REST and WebSocket APIs cannot write access logs without it. */
  cloudWatchRoleArn?: string;
}

export interface StageIdentity {
  apiType: ApiType;
  apiId: string;
  stageName: string;
  region: string;
}

// ---- access log formats ---------------------------------------------------------------------------------------

export type ParsedFormat = { kind: 'none' } | { kind: 'json'; fields: Record<string, string> } | { kind: 'other' };

/**
 * Reads an access log format. JSON formats are flattened to `path -> value` (`a.b` for nested keys); formats
 * that write a variable unquoted (`"status":$context.status`, valid JSON only once filled in) are read too.
 */
export function parseAccessLogFormat(format: string | undefined): ParsedFormat {
  if (!format || !format.trim()) return { kind: 'none' };
  const attempt = (text: string): Record<string, string> | undefined => {
    try {
      const v = JSON.parse(text) as unknown;
      if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
      const fields: Record<string, string> = {};
      const walk = (o: Record<string, unknown>, prefix: string) => {
        for (const [k, x] of Object.entries(o)) {
          const path = prefix ? `${prefix}.${k}` : k;
          if (typeof x === 'string') fields[path] = x.trim();
          else if (x && typeof x === 'object' && !Array.isArray(x)) walk(x as Record<string, unknown>, path);
        }
      };
      walk(v as Record<string, unknown>, '');
      return fields;
    } catch {
      return undefined;
    }
  };
  const fields = attempt(format) ?? attempt(format.replace(/(:\s*)(\$context\.[A-Za-z0-9_.]+)(?=\s*[,}])/g, '$1"$2"'));
  return fields ? { kind: 'json', fields } : { kind: 'other' };
}

/** The JSON path a format writes a variable at, if a metric filter can name it (`$.path`). */
export function pathOf(parsed: ParsedFormat, variable: string): string | undefined {
  if (parsed.kind !== 'json') return undefined;
  return Object.entries(parsed.fields).find(([path, v]) => v === variable && /^[A-Za-z0-9_@-]+(\.[A-Za-z0-9_@-]+)*$/.test(path))?.[0];
}

const DEFAULT_FIELDS: Record<ApiType, Record<string, string>> = {
  REST: {
    requestId: CONTEXT.requestId,
    apiId: CONTEXT.apiId,
    stage: CONTEXT.stage,
    status: CONTEXT.status,
    apiKeyId: CONTEXT.apiKeyId,
    ip: '$context.identity.sourceIp',
    requestTime: '$context.requestTime',
    httpMethod: '$context.httpMethod',
    resourcePath: '$context.resourcePath',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
  },
  HTTP: {
    requestId: CONTEXT.requestId,
    apiId: CONTEXT.apiId,
    stage: CONTEXT.stage,
    status: CONTEXT.status,
    ip: '$context.identity.sourceIp',
    requestTime: '$context.requestTime',
    httpMethod: '$context.httpMethod',
    routeKey: '$context.routeKey',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
  },
  WEBSOCKET: {
    requestId: CONTEXT.requestId,
    apiId: CONTEXT.apiId,
    stage: CONTEXT.stage,
    status: CONTEXT.status,
    apiKeyId: CONTEXT.apiKeyId,
    connectionId: '$context.connectionId',
    eventType: '$context.eventType',
    routeKey: '$context.routeKey',
    requestTime: '$context.requestTime',
  },
};

/** The JSON access log format the console sets up when a stage has none it can use. */
export function defaultAccessLogFormat(type: ApiType): string {
  return JSON.stringify(DEFAULT_FIELDS[type]);
}

/** HTTP APIs have no API keys, so only REST and WebSocket stages count 429s per key. */
export function countsPerKey(type: ApiType): boolean {
  return type !== 'HTTP';
}

/** The variables 429 counting needs in the format, by the key the console adds them under. */
function neededVariables(type: ApiType): [string, string][] {
  const out: [string, string][] = [
    ['requestId', CONTEXT.requestId],
    ['apiId', CONTEXT.apiId],
    ['stage', CONTEXT.stage],
    ['status', CONTEXT.status],
  ];
  if (countsPerKey(type)) out.push(['apiKeyId', CONTEXT.apiKeyId]);
  return out;
}

/**
 * The format with what 429 counting needs: a JSON format keeps its text and gains the missing fields at its
 * end (so whatever reads these logs keeps working); no format or a non-JSON one becomes the default format.
 */
export function formatWithTracking(type: ApiType, format: string | undefined): { format: string; replaced: boolean } {
  const parsed = parseAccessLogFormat(format);
  if (parsed.kind !== 'json') return { format: defaultAccessLogFormat(type), replaced: parsed.kind === 'other' };
  const taken = new Set(Object.keys(parsed.fields));
  const additions: string[] = [];
  for (const [key, variable] of neededVariables(type)) {
    if (pathOf(parsed, variable)) continue;
    let name = key;
    for (let i = 2; taken.has(name); i++) name = `${key}${i}`;
    taken.add(name);
    additions.push(`${JSON.stringify(name)}:${JSON.stringify(variable)}`);
  }
  if (!additions.length) return { format: format!, replaced: false };
  const text = format!.replace(/\s+$/, '');
  const body = text.slice(0, -1);
  const empty = /^\{\s*$/.test(body);
  return { format: `${body}${empty ? '' : ','}${additions.join(',')}}`, replaced: false };
}

// ---- log groups -----------------------------------------------------------------------------------------------

const LOG_GROUP_ARN = /^arn:aws[a-z-]*:logs:([a-z0-9-]+):(\d{12}):log-group:([.\-_/#A-Za-z0-9]+?)(:\*)?$/;

export function parseLogGroupArn(arn: string | undefined): { region: string; accountId: string; name: string } | undefined {
  const m = arn ? LOG_GROUP_ARN.exec(arn) : null;
  return m ? { region: m[1]!, accountId: m[2]!, name: m[3]! } : undefined;
}

export function accountIdOfArn(arn: string | undefined): string | undefined {
  const parts = arn?.split(':');
  return parts && parts.length > 5 && /^\d{12}$/.test(parts[4]!) ? parts[4] : undefined;
}

/** Where the console sends a stage's access logs when it has none: one group per stage. */
export function defaultLogGroupName(apiId: string, stageName: string): string {
  return `/aws/apigateway/access-logs/${apiId}/${stageName.replace(/[^.\-_/#A-Za-z0-9]/g, '_')}`;
}

/** The log group a stage logs to, or the one it would log to once set up. */
export function targetLogGroup(stage: StageIdentity, accessLog: AccessLog | undefined): string {
  return parseLogGroupArn(accessLog?.destinationArn)?.name ?? defaultLogGroupName(stage.apiId, stage.stageName);
}

export const filterNames = (stage: StageIdentity) => ({
  total: `gateway-console-429-${stage.apiId}-${stage.stageName}`,
  perKey: `gateway-console-429-by-key-${stage.apiId}-${stage.stageName}`,
});

// ---- metric filters -------------------------------------------------------------------------------------------

/** Whether a filter pattern counts `status = 429` at this path (spacing and quoting aside, no OR). */
export function counts429(pattern: string, statusPath: string): boolean {
  const p = pattern.replace(/\s+/g, '').replace(/"429"/g, '429');
  if (!p.startsWith('{') || p.includes('||')) return false;
  const field = `$.${statusPath}`;
  const i = p.indexOf(`${field}=429`);
  if (i < 0) return false;
  const after = p[i + field.length + 4];
  return after === undefined || after === '}' || after === '&' || after === ')';
}

/** A metric a filter publishes, with each dimension's field resolved against this stage where it can be. */
export interface ThrottleMetric {
  filterName: string;
  namespace: string;
  metricName: string;
  /** Dimensions with a fixed value for this stage (ApiId, Stage). */
  dimensions: Dimension[];
  /** The dimension that carries the API key id, when the filter counts per key. */
  keyDimension?: string;
  /** Dimensions whose field the console cannot resolve: their series are found by ListMetrics. */
  unresolved: string[];
}

function metricOf(filter: MetricFilterInfo, parsed: ParsedFormat, stage: StageIdentity): ThrottleMetric | undefined {
  const t = filter.transformations[0];
  if (!t) return undefined;
  const variableAt = (ref: string) => (parsed.kind === 'json' && ref.startsWith('$.') ? parsed.fields[ref.slice(2)] : undefined);
  const dimensions: Dimension[] = [];
  const unresolved: string[] = [];
  let keyDimension: string | undefined;
  for (const [name, ref] of Object.entries(t.dimensions ?? {})) {
    const v = variableAt(ref);
    if (v === CONTEXT.apiId) dimensions.push({ Name: name, Value: stage.apiId });
    else if (v === CONTEXT.stage) dimensions.push({ Name: name, Value: stage.stageName });
    else if (v === CONTEXT.apiKeyId) keyDimension = name;
    else unresolved.push(name);
  }
  return { filterName: filter.filterName, namespace: t.metricNamespace, metricName: t.metricName, dimensions, keyDimension, unresolved };
}

// ---- assessment and plan --------------------------------------------------------------------------------------

export interface Check {
  label: string;
  state: 'ok' | 'missing' | 'not-applicable';
  detail: string;
}

export interface PlannedCall {
  operation: 'CreateLogGroup' | 'UpdateStage' | 'PutMetricFilter' | 'DeleteMetricFilter' | 'DeleteAccessLogSettings';
  input: Record<string, unknown>;
}

export interface PlannedChange {
  label: string;
  before?: string;
  after?: string;
  note?: string;
}

export interface SetupPlan {
  logGroupName: string;
  destinationArn: string;
  format: string;
  calls: PlannedCall[];
  changes: PlannedChange[];
}

export interface Assessment {
  checks: Check[];
  /** Access logs in JSON with the status to a log group, and a filter counting 429s: the total can be charted. */
  counting: boolean;
  total?: ThrottleMetric;
  perKey?: ThrottleMetric;
  /** Why the console cannot set this up itself. */
  blockers: string[];
  /** What the console would change; absent when nothing is missing or something blocks it. */
  plan?: SetupPlan;
}

export function assessTracking(stage: StageIdentity, snap: TrackingSnapshot): Assessment {
  const dest = snap.accessLog?.destinationArn;
  const group = parseLogGroupArn(dest);
  const parsed = parseAccessLogFormat(snap.accessLog?.format);
  const statusPath = pathOf(parsed, CONTEXT.status);
  const keyPath = pathOf(parsed, CONTEXT.apiKeyId);
  const perKeyApplies = countsPerKey(stage.apiType);

  let total: ThrottleMetric | undefined;
  let perKey: ThrottleMetric | undefined;
  if (group && snap.logGroup.exists && statusPath) {
    for (const f of snap.filters) {
      if (!counts429(f.filterPattern, statusPath)) continue;
      const m = metricOf(f, parsed, stage);
      if (!m) continue;
      if (m.keyDimension) perKey ??= m;
      else total ??= m;
    }
  }

  const checks: Check[] = [
    {
      label: 'Access logging to CloudWatch Logs',
      state: group ? 'ok' : 'missing',
      detail: group ? `to log group ${group.name}${snap.logGroup.exists ? '' : ' (which does not exist: nothing is delivered)'}` : dest ? `to ${dest}, not a log group` : 'access logging is off',
    },
    {
      label: 'JSON format with $context.status',
      state: statusPath ? 'ok' : 'missing',
      detail: statusPath ? `status at $.${statusPath}` : parsed.kind === 'none' ? 'no format' : parsed.kind === 'other' ? 'the format is not JSON' : 'the format has no $context.status',
    },
    {
      label: 'API key id in the format',
      state: !perKeyApplies ? 'not-applicable' : keyPath ? 'ok' : 'missing',
      detail: !perKeyApplies ? 'HTTP APIs have no API keys' : keyPath ? `$context.identity.apiKeyId at $.${keyPath}` : 'no $context.identity.apiKeyId',
    },
    {
      label: 'Metric filter counting 429s',
      state: total ? 'ok' : 'missing',
      detail: total ? `${total.filterName} → ${total.namespace} ${total.metricName}` : 'none on this log group',
    },
    {
      label: 'Metric filter counting 429s per API key',
      state: !perKeyApplies ? 'not-applicable' : perKey ? 'ok' : 'missing',
      detail: !perKeyApplies ? 'HTTP APIs have no API keys' : perKey ? `${perKey.filterName} → ${perKey.namespace} ${perKey.metricName} by ${perKey.keyDimension}` : 'none on this log group',
    },
  ];

  const counting = !!total;
  const complete = counting && (!perKeyApplies || !!perKey);
  const blockers: string[] = [];
  if (dest && !group) {
    blockers.push(`Access logs go to ${dest}, which is not a CloudWatch Logs log group: a metric filter cannot read them. Count 429s where that stream is delivered, or switch the stage's access logs to a log group.`);
  }
  const accountId = group?.accountId ?? snap.accountId;
  if (!complete && !accountId) blockers.push('The console could not tell the AWS account id, which the log group ARN needs.');
  if (!complete && !dest && stage.apiType !== 'HTTP' && !snap.cloudWatchRoleArn) {
    blockers.push(
      'API Gateway writes REST and WebSocket access logs with the account’s CloudWatch Logs role, and this account has none (GetAccount cloudwatchRoleArn). An admin sets it once per region (UpdateAccount); then set up 429 counting here.',
    );
  }
  if (complete || blockers.length) return { checks, counting, total, perKey, blockers };
  return { checks, counting, total, perKey, blockers, plan: planSetup(stage, snap, accountId!, total, perKey) };
}

function planSetup(stage: StageIdentity, snap: TrackingSnapshot, accountId: string, total: ThrottleMetric | undefined, perKey: ThrottleMetric | undefined): SetupPlan {
  const before = snap.accessLog;
  const logGroupName = targetLogGroup(stage, before);
  const destinationArn = before?.destinationArn ?? `arn:aws:logs:${stage.region}:${accountId}:log-group:${logGroupName}`;
  const { format, replaced } = formatWithTracking(stage.apiType, before?.format);
  const parsed = parseAccessLogFormat(format);
  const path = (v: string) => pathOf(parsed, v)!;
  const names = filterNames(stage);

  const calls: PlannedCall[] = [];
  const changes: PlannedChange[] = [];
  if (!snap.logGroup.exists) {
    calls.push({ operation: 'CreateLogGroup', input: { logGroupName } });
    changes.push({ label: 'Log group', before: undefined, after: `${logGroupName} (created)` });
  }

  const destChanged = before?.destinationArn !== destinationArn;
  const formatChanged = before?.format !== format;
  if (destChanged || formatChanged) {
    if (stage.apiType === 'REST') {
      const patchOperations = [
        ...(destChanged ? [{ op: 'replace', path: '/accessLogSettings/destinationArn', value: destinationArn }] : []),
        ...(formatChanged ? [{ op: 'replace', path: '/accessLogSettings/format', value: format }] : []),
      ];
      calls.push({ operation: 'UpdateStage', input: { restApiId: stage.apiId, stageName: stage.stageName, patchOperations } });
    } else {
      calls.push({ operation: 'UpdateStage', input: { ApiId: stage.apiId, StageName: stage.stageName, AccessLogSettings: { DestinationArn: destinationArn, Format: format } } });
    }
    if (destChanged) changes.push({ label: 'Access log destination', before: before?.destinationArn, after: destinationArn });
    if (formatChanged) {
      changes.push({
        label: 'Access log format',
        before: before?.format,
        after: format,
        note: replaced
          ? 'The current format is not JSON and is replaced: anything that reads these logs in the old format must change.'
          : before?.format
            ? 'The current fields stay as they are; the fields 429 counting needs are added at the end.'
            : undefined,
      });
    }
  }

  const dims = (withKey: boolean) => ({
    ApiId: `$.${path(CONTEXT.apiId)}`,
    Stage: `$.${path(CONTEXT.stage)}`,
    ...(withKey ? { ApiKeyId: `$.${path(CONTEXT.apiKeyId)}` } : {}),
  });
  const filter = (filterName: string, filterPattern: string, withKey: boolean) => ({
    logGroupName,
    filterName,
    filterPattern,
    metricTransformations: [{ metricNamespace: THROTTLE_NAMESPACE, metricName: THROTTLE_METRIC, metricValue: '1', unit: 'Count', dimensions: dims(withKey) }],
  });
  const status = `$.${path(CONTEXT.status)}`;
  const describe = (f: ReturnType<typeof filter>) =>
    `${f.filterPattern} → ${THROTTLE_NAMESPACE} ${THROTTLE_METRIC} by ${Object.keys(f.metricTransformations[0]!.dimensions).join(', ')}`;
  if (!total) {
    const f = filter(names.total, `{ ${status} = 429 }`, false);
    calls.push({ operation: 'PutMetricFilter', input: f });
    changes.push({ label: `Metric filter ${f.filterName}`, after: describe(f) });
  }
  if (countsPerKey(stage.apiType) && !perKey) {
    // Requests without a key log "-": leave them out of the per-key series (the total has them).
    const f = filter(names.perKey, `{ ${status} = 429 && $.${path(CONTEXT.apiKeyId)} != "-" }`, true);
    calls.push({ operation: 'PutMetricFilter', input: f });
    changes.push({ label: `Metric filter ${f.filterName}`, after: describe(f) });
  }
  return { logGroupName, destinationArn, format, calls, changes };
}

/** The same plan from a fresh read: anything else means the setup changed underneath since the preview. */
export function samePlan(a: SetupPlan | undefined, b: SetupPlan | undefined): boolean {
  return JSON.stringify(a?.calls) === JSON.stringify(b?.calls);
}
