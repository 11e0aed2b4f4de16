import type { CreateDeploymentCommandInput, CreateStageCommandInput } from '@aws-sdk/client-api-gateway';
import { badRequest, deploymentIdMissing, deploymentNotFound, stageExists, stageNotFound } from '../errors.js';
import { canaryRecord, checkPercentTraffic, checkVariables } from './stage-values.js';
import { epochSeconds, uniqueId, type StoreEnv } from './env.js';
import { getRestApiRecord } from './rest-apis.js';
import { nextSeq, seqKey, type ApiGatewayState, type DeploymentRecord, type MethodSettingRecord, type RestApiRecord, type StageRecord } from './types.js';
import { paginate, sortByKey, type Page, type PageRequest } from './pagination.js';

const STAGE_NAME = /^[a-zA-Z0-9_]+$/;
const CACHE_SIZES = ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237'];

/** The settings a method gets the first time a stage's method settings mention it (recorded defaults). */
export const DEFAULT_METHOD_SETTING: Readonly<MethodSettingRecord> = {
  metricsEnabled: false,
  dataTraceEnabled: false,
  throttlingBurstLimit: 5000,
  throttlingRateLimit: 10000,
  cachingEnabled: false,
  cacheTtlInSeconds: 300,
  cacheDataEncrypted: false,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
};

/**
 * The starting point for a new `resourcePath/httpMethod` entry: a copy of the stage's `* /*` settings when
 * it has them, else the defaults. Later changes to `* /*` do not flow into it (recorded).
 */
export function newMethodSetting(stage: StageRecord): MethodSettingRecord {
  return { ...(stage.methodSettings['*/*'] ?? DEFAULT_METHOD_SETTING) };
}

/**
 * Sets method-setting fields for one `resourcePath/httpMethod` key (or `* /*`) of a stage, creating the
 * entry from `newMethodSetting` first. The seed uses it; UpdateStage's method-setting paths map onto it.
 */
export function setMethodSetting(stage: StageRecord, key: string, fields: Partial<MethodSettingRecord>, now: Date): MethodSettingRecord {
  const setting = (stage.methodSettings[key] ??= newMethodSetting(stage));
  Object.assign(setting, fields);
  stage.lastUpdatedDate = epochSeconds(now);
  return setting;
}

export function getStageRecord(state: ApiGatewayState, env: Pick<StoreEnv, 'account'>, restApiId: string, stageName: string | undefined): StageRecord {
  const api = getRestApiRecord(state, env, restApiId);
  const stage = stageName ? api.stages[stageName] : undefined;
  if (!stage) throw stageNotFound();
  return stage;
}

export function getDeploymentRecord(state: ApiGatewayState, env: Pick<StoreEnv, 'account'>, restApiId: string, deploymentId: string | undefined): DeploymentRecord {
  const api = getRestApiRecord(state, env, restApiId);
  const deployment = deploymentId ? api.deployments[deploymentId] : undefined;
  if (!deployment) throw deploymentNotFound();
  return deployment;
}

function checkStageName(stageName: string | undefined): asserts stageName is string {
  if (!stageName || !STAGE_NAME.test(stageName)) throw badRequest('Stage name only allows a-zA-Z0-9_');
}

export function checkCacheSize(size: string | undefined): void {
  if (size !== undefined && !CACHE_SIZES.includes(size)) {
    throw badRequest(`Invalid cache cluster size specified. Valid options are ${CACHE_SIZES.join(',')}`);
  }
}

/**
 * CreateDeployment: snapshots the API's methods. With a stage name it also points that stage at the new
 * deployment (creating the stage if needed) and applies the stage fields it was given; with canary
 * settings the new deployment becomes the existing stage's canary instead, and the stage keeps serving
 * its own deployment (recorded).
 */
export function createDeployment(state: ApiGatewayState, input: CreateDeploymentCommandInput, env: StoreEnv): DeploymentRecord {
  const api = getRestApiRecord(state, env, input.restApiId);
  const canary = input.canarySettings;
  // AWS checks a canary's stage before anything else, the stage name's characters included (recorded).
  if (canary) {
    if (!input.stageName) {
      throw badRequest(
        `Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is ${input.stageName ?? 'null'}`,
      );
    }
    if (!api.stages[input.stageName]) {
      throw badRequest(`Invalid deployment content specified.Stage ${input.stageName} must already be created before making a canary release deployment`);
    }
  }
  const resources = Object.values(api.resources);
  if (!resources.some((r) => Object.keys(r.methods).length)) throw badRequest("The REST API doesn't contain any methods");
  if (resources.some((r) => Object.values(r.methods).some((m) => !m.methodIntegration))) {
    throw badRequest('No integration defined for method');
  }
  if (input.stageName !== undefined) checkStageName(input.stageName);
  checkCacheSize(input.cacheClusterSize);
  checkVariables(input.variables);
  if (canary) {
    checkPercentTraffic(canary.percentTraffic);
    checkVariables(canary.stageVariableOverrides);
  }
  const existing = input.stageName ? api.stages[input.stageName] : undefined;

  const now = epochSeconds(env.now);
  const deployment: DeploymentRecord = { id: uniqueId(env, api.deployments, 6), seq: nextSeq(state), createdDate: now, apiSummary: {} };
  if (input.description !== undefined) deployment.description = input.description;
  for (const r of resources) {
    const methods = Object.values(r.methods);
    if (!methods.length) continue;
    deployment.apiSummary[r.path] = Object.fromEntries(
      methods.map((m) => [m.httpMethod, { authorizationType: m.authorizationType, apiKeyRequired: m.apiKeyRequired }]),
    );
  }
  api.deployments[deployment.id] = deployment;

  if (existing) {
    if (canary) existing.canarySettings = canaryRecord({ ...canary, deploymentId: deployment.id }, existing.deploymentId);
    else existing.deploymentId = deployment.id;
    // The stage fields given with the deployment replace the stage's own (variables as a whole).
    if (input.variables && Object.keys(input.variables).length) existing.variables = { ...input.variables };
    if (input.stageDescription) existing.description = input.stageDescription;
    if (input.cacheClusterEnabled !== undefined) setCacheCluster(existing, input.cacheClusterEnabled);
    if (input.cacheClusterSize !== undefined) existing.cacheClusterSize = input.cacheClusterSize;
    if (input.tracingEnabled !== undefined) existing.tracingEnabled = input.tracingEnabled;
    existing.lastUpdatedDate = now;
  } else if (input.stageName) {
    api.stages[input.stageName] = newStage(
      {
        stageName: input.stageName,
        deploymentId: deployment.id,
        description: input.stageDescription,
        cacheClusterEnabled: input.cacheClusterEnabled,
        cacheClusterSize: input.cacheClusterSize,
        variables: input.variables,
        tracingEnabled: input.tracingEnabled,
      },
      now,
    );
  }
  return deployment;
}

/**
 * Turns a stage's cache cluster on (at the size it has, 0.5 GB by default) or off. AWS takes minutes,
 * going through CREATE_IN_PROGRESS / DELETE_IN_PROGRESS; the sandbox switches at once.
 */
export function setCacheCluster(stage: StageRecord, enabled: boolean): void {
  stage.cacheClusterEnabled = enabled;
  stage.cacheClusterStatus = enabled ? 'AVAILABLE' : 'NOT_AVAILABLE';
  if (enabled) stage.cacheClusterSize ??= '0.5';
}

export function deleteDeployment(state: ApiGatewayState, restApiId: string, deploymentId: string, env: StoreEnv): void {
  const api = getRestApiRecord(state, env, restApiId);
  getDeploymentRecord(state, env, restApiId, deploymentId);
  const inUse = Object.values(api.stages).some((s) => s.deploymentId === deploymentId || s.canarySettings?.deploymentId === deploymentId);
  if (inUse) throw badRequest('Active stages pointing to this deployment must be moved or deleted');
  delete api.deployments[deploymentId];
}

/** GetDeployments order: creation order. */
export function listDeployments(api: RestApiRecord, req: PageRequest): Page<DeploymentRecord> {
  return paginate(sortByKey(Object.values(api.deployments), seqKey), seqKey, req);
}

export function createStage(state: ApiGatewayState, input: CreateStageCommandInput, env: StoreEnv): StageRecord {
  const api = getRestApiRecord(state, env, input.restApiId);
  checkStageName(input.stageName);
  getDeploymentRecord(state, env, api.id, input.deploymentId);
  checkCacheSize(input.cacheClusterSize);
  checkVariables(input.variables);
  if (input.canarySettings) {
    const canaryDeployment = input.canarySettings.deploymentId;
    if (canaryDeployment !== undefined && !api.deployments[canaryDeployment]) throw deploymentIdMissing();
    checkPercentTraffic(input.canarySettings.percentTraffic);
    checkVariables(input.canarySettings.stageVariableOverrides);
  }
  if (api.stages[input.stageName]) throw stageExists();
  const stage = newStage({ ...input, stageName: input.stageName, deploymentId: input.deploymentId! }, epochSeconds(env.now));
  api.stages[stage.stageName] = stage;
  return stage;
}

function newStage(
  input: Omit<Partial<CreateStageCommandInput>, 'stageName' | 'deploymentId'> & { stageName: string; deploymentId: string },
  now: number,
): StageRecord {
  const stage: StageRecord = {
    stageName: input.stageName,
    deploymentId: input.deploymentId,
    cacheClusterEnabled: input.cacheClusterEnabled ?? false,
    cacheClusterStatus: input.cacheClusterEnabled ? 'AVAILABLE' : 'NOT_AVAILABLE',
    methodSettings: {},
    tracingEnabled: input.tracingEnabled ?? false,
    createdDate: now,
    lastUpdatedDate: now,
  };
  if (input.cacheClusterEnabled) stage.cacheClusterSize = input.cacheClusterSize ?? '0.5';
  if (input.description !== undefined) stage.description = input.description;
  if (input.variables && Object.keys(input.variables).length) stage.variables = { ...input.variables };
  if (input.documentationVersion !== undefined) stage.documentationVersion = input.documentationVersion;
  if (input.tags !== undefined) stage.tags = { ...input.tags };
  if (input.canarySettings) stage.canarySettings = canaryRecord(input.canarySettings, input.deploymentId);
  return stage;
}

export function deleteStage(state: ApiGatewayState, restApiId: string, stageName: string, env: StoreEnv): void {
  const api = getRestApiRecord(state, env, restApiId);
  getStageRecord(state, env, restApiId, stageName);
  delete api.stages[stageName];
  for (const key of Object.values(state.apiKeys)) {
    const ref = `${restApiId}/${stageName}`;
    if (key.stageKeys.includes(ref)) key.stageKeys = key.stageKeys.filter((s) => s !== ref);
  }
}

/** GetStages: every stage (AWS does not page stages), by name, optionally only those on one deployment. */
export function listStages(api: RestApiRecord, deploymentId: string | undefined): StageRecord[] {
  const stages = Object.values(api.stages).filter((s) => !deploymentId || s.deploymentId === deploymentId);
  return sortByKey(stages, (s) => s.stageName);
}
