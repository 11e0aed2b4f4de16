import type { PatchOperation } from '@aws-sdk/client-api-gateway';
import {
  badRequest,
  cloudWatchRoleMissing,
  deploymentIdMissing,
  invalidAccessLogPath,
  invalidCopy,
  invalidMethodSettingPath,
  invalidOpForPath,
  invalidStagePath,
  noMethodSetting,
  notFound,
} from '../errors.js';
import { epochSeconds, type StoreEnv } from './env.js';
import { checkPatchOps, patchBoolean, unescapePointer } from './patch.js';
import { getRestApiRecord } from './rest-apis.js';
import { checkCacheSize, getStageRecord, newMethodSetting, setCacheCluster } from './stages.js';
import { canaryRecord, checkPercentTraffic, checkVariable, percentTrafficError } from './stage-values.js';
import type { ApiGatewayState, MethodSettingRecord, RestApiRecord, StageRecord } from './types.js';

/**
 * UpdateStage: JSON-Patch operations on a stage, as AWS reads them. Every operation is applied to a copy,
 * in order; the first one AWS would refuse fails the call and the stage stays as it was.
 *
 * How AWS reads a path (recordings in ../../../../../shared/aws-recordings and the canary recordings of
 * the same origin, cited in COVERAGE.md):
 * - named paths: /deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId,
 *   /tracingEnabled, /variables/{name}, /accessLogSettings[/destinationArn|/format], /canarySettings/...;
 * - anything else ending in a setting is a method setting `/{resourcePath}/{httpMethod}/{area}/{setting}`,
 *   the resource path with its slashes either escaped (`/~1pets~1{petId}/DELETE/...`, the documented form)
 *   or not (`/pets/{petId}/DELETE/...`, what Terraform sends), or `/*` `/*` for the whole stage. AWS does
 *   not check that the method exists (recorded: `/test/GET/...` on an API without `/test` succeeds). A
 *   first mention of a method starts from the stage's `*` `/*` entry as it is at that moment;
 * - `remove` of anything not removable by name is the removal of the method setting the rest of the path
 *   names (`/~1pets/GET`, `/*` `/*`), failing when there is none, even for `/accessLogSettings/format`.
 */
export function updateStage(
  state: ApiGatewayState,
  restApiId: string,
  stageName: string,
  ops: PatchOperation[] | undefined,
  env: StoreEnv,
): StageRecord {
  const api = getRestApiRecord(state, env, restApiId);
  const current = getStageRecord(state, env, restApiId, stageName);
  const patchOps = checkPatchOps(ops, 'updateStageInput');
  const next = structuredClone(current);
  const ctx: PatchContext = { api, state, stage: next };
  for (const op of patchOps) applyOperation(ctx, op);
  next.lastUpdatedDate = epochSeconds(env.now);
  api.stages[stageName] = next;
  return next;
}

interface PatchContext {
  api: RestApiRecord;
  state: ApiGatewayState;
  stage: StageRecord;
}

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const LOGGING_LEVELS = ['OFF', 'ERROR', 'INFO'];
const CACHE_CONTROL_STRATEGIES = ['FAIL_WITH_403', 'SUCCEED_WITH_RESPONSE_HEADER', 'SUCCEED_WITHOUT_RESPONSE_HEADER'];
const MAX_TTL = 3600;
const INT_MAX = 2 ** 31 - 1;
// A CloudWatch Logs log group (without the `:*` DescribeLogGroups appends) or a Firehose stream named amazon-apigateway-*.
const LOG_GROUP_ARN = /^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:[A-Za-z0-9_\-./#]{1,512}$/;
const FIREHOSE_ARN = /^arn:aws[a-z-]*:firehose:[a-z0-9-]+:\d{12}:deliverystream\/amazon-apigateway-[A-Za-z0-9_.-]{1,46}$/;

function applyOperation(ctx: PatchContext, p: PatchOperation): void {
  const op = p.op ?? '';
  const path = p.path ?? '';
  if (op === 'copy') return applyCopy(ctx, path, p.from ?? '');
  if (op === 'move' || op === 'test') throw invalidOpForPath(op, path);
  if (op === 'remove') return applyRemove(ctx, path);
  // add and replace
  const s = ctx.stage;
  const value = p.value;
  switch (path) {
    case '/deploymentId':
      if (value === undefined || !ctx.api.deployments[value]) throw deploymentIdMissing();
      s.deploymentId = value;
      return;
    case '/description':
      if (value) s.description = value;
      else delete s.description;
      return;
    case '/cacheClusterEnabled':
      setCacheCluster(s, patchBoolean(value));
      return;
    case '/cacheClusterSize':
      checkCacheSize(value ?? '');
      s.cacheClusterSize = value!;
      return;
    case '/clientCertificateId':
      // No client certificates exist in the sandbox: only clearing the field can succeed.
      if (value) throw notFound('Invalid Client Certificate identifier specified');
      delete s.clientCertificateId;
      return;
    case '/tracingEnabled':
      s.tracingEnabled = patchBoolean(value);
      return;
    case '/accessLogSettings/destinationArn':
    case '/accessLogSettings/format':
      return setAccessLog(ctx, path === '/accessLogSettings/format' ? 'format' : 'destinationArn', value);
  }
  if (path === '/accessLogSettings' || path.startsWith('/accessLogSettings/')) throw invalidAccessLogPath();
  if (path.startsWith('/variables/')) {
    const name = unescapePointer(path.slice('/variables/'.length));
    checkVariable(name, value);
    s.variables = { ...(s.variables ?? {}), [name]: value! };
    return;
  }
  if (path.startsWith('/canarySettings/')) return setCanary(ctx, op, path, value);
  setMethodSettingPath(ctx, path, value);
}

/** `copy` promotes a canary: its deployment to the stage's, its overrides into the stage's variables (recorded). */
function applyCopy(ctx: PatchContext, path: string, from: string): void {
  if (!['/deploymentId', '/variables'].includes(path) || !['/canarySettings/deploymentId', '/canarySettings/stageVariableOverrides'].includes(from)) {
    throw invalidCopy(path, from);
  }
  const canary = ctx.stage.canarySettings;
  if (!canary) throw badRequest('Promotion not available. Canary does not exist.');
  if (path === '/deploymentId') ctx.stage.deploymentId = canary.deploymentId;
  else if (canary.stageVariableOverrides) ctx.stage.variables = { ...(ctx.stage.variables ?? {}), ...canary.stageVariableOverrides };
}

function applyRemove(ctx: PatchContext, path: string): void {
  const s = ctx.stage;
  if (path === '/accessLogSettings') {
    delete s.accessLogSettings;
    return;
  }
  if (path === '/canarySettings') {
    delete s.canarySettings;
    return;
  }
  if (path.startsWith('/variables/')) {
    const name = unescapePointer(path.slice('/variables/'.length));
    if (s.variables && name in s.variables) {
      const { [name]: _removed, ...rest } = s.variables;
      if (Object.keys(rest).length) s.variables = rest;
      else delete s.variables;
    }
    return;
  }
  const override = /^\/canarySettings\/stageVariableOverrides\/(.+)$/.exec(path);
  if (override) {
    const name = unescapePointer(override[1]!);
    const overrides = s.canarySettings?.stageVariableOverrides;
    if (overrides && name in overrides) {
      const { [name]: _removed, ...rest } = overrides;
      if (Object.keys(rest).length) s.canarySettings!.stageVariableOverrides = rest;
      else delete s.canarySettings!.stageVariableOverrides;
    }
    return;
  }
  const raw = path.replace(/^\//, '');
  const target = methodTarget(raw.split('/'));
  if (!target || !s.methodSettings[target]) throw noMethodSetting(raw);
  delete s.methodSettings[target];
}

function setAccessLog(ctx: PatchContext, field: 'destinationArn' | 'format', value: string | undefined): void {
  if (!value) throw badRequest('Access Log value must not be empty');
  if (field === 'destinationArn') {
    requireCloudWatchRole(ctx);
    if (!LOG_GROUP_ARN.test(value) && !FIREHOSE_ARN.test(value)) {
      throw badRequest(
        `Invalid destination ARN specified: ${value}. Must be the ARN of a CloudWatch Logs log group or of a Kinesis Data Firehose delivery stream whose name starts with amazon-apigateway-`,
      );
    }
  } else {
    const newline = value.indexOf('\n');
    if (newline >= 0 && newline < value.length - 1) {
      throw badRequest('Access Log format must be single line, new line character is allowed only at end of the format');
    }
    if (!/\$context\.(requestId|extendedRequestId)\b/.test(value)) {
      throw badRequest('Access Log format must include at least $context.requestId or $context.extendedRequestId');
    }
  }
  ctx.stage.accessLogSettings = { ...(ctx.stage.accessLogSettings ?? {}), [field]: value };
}

function requireCloudWatchRole(ctx: PatchContext): void {
  if (!ctx.state.account?.cloudwatchRoleArn) throw cloudWatchRoleMissing();
}

/**
 * Canary paths. A stage without a canary gets one on the first change, serving the stage's own
 * deployment with 0 % of the traffic (recorded). Only the overrides take `add`.
 */
function setCanary(ctx: PatchContext, op: string, path: string, value: string | undefined): void {
  const s = ctx.stage;
  const override = /^\/canarySettings\/stageVariableOverrides\/(.+)$/.exec(path);
  const known = override || ['/canarySettings/percentTraffic', '/canarySettings/deploymentId', '/canarySettings/useStageCache'].includes(path);
  if (!known) throw invalidStagePath(path);
  if (op === 'add' && !override) throw invalidOpForPath(op, path);
  let percentTraffic: number | undefined;
  if (path === '/canarySettings/percentTraffic') {
    percentTraffic = value !== undefined && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value) ? Number(value) : NaN;
    if (Number.isNaN(percentTraffic)) throw percentTrafficError();
    checkPercentTraffic(percentTraffic);
  }
  if (path === '/canarySettings/deploymentId' && (value === undefined || !ctx.api.deployments[value])) throw deploymentIdMissing();
  if (override) checkVariable(unescapePointer(override[1]!), value);

  const canary = (s.canarySettings ??= canaryRecord({}, s.deploymentId));
  if (percentTraffic !== undefined) canary.percentTraffic = percentTraffic;
  else if (path === '/canarySettings/deploymentId') canary.deploymentId = value!;
  else if (path === '/canarySettings/useStageCache') canary.useStageCache = patchBoolean(value);
  else if (override) canary.stageVariableOverrides = { ...(canary.stageVariableOverrides ?? {}), [unescapePointer(override[1]!)]: value! };
}

/**
 * The methodSettings key a path names, from its end: the last segment is the HTTP method, the rest the
 * resource path (`~1` unescaped, leading slash dropped: `pets/GET`, `pets/{petId}/DELETE`, `/GET` for the
 * root). Only `*` with `*` may be a wildcard, and `ANY` is refused: users report AWS rejecting every
 * `.../ANY/...` setting path with the unknown-path message.
 */
function methodTarget(segments: string[]): string | undefined {
  if (segments.length < 2) return undefined;
  const method = segments[segments.length - 1]!;
  const resourcePath = unescapePointer(segments.slice(0, -1).join('/'));
  if (resourcePath === '*' && method === '*') return '*/*';
  if (resourcePath.includes('*') || !HTTP_METHODS.includes(method)) return undefined;
  return `${resourcePath.replace(/^\//, '')}/${method}`;
}

type SettingParser = (value: string | undefined, ctx: PatchContext) => Partial<MethodSettingRecord>;

const bool =
  (field: keyof MethodSettingRecord): SettingParser =>
  (value) => ({ [field]: patchBoolean(value) });

const SETTINGS: Record<string, SettingParser> = {
  'metrics/enabled': bool('metricsEnabled'),
  'logging/dataTrace': (value, ctx) => {
    const on = patchBoolean(value);
    if (on) requireCloudWatchRole(ctx);
    return { dataTraceEnabled: on };
  },
  'logging/loglevel': (value, ctx) => {
    if (value === undefined || !LOGGING_LEVELS.includes(value)) {
      throw badRequest(`Invalid logging level specified: ${value ?? 'null'}. Valid values are ${LOGGING_LEVELS.join(', ')}`);
    }
    if (value !== 'OFF') requireCloudWatchRole(ctx);
    return { loggingLevel: value };
  },
  'throttling/burstLimit': (value) => {
    const n = value !== undefined && /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
    // -1 turns throttling off (what Terraform sends when unset).
    if (!Number.isInteger(n) || n < -1 || n > INT_MAX) {
      throw badRequest(`Invalid throttling burst limit value: ${value ?? 'null'}. Must be an integer greater than or equal to -1`);
    }
    return { throttlingBurstLimit: n };
  },
  'throttling/rateLimit': (value) => {
    const n = value !== undefined && /^\s*-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value) ? Number(value) : NaN;
    if (!Number.isFinite(n) || n < -1) {
      throw badRequest(`Invalid throttling rate limit value: ${value ?? 'null'}. Must be a number greater than or equal to -1`);
    }
    return { throttlingRateLimit: n };
  },
  'caching/enabled': bool('cachingEnabled'),
  'caching/ttlInSeconds': (value) => {
    const n = value !== undefined && /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(n) || n < 0 || n > MAX_TTL) throw badRequest('Invalid time-to-live setting, must be an integer no greater than 3600');
    return { cacheTtlInSeconds: n };
  },
  'caching/dataEncrypted': bool('cacheDataEncrypted'),
  'caching/requireAuthorizationForCacheControl': bool('requireAuthorizationForCacheControl'),
  'caching/unauthorizedCacheControlHeaderStrategy': (value) => {
    if (value === undefined || !CACHE_CONTROL_STRATEGIES.includes(value)) {
      throw badRequest(
        `Invalid unauthorized cache control header strategy specified: ${value ?? 'null'}. Valid values are ${CACHE_CONTROL_STRATEGIES.join(', ')}`,
      );
    }
    return { unauthorizedCacheControlHeaderStrategy: value };
  },
};

function setMethodSettingPath(ctx: PatchContext, path: string, value: string | undefined): void {
  const segments = path.replace(/^\//, '').split('/');
  // `{resourcePath}/{httpMethod}/{area}/{setting}`: at least four segments, the resource path possibly more.
  const target = segments.length >= 4 ? methodTarget(segments.slice(0, -2)) : undefined;
  if (!target) throw invalidStagePath(path);
  const setting = segments.slice(-2).join('/');
  const parse = SETTINGS[setting];
  if (!parse) throw invalidMethodSettingPath(setting);
  const fields = parse(value, ctx);
  const settings = ctx.stage.methodSettings;
  settings[target] ??= newMethodSetting(ctx.stage);
  Object.assign(settings[target], fields);
}
