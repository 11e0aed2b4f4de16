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
export const methodExists = () => conflict('Method already exists for this resource');
export const apiKeyExists = () => conflict('API Key already exists');

/** A Coral-style constraint failure, which AWS reports as ValidationException rather than BadRequestException. */
export function validationError(problems: string[]): AwsError {
  const n = problems.length;
  return new AwsError('ValidationException', `${n} validation error${n === 1 ? '' : 's'} detected: ${problems.join('; ')}`, 400);
}

export const enumProblem = (value: string, at: string, allowed: readonly string[]) =>
  `Value '${value}' at '${at}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`;

export { badRequest, conflict, notFound };
