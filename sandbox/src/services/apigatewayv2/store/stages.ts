import type { CreateStageCommandInput, RouteSettings, UpdateStageCommandInput } from '@aws-sdk/client-apigatewayv2';
import {
  autoDeployStage,
  badRequest,
  deploymentNotFound,
  executionLogsNotSupported,
  invalidStageVariableName,
  invalidStageVariableValue,
  routeSettingsKeyNotFound,
  routeSettingsNotFound,
  stageExists,
  stageNotFound,
} from '../errors.js';
import { deployStage } from './deployments.js';
import {
  compact,
  isoNow,
  paginate,
  requireApi,
  type ApiEntry,
  type Page,
  type RouteSettingsWire,
  type StageWire,
  type StoreEnv,
  type V2State,
} from './model.js';

const LOGGING_LEVELS = ['ERROR', 'INFO', 'OFF'];
const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * What GetStage shows before anything is set: HTTP APIs report only DetailedMetricsEnabled (no throttling
 * member until one is set); WebSocket APIs also report execution logging off.
 */
export function defaultRouteSettingsFor(protocolType: string | undefined): RouteSettingsWire {
  return protocolType === 'WEBSOCKET'
    ? { dataTraceEnabled: false, detailedMetricsEnabled: false, loggingLevel: 'OFF' }
    : { detailedMetricsEnabled: false };
}

/** Validates one RouteSettings (default or per route) for the API's protocol and returns its wire form. */
export function checkRouteSettings(protocolType: string | undefined, rs: RouteSettings | undefined): RouteSettingsWire {
  if (!rs) return {};
  if (protocolType !== 'WEBSOCKET' && (rs.LoggingLevel !== undefined || rs.DataTraceEnabled !== undefined)) {
    throw executionLogsNotSupported();
  }
  if (rs.LoggingLevel !== undefined && !LOGGING_LEVELS.includes(rs.LoggingLevel)) {
    throw badRequest(`Invalid logging level specified: ${rs.LoggingLevel}. Must be one of [${LOGGING_LEVELS.join(', ')}]`);
  }
  if (rs.ThrottlingBurstLimit !== undefined && (!Number.isInteger(rs.ThrottlingBurstLimit) || rs.ThrottlingBurstLimit < 0)) {
    throw badRequest(`Invalid throttling burst limit specified: ${rs.ThrottlingBurstLimit}. It must be a non-negative integer.`);
  }
  if (rs.ThrottlingRateLimit !== undefined && (!Number.isFinite(rs.ThrottlingRateLimit) || rs.ThrottlingRateLimit < 0)) {
    throw badRequest(`Invalid throttling rate limit specified: ${rs.ThrottlingRateLimit}. It must be a non-negative number.`);
  }
  return compact({
    dataTraceEnabled: rs.DataTraceEnabled,
    detailedMetricsEnabled: rs.DetailedMetricsEnabled,
    loggingLevel: rs.LoggingLevel,
    throttlingBurstLimit: rs.ThrottlingBurstLimit,
    throttlingRateLimit: rs.ThrottlingRateLimit,
  });
}

/** Per-route settings may only name routes the API has (AWS answers 404 otherwise). */
function checkRouteSettingsMap(entry: ApiEntry, map: Record<string, RouteSettings> | undefined): Record<string, RouteSettingsWire> {
  const out: Record<string, RouteSettingsWire> = {};
  if (!map) return out;
  const keys = routeKeysOf(entry);
  for (const [routeKey, rs] of Object.entries(map)) {
    if (!keys.has(routeKey)) throw routeSettingsKeyNotFound(routeKey);
    out[routeKey] = checkRouteSettings(entry.api.protocolType, rs);
  }
  return out;
}

function routeKeysOf(entry: ApiEntry): Set<string | undefined> {
  return new Set(Object.values(entry.routes).map((r) => r.routeKey));
}

const VARIABLE_NAME = /^[A-Za-z0-9_]+$/;
const VARIABLE_VALUE = /^[A-Za-z0-9\-._~:/?#&=,]+$/;

/**
 * Stage variables given to CreateStage or UpdateStage, merged into `current`. AWS documents names as
 * alphanumeric and underscore and values as [A-Za-z0-9-._~:/?#&=,]+; an empty value removes the variable.
 */
function mergeStageVariables(current: Record<string, string> | undefined, given: Record<string, string>): Record<string, string> {
  const out = { ...current };
  for (const [name, value] of Object.entries(given)) {
    if (!VARIABLE_NAME.test(name)) throw invalidStageVariableName(name);
    if (value === '') {
      delete out[name];
      continue;
    }
    if (!VARIABLE_VALUE.test(value)) throw invalidStageVariableValue(name);
    out[name] = value;
  }
  return out;
}

function checkStageName(entry: ApiEntry, name: string | undefined): string {
  if (name === undefined || name === '') throw badRequest('Stage name is required');
  if (name === '$default') {
    if (entry.api.protocolType !== 'HTTP') throw badRequest('The $default stage is supported only for HTTP APIs');
    return name;
  }
  if (!STAGE_NAME.test(name)) throw badRequest('Stage name only allows a-zA-Z0-9_- and at most 128 characters');
  return name;
}

export function createStage(state: V2State, env: StoreEnv, input: CreateStageCommandInput, options: { managed?: boolean } = {}): StageWire {
  const entry = requireApi(state, env, input.ApiId);
  const stageName = checkStageName(entry, input.StageName);
  if (entry.stages[stageName]) throw stageExists();
  if (input.DeploymentId !== undefined) {
    if (input.AutoDeploy) throw autoDeployStage(env.account, entry.api.apiId!);
    if (!entry.deployments[input.DeploymentId]) throw deploymentNotFound();
  }
  const protocol = entry.api.protocolType;
  const defaults = checkRouteSettings(protocol, input.DefaultRouteSettings);
  const routeSettings = checkRouteSettingsMap(entry, input.RouteSettings);
  const now = isoNow(env);
  const stage: StageWire = compact({
    accessLogSettings: checkAccessLogSettings(input.AccessLogSettings),
    apiGatewayManaged: options.managed ? true : undefined,
    autoDeploy: input.AutoDeploy,
    clientCertificateId: input.ClientCertificateId,
    createdDate: now,
    defaultRouteSettings: { ...defaultRouteSettingsFor(protocol), ...defaults },
    deploymentId: input.DeploymentId,
    description: input.Description,
    lastUpdatedDate: now,
    routeSettings,
    stageName,
    stageVariables: mergeStageVariables({}, input.StageVariables ?? {}),
    tags: { ...input.Tags },
  });
  entry.stages[stageName] = stage;
  if (stage.autoDeploy) deployStage(entry, stage, env);
  return stage;
}

function checkAccessLogSettings(s: { DestinationArn?: string | undefined; Format?: string | undefined } | undefined) {
  if (!s) return undefined;
  if (s.DestinationArn !== undefined && !/^arn:aws[a-z-]*:(logs|firehose):/.test(s.DestinationArn)) {
    throw badRequest(`Invalid destination ARN specified: ${s.DestinationArn}. It must be a CloudWatch Logs log group or Kinesis Data Firehose ARN.`);
  }
  return compact({ destinationArn: s.DestinationArn, format: s.Format });
}

export function getStage(state: V2State, env: StoreEnv, apiId: string | undefined, stageName: string | undefined): StageWire {
  const entry = requireApi(state, env, apiId);
  const stage = stageName !== undefined ? entry.stages[stageName] : undefined;
  if (!stage) throw stageNotFound();
  return stage;
}

export function listStages(state: V2State, env: StoreEnv, apiId: string | undefined, maxResults?: string, nextToken?: string): Page<StageWire> {
  const entry = requireApi(state, env, apiId);
  return paginate(Object.values(entry.stages), (s) => s.stageName!, maxResults, nextToken);
}

export function deleteStage(state: V2State, env: StoreEnv, apiId: string | undefined, stageName: string | undefined): void {
  const entry = requireApi(state, env, apiId);
  getStage(state, env, apiId, stageName);
  delete entry.stages[stageName!];
}

/**
 * UpdateStage: a partial update, as AWS does it; a member the request leaves out keeps its value.
 * - DefaultRouteSettings: each member given replaces that member (throttling, metrics, logging).
 * - RouteSettings: merged into the stage's map by route key; a key given replaces that key's whole entry
 *   (so an override can lose a member), keys not given stay. Afterwards every key of the map must still be
 *   a route of the API: AWS then names a key left behind by a deleted or renamed route, and the caller
 *   has to DeleteRouteSettings it first (serverless-api-gateway-throttling#33).
 * - StageVariables: merged by name; an empty value removes that variable (what public reports of AWS
 *   describe: a map without a variable leaves it in place).
 * - AccessLogSettings: each member given replaces that member; an empty object changes nothing.
 * - DeploymentId must exist and cannot be set while the stage (after this update) auto-deploys.
 * - AutoDeploy turned on deploys the stage at once.
 * Everything is validated before anything changes, so a refused update leaves the stage as it was.
 */
export function updateStage(state: V2State, env: StoreEnv, input: UpdateStageCommandInput): StageWire {
  const entry = requireApi(state, env, input.ApiId);
  const stage = getStage(state, env, input.ApiId, input.StageName);
  const autoDeployAfter = input.AutoDeploy ?? stage.autoDeploy ?? false;
  if (input.DeploymentId !== undefined) {
    if (autoDeployAfter) throw autoDeployStage(env.account, entry.api.apiId!);
    if (!entry.deployments[input.DeploymentId]) throw deploymentNotFound();
  }
  const defaults = checkRouteSettings(entry.api.protocolType, input.DefaultRouteSettings);
  let routeSettings: Record<string, RouteSettingsWire> | undefined;
  if (input.RouteSettings !== undefined) {
    routeSettings = { ...stage.routeSettings, ...checkRouteSettingsMap(entry, input.RouteSettings) };
    const keys = routeKeysOf(entry);
    for (const routeKey of Object.keys(routeSettings)) if (!keys.has(routeKey)) throw routeSettingsKeyNotFound(routeKey);
  }
  const stageVariables = input.StageVariables === undefined ? undefined : mergeStageVariables(stage.stageVariables, input.StageVariables);
  const accessLogSettings = checkAccessLogSettings(input.AccessLogSettings);

  if (accessLogSettings && Object.keys(accessLogSettings).length > 0) {
    stage.accessLogSettings = { ...stage.accessLogSettings, ...accessLogSettings };
  }
  if (input.ClientCertificateId !== undefined) stage.clientCertificateId = input.ClientCertificateId;
  if (input.Description !== undefined) stage.description = input.Description;
  if (input.DeploymentId !== undefined) stage.deploymentId = input.DeploymentId;
  stage.defaultRouteSettings = { ...stage.defaultRouteSettings, ...defaults };
  if (routeSettings) stage.routeSettings = routeSettings;
  if (stageVariables) stage.stageVariables = stageVariables;
  const turnedOn = input.AutoDeploy === true && !stage.autoDeploy;
  if (input.AutoDeploy !== undefined) stage.autoDeploy = input.AutoDeploy;
  stage.lastUpdatedDate = isoNow(env);
  if (turnedOn) deployStage(entry, stage, env);
  return stage;
}

/** DeleteRouteSettings: drops one route key's override, also one a deleted route left behind. */
/**
 * DeleteAccessLogSettings: turns the stage's access logging off. The stage must exist; a stage that logs
 * nothing answers 204 all the same (AWS documents no error for it).
 */
export function deleteAccessLogSettings(state: V2State, env: StoreEnv, apiId: string | undefined, stageName: string | undefined): void {
  const stage = getStage(state, env, apiId, stageName);
  delete stage.accessLogSettings;
  stage.lastUpdatedDate = isoNow(env);
}

export function deleteRouteSettings(
  state: V2State,
  env: StoreEnv,
  apiId: string | undefined,
  stageName: string | undefined,
  routeKey: string | undefined,
): void {
  const stage = getStage(state, env, apiId, stageName);
  if (!routeKey || !stage.routeSettings || !Object.hasOwn(stage.routeSettings, routeKey)) {
    throw routeSettingsNotFound(routeKey ?? '');
  }
  delete stage.routeSettings[routeKey];
  stage.lastUpdatedDate = isoNow(env);
}
