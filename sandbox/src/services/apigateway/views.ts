import type {
  ApiKey,
  Deployment,
  Integration,
  Method,
  MethodResponse,
  Resource,
  RestApi,
  Stage,
  UsagePlan,
  UsagePlanKey,
} from '@aws-sdk/client-api-gateway';
import type {
  ApiKeyRecord,
  DeploymentRecord,
  IntegrationRecord,
  MethodRecord,
  MethodResponseRecord,
  ResourceRecord,
  RestApiRecord,
  StageRecord,
  UsagePlanRecord,
} from './store/types.js';

/** Records as the SDK types them. Fields AWS omits when unset stay absent (recorded shapes). */
const date = (seconds: number) => new Date(seconds * 1000);

export function restApiView(api: RestApiRecord): RestApi {
  const { resources: _r, deployments: _d, stages: _s, seq: _q, createdDate, ...fields } = api;
  return structuredClone({ ...fields, createdDate: date(createdDate) }) as RestApi;
}

export function resourceView(resource: ResourceRecord, embedMethods: boolean): Resource {
  const view: Resource = { id: resource.id, path: resource.path };
  if (resource.parentId !== undefined) view.parentId = resource.parentId;
  if (resource.pathPart !== undefined) view.pathPart = resource.pathPart;
  const methods = Object.values(resource.methods);
  if (methods.length) {
    // Without embed=methods AWS lists each method with an empty body; with it, the whole method.
    view.resourceMethods = Object.fromEntries(methods.map((m) => [m.httpMethod, embedMethods ? methodView(m) : {}]));
  }
  return view;
}

export function methodView(method: MethodRecord): Method {
  const { methodResponses, methodIntegration, ...fields } = method;
  const view: Method = structuredClone(fields);
  if (methodResponses) view.methodResponses = Object.fromEntries(Object.entries(methodResponses).map(([k, v]) => [k, methodResponseView(v)]));
  if (methodIntegration) view.methodIntegration = integrationView(methodIntegration);
  return view;
}

export function methodResponseView(response: MethodResponseRecord): MethodResponse {
  return structuredClone(response);
}

export function integrationView(integration: IntegrationRecord): Integration {
  return structuredClone(integration) as Integration;
}

export function deploymentView(deployment: DeploymentRecord, embedSummary = false): Deployment {
  const view: Deployment = { id: deployment.id, createdDate: date(deployment.createdDate) };
  if (deployment.description !== undefined) view.description = deployment.description;
  if (embedSummary) view.apiSummary = structuredClone(deployment.apiSummary);
  return view;
}

export function stageView(stage: StageRecord): Stage {
  const { createdDate, lastUpdatedDate, ...fields } = stage;
  return { ...(structuredClone(fields) as Stage), createdDate: date(createdDate), lastUpdatedDate: date(lastUpdatedDate) };
}

export function apiKeyView(key: ApiKeyRecord, includeValue: boolean): ApiKey {
  const { value, createdDate, lastUpdatedDate, ...fields } = key;
  const view: ApiKey = { ...(structuredClone(fields) as ApiKey), createdDate: date(createdDate), lastUpdatedDate: date(lastUpdatedDate) };
  if (includeValue) view.value = value;
  return view;
}

/**
 * Usage plans: CreateUsagePlan and GetUsagePlans show `tags` only when the plan has some, GetUsagePlan
 * (and updates) always do (recorded).
 */
export function usagePlanView(plan: UsagePlanRecord, alwaysTags: boolean): UsagePlan {
  const { keyIds: _k, seq: _q, tags, ...fields } = plan;
  const view: UsagePlan = structuredClone(fields) as UsagePlan;
  if (tags !== undefined || alwaysTags) view.tags = { ...(tags ?? {}) };
  return view;
}

export function usagePlanKeyView(key: ApiKeyRecord): UsagePlanKey {
  const view: UsagePlanKey = { id: key.id, type: 'API_KEY', value: key.value };
  if (key.name !== undefined) view.name = key.name;
  return view;
}
