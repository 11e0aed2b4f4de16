/**
 * API Gateway (v1) state: plain JSON, saved as is. Timestamps are epoch seconds, as on the wire.
 * Maps are keyed by id (or stage name / HTTP method) so lookups stay cheap at scale.
 */
export interface ApiGatewayState {
  restApis: Record<string, RestApiRecord>;
  apiKeys: Record<string, ApiKeyRecord>;
  usagePlans: Record<string, UsagePlanRecord>;
  /** Account settings (GetAccount). Absent until a seed or a test sets them: no CloudWatch role. */
  account?: AccountRecord;
  /**
   * Requests counted against usage plans: plan id -> key id -> counts by UTC day. Absent in states saved by
   * older builds (read as empty). The data plane adds to it; the seeds fill a history.
   */
  usage?: Record<string, Record<string, UsageRecord>>;
  /** Creation counter: lists AWS returns in creation order sort by it (timestamps are only seconds). */
  seq: number;
}

export interface AccountRecord {
  /** The role API Gateway writes execution and access logs with; UpdateStage refuses logging without it. */
  cloudwatchRoleArn?: string;
}

export interface EndpointConfigurationRecord {
  types: string[];
  ipAddressType: string;
  vpcEndpointIds?: string[];
}

export interface RestApiRecord {
  id: string;
  seq: number;
  name: string;
  description?: string;
  version?: string;
  createdDate: number;
  binaryMediaTypes?: string[];
  minimumCompressionSize?: number;
  apiKeySource: string;
  endpointConfiguration: EndpointConfigurationRecord;
  policy?: string;
  /** Undefined when the API was created without tags: AWS then omits `tags` until an update. */
  tags?: Record<string, string>;
  disableExecuteApiEndpoint: boolean;
  rootResourceId: string;
  resources: Record<string, ResourceRecord>;
  deployments: Record<string, DeploymentRecord>;
  stages: Record<string, StageRecord>;
}

export interface ResourceRecord {
  id: string;
  parentId?: string;
  pathPart?: string;
  path: string;
  methods: Record<string, MethodRecord>;
}

export interface MethodResponseRecord {
  statusCode: string;
  responseParameters: Record<string, boolean>;
  responseModels: Record<string, string>;
}

export interface IntegrationResponseRecord {
  statusCode: string;
  selectionPattern?: string;
  responseParameters?: Record<string, string>;
  responseTemplates?: Record<string, string>;
  contentHandling?: string;
}

export interface IntegrationRecord {
  type: string;
  httpMethod?: string;
  uri?: string;
  connectionType?: string;
  connectionId?: string;
  credentials?: string;
  requestParameters?: Record<string, string>;
  requestTemplates?: Record<string, string>;
  passthroughBehavior: string;
  contentHandling?: string;
  timeoutInMillis: number;
  cacheNamespace: string;
  cacheKeyParameters: string[];
  integrationResponses?: Record<string, IntegrationResponseRecord>;
}

export interface MethodRecord {
  httpMethod: string;
  authorizationType: string;
  authorizerId?: string;
  apiKeyRequired: boolean;
  requestValidatorId?: string;
  operationName?: string;
  requestParameters?: Record<string, boolean>;
  requestModels?: Record<string, string>;
  authorizationScopes?: string[];
  methodResponses?: Record<string, MethodResponseRecord>;
  methodIntegration?: IntegrationRecord;
}

export interface DeploymentRecord {
  id: string;
  seq: number;
  description?: string;
  createdDate: number;
  /** What was deployed: path -> method -> summary (GetDeployment's embed=apisummary). */
  apiSummary: Record<string, Record<string, { authorizationType: string; apiKeyRequired: boolean }>>;
}

export interface MethodSettingRecord {
  metricsEnabled: boolean;
  loggingLevel?: string;
  dataTraceEnabled: boolean;
  throttlingBurstLimit: number;
  throttlingRateLimit: number;
  cachingEnabled: boolean;
  cacheTtlInSeconds: number;
  cacheDataEncrypted: boolean;
  requireAuthorizationForCacheControl: boolean;
  unauthorizedCacheControlHeaderStrategy: string;
}

export interface CanarySettingsRecord {
  percentTraffic: number;
  deploymentId: string;
  stageVariableOverrides?: Record<string, string>;
  useStageCache: boolean;
}

export interface StageRecord {
  stageName: string;
  deploymentId: string;
  description?: string;
  clientCertificateId?: string;
  cacheClusterEnabled: boolean;
  cacheClusterSize?: string;
  cacheClusterStatus: string;
  /** Keyed `resourcePath/httpMethod` without the leading slash (`*` + `/*` for all methods). */
  methodSettings: Record<string, MethodSettingRecord>;
  variables?: Record<string, string>;
  documentationVersion?: string;
  accessLogSettings?: { format?: string; destinationArn?: string };
  canarySettings?: CanarySettingsRecord;
  tracingEnabled: boolean;
  webAclArn?: string;
  tags?: Record<string, string>;
  createdDate: number;
  lastUpdatedDate: number;
}

export interface ApiKeyRecord {
  id: string;
  value: string;
  name?: string;
  customerId?: string;
  description?: string;
  enabled: boolean;
  createdDate: number;
  lastUpdatedDate: number;
  stageKeys: string[];
  tags?: Record<string, string>;
}

export interface ApiStageRecord {
  apiId: string;
  stage: string;
  throttle?: Record<string, { burstLimit?: number; rateLimit?: number }>;
}

export interface UsagePlanRecord {
  id: string;
  seq: number;
  name: string;
  description?: string;
  apiStages: ApiStageRecord[];
  throttle?: { burstLimit?: number; rateLimit?: number };
  quota?: { limit?: number; offset?: number; period?: string };
  productCode?: string;
  tags?: Record<string, string>;
  /** API key ids attached with CreateUsagePlanKey. */
  keyIds: string[];
}

export interface UsageRecord {
  /** Requests by UTC day (`YYYY-MM-DD`). */
  days: Record<string, number>;
  /**
   * UpdateUsage's grant for one quota period: the remaining quota of the period starting `periodStart` is
   * shifted by `amount` (negative takes quota away).
   */
  grant?: { periodStart: string; amount: number };
}

export function emptyApiGatewayState(): ApiGatewayState {
  return { restApis: {}, apiKeys: {}, usagePlans: {}, seq: 0 };
}

export function nextSeq(state: ApiGatewayState): number {
  state.seq = (state.seq ?? 0) + 1;
  return state.seq;
}

/** Sort key for creation order. */
export const seqKey = (r: { seq: number }) => String(r.seq).padStart(12, '0');
