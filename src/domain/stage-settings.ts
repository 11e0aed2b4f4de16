import type { MethodSetting, Stage as RestStage } from '@aws-sdk/client-api-gateway';
import type { RouteSettings, Stage as V2Stage } from '@aws-sdk/client-apigatewayv2';
import { STAGE_DEFAULT } from './method-target.js';
import type { Limits } from './throttle-rules.js';

/** One method's or route's settings besides throttling, as shown and as warned about on removal. */
export interface TargetSettings {
  /** `pets/GET` for REST, the route key for v2, STAGE_DEFAULT for the stage's default. */
  target: string;
  throttle?: Limits;
  metrics?: boolean;
  loggingLevel?: string;
  dataTrace?: boolean;
  caching?: { enabled: boolean; ttlSeconds?: number; encrypted?: boolean };
}

export interface Canary {
  deploymentId?: string;
  percentTraffic: number;
  variableOverrides: Record<string, string>;
  useStageCache: boolean;
}

/** Everything about a stage the stage page shows, for REST and HTTP/WebSocket alike. */
export interface StageSettings {
  api: 'rest' | 'v2';
  name: string;
  deploymentId?: string;
  description?: string;
  createdDate?: Date;
  lastUpdatedDate?: Date;
  variables: Record<string, string>;
  /** The stage's default (REST `*` + `/*`, v2 DefaultRouteSettings). */
  defaults: TargetSettings;
  /** Per-method (REST) or per-route (v2) settings, by target. */
  overrides: Record<string, TargetSettings>;
  accessLog?: { destinationArn?: string; format?: string };
  tracingEnabled?: boolean;
  cacheCluster?: { enabled: boolean; size?: string; status?: string };
  canary?: Canary;
  autoDeploy?: boolean;
  lastDeploymentStatusMessage?: string;
  tags: Record<string, string>;
}

function fromMethodSetting(target: string, m: MethodSetting): TargetSettings {
  return {
    target,
    throttle:
      m.throttlingRateLimit !== undefined && m.throttlingBurstLimit !== undefined
        ? { rate: m.throttlingRateLimit, burst: m.throttlingBurstLimit }
        : undefined,
    metrics: m.metricsEnabled,
    loggingLevel: m.loggingLevel,
    dataTrace: m.dataTraceEnabled,
    caching: { enabled: m.cachingEnabled ?? false, ttlSeconds: m.cacheTtlInSeconds, encrypted: m.cacheDataEncrypted },
  };
}

export function fromRestStageSettings(s: RestStage): StageSettings {
  const overrides: Record<string, TargetSettings> = {};
  let defaults: TargetSettings = { target: STAGE_DEFAULT };
  for (const [key, m] of Object.entries(s.methodSettings ?? {})) {
    if (key === STAGE_DEFAULT) defaults = fromMethodSetting(key, m);
    else overrides[key] = fromMethodSetting(key, m);
  }
  return {
    api: 'rest',
    name: s.stageName ?? '',
    deploymentId: s.deploymentId,
    description: s.description || undefined,
    createdDate: s.createdDate,
    lastUpdatedDate: s.lastUpdatedDate,
    variables: { ...(s.variables ?? {}) },
    defaults,
    overrides,
    accessLog: s.accessLogSettings ? { destinationArn: s.accessLogSettings.destinationArn, format: s.accessLogSettings.format } : undefined,
    tracingEnabled: s.tracingEnabled ?? false,
    cacheCluster: { enabled: s.cacheClusterEnabled ?? false, size: s.cacheClusterSize, status: s.cacheClusterStatus },
    canary: s.canarySettings
      ? {
          deploymentId: s.canarySettings.deploymentId,
          percentTraffic: s.canarySettings.percentTraffic ?? 0,
          variableOverrides: { ...(s.canarySettings.stageVariableOverrides ?? {}) },
          useStageCache: s.canarySettings.useStageCache ?? false,
        }
      : undefined,
    tags: { ...(s.tags ?? {}) },
  };
}

function fromRouteSettings(target: string, r: RouteSettings | undefined): TargetSettings {
  return {
    target,
    throttle:
      r?.ThrottlingRateLimit !== undefined && r.ThrottlingBurstLimit !== undefined
        ? { rate: r.ThrottlingRateLimit, burst: r.ThrottlingBurstLimit }
        : undefined,
    metrics: r?.DetailedMetricsEnabled,
    loggingLevel: r?.LoggingLevel,
    dataTrace: r?.DataTraceEnabled,
  };
}

export function fromV2StageSettings(
  s: Partial<Pick<V2Stage, 'StageName' | 'DeploymentId' | 'Description' | 'CreatedDate' | 'LastUpdatedDate' | 'StageVariables' | 'DefaultRouteSettings' | 'RouteSettings' | 'AccessLogSettings' | 'AutoDeploy' | 'LastDeploymentStatusMessage' | 'Tags'>>,
): StageSettings {
  const overrides: Record<string, TargetSettings> = {};
  for (const [key, r] of Object.entries(s.RouteSettings ?? {})) overrides[key] = fromRouteSettings(key, r);
  return {
    api: 'v2',
    name: s.StageName ?? '',
    deploymentId: s.DeploymentId,
    description: s.Description || undefined,
    createdDate: s.CreatedDate,
    lastUpdatedDate: s.LastUpdatedDate,
    variables: { ...(s.StageVariables ?? {}) },
    defaults: fromRouteSettings(STAGE_DEFAULT, s.DefaultRouteSettings),
    overrides,
    accessLog: s.AccessLogSettings ? { destinationArn: s.AccessLogSettings.DestinationArn, format: s.AccessLogSettings.Format } : undefined,
    autoDeploy: s.AutoDeploy ?? false,
    lastDeploymentStatusMessage: s.LastDeploymentStatusMessage,
    tags: { ...(s.Tags ?? {}) },
  };
}

/** Settings besides throttling that removing an override also removes (named in the preview). */
export function otherSettingsOf(t: TargetSettings, defaults: TargetSettings): string[] {
  const out: string[] = [];
  if (t.metrics !== undefined && t.metrics !== (defaults.metrics ?? false)) out.push(`detailed metrics ${t.metrics ? 'on' : 'off'}`);
  if (t.loggingLevel !== undefined && t.loggingLevel !== (defaults.loggingLevel ?? 'OFF')) out.push(`logging ${t.loggingLevel}`);
  if (t.dataTrace !== undefined && t.dataTrace !== (defaults.dataTrace ?? false)) out.push(`data trace ${t.dataTrace ? 'on' : 'off'}`);
  if (t.caching && t.caching.enabled !== (defaults.caching?.enabled ?? false)) out.push(`caching ${t.caching.enabled ? 'on' : 'off'}`);
  return out;
}
