import { AwsError, badRequest, conflict, notFound } from '../../core/errors.js';

/**
 * API Gateway's error messages, word for word as AWS sends them (see ../../../../shared/aws-recordings and
 * sandbox/COVERAGE.md for the ones no recording covers).
 */
export const apiNotFound = (account: string, restApiId: string) =>
  notFound(`Invalid API identifier specified ${account}:${restApiId}`);
export const resourceNotFound = () => notFound('Invalid Resource identifier specified');
export const methodNotFound = () => notFound('Invalid Method identifier specified');
export const integrationNotFound = () => notFound('Invalid Integration identifier specified');
export const methodResponseNotFound = () => notFound('Invalid Response status code specified');
export const deploymentNotFound = () => notFound('Invalid Deployment identifier specified');
// AWS spells this one with a lower-case "stage" (GetStage, DeleteStage, UpdateStage).
export const stageNotFound = () => notFound('Invalid stage identifier specified');
export const apiKeyNotFound = () => notFound('Invalid API Key identifier specified');
export const usagePlanNotFound = () => notFound('Invalid Usage Plan ID specified');
export const usagePlanKeyNotFound = () => notFound('Invalid Usage Plan Key identifier specified');

export const stageExists = () => conflict('Stage already exists');
// CreateStage, CreateDeployment and UpdateStage name a deployment that is not there (recorded for canaries).
export const deploymentIdMissing = () => badRequest('Deployment id does not exist');
export const cloudWatchRoleMissing = () => badRequest('CloudWatch Logs role ARN must be set in account settings to enable logging');
export const methodExists = () => conflict('Method already exists for this resource');
export const apiKeyExists = () => conflict('API Key already exists');

/**
 * UpdateStage's answer to a path it does not know (recorded, including AWS's missing separators around the
 * throttling entries).
 */
export const invalidStagePath = (path: string) =>
  badRequest(
    `Invalid method setting path: ${path}. Must be one of: [/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, ` +
      '/clientCertificateId, /accessLogSettings, /accessLogSettings/destinationArn, /accessLogSettings/format, ' +
      '/{resourcePath}/{httpMethod}/metrics/enabled, /{resourcePath}/{httpMethod}/logging/dataTrace, /{resourcePath}/{httpMethod}/logging/loglevel, ' +
      '/{resourcePath}/{httpMethod}/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling/rateLimit/{resourcePath}/{httpMethod}/caching/ttlInSeconds, ' +
      '/{resourcePath}/{httpMethod}/caching/enabled, /{resourcePath}/{httpMethod}/caching/dataEncrypted, ' +
      '/{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl, /{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy, ' +
      '/*/*/metrics/enabled, /*/*/logging/dataTrace, /*/*/logging/loglevel, /*/*/throttling/burstLimit /*/*/throttling/rateLimit /*/*/caching/ttlInSeconds, ' +
      '/*/*/caching/enabled, /*/*/caching/dataEncrypted, /*/*/caching/requireAuthorizationForCacheControl, ' +
      '/*/*/caching/unauthorizedCacheControlHeaderStrategy, /variables/{variable_name}, /tracingEnabled]',
  );

/** A method-setting path whose `{resourcePath}/{httpMethod}` is fine but whose setting is not (aws/aws-sdk-java#1823). */
export const invalidMethodSettingPath = (setting: string) =>
  badRequest(
    `Invalid method setting path: ${setting}. Must be one of: [.../metrics/enabled, .../logging/dataTrace, .../logging/loglevel,` +
      '.../throttling/burstLimit, .../throttling/rateLimit, .../caching/ttlInSeconds, .../caching/enabled, .../caching/dataEncrypted, ' +
      '.../caching/requireAuthorizationForCacheControl, .../caching/unauthorizedCacheControlHeaderStrategy]',
  );

/** `remove` of anything UpdateStage does not remove by name is read as removing a method setting (recorded). */
export const noMethodSetting = (key: string) => badRequest(`Cannot remove method setting ${key} because there is no method setting for this method `);

export const invalidAccessLogPath = () =>
  badRequest('Invalid accessLogSettings path. Must be one of : [/accessLogSettings/destinationArn, /accessLogSettings/format]');

// Recorded for `add` on /canarySettings/deploymentId; the sandbox uses it for every op a path refuses.
export const invalidOpForPath = (op: string, path: string) => badRequest(`Invalid ${op} operation with path: ${path}`);

export const invalidCopy = (path: string, from: string) =>
  badRequest(
    `Invalid copy operation with path: ${path} and from ${from}. Valid copy:path are [/deploymentId, /variables] and valid copy:from are [/canarySettings/deploymentId, /canarySettings/stageVariableOverrides]`,
  );

// Stage variables (aws/serverless#6133 and sirceljm/aws-lambda-blog#10 quote these, two spaces and odd quote included).
export const invalidVariableName = (name: string) => badRequest(`Invalid stage variable name: ${name}.  Please use names with only word characters.`);
export const invalidVariableValue = (value: string | undefined) =>
  badRequest(
    `Invalid stage variable value: ${value ?? 'null'}.  Please use values with alphanumeric characters and the symbols ' ', -', '.', '_', ':', '/', '?', '&', '=', and ','.`,
  );

/** A Coral-style constraint failure, which AWS reports as ValidationException rather than BadRequestException. */
export function validationError(problems: string[]): AwsError {
  const n = problems.length;
  return new AwsError('ValidationException', `${n} validation error${n === 1 ? '' : 's'} detected: ${problems.join('; ')}`, 400);
}

export const enumProblem = (value: string, at: string, allowed: readonly string[]) =>
  `Value '${value}' at '${at}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`;

export { badRequest, conflict, notFound };
