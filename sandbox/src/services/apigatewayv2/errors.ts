import { AwsError, badRequest, conflict } from '../../core/errors.js';

/**
 * apigatewayv2's errors. Its NotFoundException body carries `resourceType` beside `message`
 * (the SDK reads it into NotFoundException.ResourceType). Wording follows AWS where a real response is
 * on record; COVERAGE.md lists the messages that are the sandbox's own best guess.
 */
const notFoundOf = (resourceType: string, message: string) =>
  new AwsError('NotFoundException', message, 404, {}, { resourceType });

// Recorded from AWS: "Invalid API identifier specified <account>:<apiId>".
export const apiNotFound = (account: string, apiId: string) =>
  notFoundOf('Api', `Invalid API identifier specified ${account}:${apiId}`);
export const routeNotFound = (routeId: string) => notFoundOf('Route', `Invalid Route identifier specified ${routeId}`);
export const integrationNotFound = (integrationId: string) =>
  notFoundOf('Integration', `Invalid Integration identifier specified ${integrationId}`);
// AWS spells this one with a lower-case "stage", as v1 does.
export const stageNotFound = () => notFoundOf('Stage', 'Invalid stage identifier specified');
export const deploymentNotFound = () => notFoundOf('Deployment', 'Invalid Deployment identifier specified');
// Recorded from AWS (CreateStage/UpdateStage with a routeSettings key no route has).
export const routeSettingsKeyNotFound = (routeKey: string) =>
  notFoundOf('Route', `Unable to find Route by key ${routeKey} within the provided RouteSettings`);
// The sandbox's wording (no AWS response on record): DeleteRouteSettings for a route key the stage has no
// settings for.
export const routeSettingsNotFound = (routeKey: string) =>
  notFoundOf('RouteSettings', `Unable to find RouteSettings for route key ${routeKey} in this stage`);
export const resourceArnNotFound = (arn: string) => notFoundOf('Resource', `Invalid resource identifier specified ${arn}`);

// Recorded from AWS (ConflictException on CreateRoute/UpdateRoute).
export const routeKeyExists = (routeKey: string) => conflict(`Route with key ${routeKey} already exists for this API`);
export const stageExists = () => conflict('Stage already exists');

// Recorded from AWS (CreateDeployment on an API without routes; auto-deploy status carries it too).
export const NO_ROUTES = 'Unable to deploy API because no routes exist in this API';
export const noRoutes = () => badRequest(NO_ROUTES);
// Recorded from AWS (v1 and v2 refuse to delete a deployment a stage still points at).
export const deploymentInUse = () => badRequest('Active stages pointing to this deployment must be moved or deleted');
// Recorded from AWS (stage with autoDeploy given a deployment id).
export const autoDeployStage = (account: string, apiId: string) =>
  badRequest(`Deployment ID cannot be set on this stage ${account}:${apiId} because AutoDeploy is enabled.`);
// Recorded from AWS (DefaultRouteSettings/RouteSettings logging fields on an HTTP API).
export const executionLogsNotSupported = () => badRequest('Execution logs are not supported on protocolType HTTP');

// The sandbox's wording, on the rules AWS documents for stage variables (names alphanumeric and underscore,
// values matching [A-Za-z0-9-._~:/?#&=,]+).
export const invalidStageVariableName = (name: string) =>
  badRequest(`Invalid stage variable name specified: ${name}. Names can only contain alphanumeric and underscore characters.`);
export const invalidStageVariableValue = (name: string) =>
  badRequest(`Invalid value specified for stage variable ${name}. Values must match [A-Za-z0-9-._~:/?#&=,]+`);

export { badRequest, conflict };
