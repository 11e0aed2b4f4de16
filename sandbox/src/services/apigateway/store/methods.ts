import type { PutIntegrationCommandInput, PutMethodCommandInput, PutMethodResponseCommandInput } from '@aws-sdk/client-api-gateway';
import {
  badRequest,
  enumProblem,
  integrationNotFound,
  methodExists,
  methodNotFound,
  methodResponseNotFound,
  validationError,
} from '../errors.js';
import { getResourceRecord } from './resources.js';
import type { ApiGatewayState, IntegrationRecord, MethodRecord, MethodResponseRecord } from './types.js';

export const HTTP_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'ANY'] as const;
const AUTHORIZATION_TYPES = ['NONE', 'AWS_IAM', 'CUSTOM', 'COGNITO_USER_POOLS'] as const;
const INTEGRATION_TYPES = ['HTTP', 'MOCK', 'AWS_PROXY', 'HTTP_PROXY', 'AWS'] as const;
const PASSTHROUGH = ['WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES', 'NEVER'] as const;
/** Models every REST API has from its creation. */
const DEFAULT_MODELS = ['Empty', 'Error'];

export function getMethodRecord(state: ApiGatewayState, restApiId: string | undefined, resourceId: string | undefined, httpMethod: string | undefined): MethodRecord {
  const resource = getResourceRecord(state, restApiId, resourceId);
  const method = httpMethod ? resource.methods[httpMethod] : undefined;
  if (!method) throw methodNotFound();
  return method;
}

export function putMethod(state: ApiGatewayState, input: PutMethodCommandInput): MethodRecord {
  const resource = getResourceRecord(state, input.restApiId, input.resourceId);
  const httpMethod = input.httpMethod ?? '';
  if (!HTTP_METHODS.includes(httpMethod as never)) {
    throw badRequest(`Invalid HttpMethod specified. Valid options are ${HTTP_METHODS.join(',')}`);
  }
  const authorizationType = input.authorizationType ?? '';
  if (!AUTHORIZATION_TYPES.includes(authorizationType as never)) {
    throw badRequest(`Invalid authorization type specified. Valid options are ${AUTHORIZATION_TYPES.join(',')}`);
  }
  if (authorizationType === 'CUSTOM' || authorizationType === 'COGNITO_USER_POOLS') {
    // The sandbox serves no authorizers, so no authorizer id can be valid.
    throw badRequest('Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.');
  }
  if (input.requestValidatorId) throw badRequest('Invalid Request Validator identifier specified');
  for (const model of Object.values(input.requestModels ?? {})) {
    if (!DEFAULT_MODELS.includes(model)) throw badRequest(`Invalid model identifier specified: ${model}`);
  }
  checkRequestParameters(input.requestParameters);
  if (resource.methods[httpMethod]) throw methodExists();

  const method: MethodRecord = { httpMethod, authorizationType, apiKeyRequired: input.apiKeyRequired ?? false };
  if (input.operationName !== undefined) method.operationName = input.operationName;
  if (input.requestParameters && Object.keys(input.requestParameters).length) method.requestParameters = { ...input.requestParameters };
  if (input.requestModels && Object.keys(input.requestModels).length) method.requestModels = { ...input.requestModels };
  if (input.authorizationScopes?.length) method.authorizationScopes = [...input.authorizationScopes];
  resource.methods[httpMethod] = method;
  return method;
}

function checkRequestParameters(params: Record<string, boolean> | undefined): void {
  const seen = new Set<string>();
  for (const key of Object.keys(params ?? {})) {
    const m = /^method\.request\.(querystring|header|path|multivalueheader|multivaluequerystring)\.(.+)$/.exec(key);
    if (!m) throw badRequest(`Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression specified: ${key}]`);
    if (seen.has(m[2]!)) throw badRequest('Parameter names must be unique across querystring, header and path');
    seen.add(m[2]!);
  }
}

export function deleteMethod(state: ApiGatewayState, restApiId: string, resourceId: string, httpMethod: string): void {
  getMethodRecord(state, restApiId, resourceId, httpMethod);
  delete state.restApis[restApiId]!.resources[resourceId]!.methods[httpMethod];
}

export function putMethodResponse(state: ApiGatewayState, input: PutMethodResponseCommandInput): MethodResponseRecord {
  const method = getMethodRecord(state, input.restApiId, input.resourceId, input.httpMethod);
  const statusCode = input.statusCode ?? '';
  checkStatusCode(statusCode);
  for (const model of Object.values(input.responseModels ?? {})) {
    if (!DEFAULT_MODELS.includes(model)) throw badRequest(`Invalid model identifier specified: ${model}`);
  }
  const response: MethodResponseRecord = {
    statusCode,
    responseParameters: { ...(input.responseParameters ?? {}) },
    responseModels: { ...(input.responseModels ?? {}) },
  };
  method.methodResponses = { ...(method.methodResponses ?? {}), [statusCode]: response };
  return response;
}

export function getMethodResponseRecord(state: ApiGatewayState, restApiId: string, resourceId: string, httpMethod: string, statusCode: string): MethodResponseRecord {
  const method = getMethodRecord(state, restApiId, resourceId, httpMethod);
  checkStatusCode(statusCode);
  const response = method.methodResponses?.[statusCode];
  if (!response) throw methodResponseNotFound();
  return response;
}

export function deleteMethodResponse(state: ApiGatewayState, restApiId: string, resourceId: string, httpMethod: string, statusCode: string): void {
  const method = getMethodRecord(state, restApiId, resourceId, httpMethod);
  getMethodResponseRecord(state, restApiId, resourceId, httpMethod, statusCode);
  delete method.methodResponses![statusCode];
  if (!Object.keys(method.methodResponses!).length) delete method.methodResponses;
}

function checkStatusCode(statusCode: string): void {
  if (!/^[1-5]\d\d$/.test(statusCode)) {
    throw validationError([`Value '${statusCode}' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d`]);
  }
}

/** PutIntegration: MOCK, HTTP, HTTP_PROXY, AWS and AWS_PROXY, with AWS's defaults and URI checks. */
export function putIntegration(state: ApiGatewayState, input: PutIntegrationCommandInput): IntegrationRecord {
  const type = input.type as string | undefined;
  if (!type || !INTEGRATION_TYPES.includes(type as never)) {
    throw validationError([
      type
        ? enumProblem(type, 'putIntegrationInput.type', INTEGRATION_TYPES)
        : "Value null at 'putIntegrationInput.type' failed to satisfy constraint: Member must not be null",
    ]);
  }
  const resource = getResourceRecord(state, input.restApiId, input.resourceId);
  const method = getMethodRecord(state, input.restApiId, input.resourceId, input.httpMethod);
  if (input.passthroughBehavior !== undefined && !PASSTHROUGH.includes(input.passthroughBehavior as never)) {
    throw badRequest(`Invalid passthrough behavior specified. Valid options are ${PASSTHROUGH.join(',')}`);
  }
  const timeout = input.timeoutInMillis ?? 29000;
  if (timeout < 50 || timeout > 29000) throw badRequest('Timeout should be between 50 ms and 29000 ms');

  const integration: IntegrationRecord = {
    type,
    passthroughBehavior: input.passthroughBehavior ?? 'WHEN_NO_MATCH',
    timeoutInMillis: timeout,
    cacheNamespace: input.cacheNamespace ?? resource.id,
    cacheKeyParameters: [...(input.cacheKeyParameters ?? [])],
  };
  if (type !== 'MOCK') {
    if (!input.integrationHttpMethod) throw badRequest('Enumeration value for HttpMethod must be non-empty');
    if (!HTTP_METHODS.includes(input.integrationHttpMethod as never)) {
      throw badRequest(`Invalid HttpMethod specified. Valid options are ${HTTP_METHODS.join(',')}`);
    }
    integration.httpMethod = input.integrationHttpMethod;
    const uri = input.uri ?? '';
    if (type === 'HTTP' || type === 'HTTP_PROXY') {
      if (!/^https?:\/\/[^\s/$.?#][^\s]*$/i.test(uri) && input.connectionType !== 'VPC_LINK') {
        throw badRequest('Invalid HTTP endpoint specified for URI');
      }
    } else {
      if (!/^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:[a-z0-9.-]+:(path|action)\/.+/.test(uri)) {
        throw badRequest(uri.startsWith('arn:') ? 'AWS ARN for integration must contain path or action' : 'Invalid ARN specified in the request');
      }
      if (type === 'AWS_PROXY' && !/:(lambda|firehose):path\//.test(uri)) {
        throw badRequest("Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.");
      }
    }
    integration.uri = uri;
    integration.connectionType = input.connectionType ?? 'INTERNET';
    if (input.connectionId !== undefined) integration.connectionId = input.connectionId;
  }
  if (input.credentials !== undefined) integration.credentials = input.credentials;
  if (input.requestParameters && Object.keys(input.requestParameters).length) integration.requestParameters = { ...input.requestParameters };
  if (input.requestTemplates && Object.keys(input.requestTemplates).length) integration.requestTemplates = { ...input.requestTemplates };
  if (input.contentHandling !== undefined) integration.contentHandling = input.contentHandling;
  method.methodIntegration = integration;
  return integration;
}

export function getIntegrationRecord(state: ApiGatewayState, restApiId: string, resourceId: string, httpMethod: string): IntegrationRecord {
  const method = getMethodRecord(state, restApiId, resourceId, httpMethod);
  if (!method.methodIntegration) throw integrationNotFound();
  return method.methodIntegration;
}

export function deleteIntegration(state: ApiGatewayState, restApiId: string, resourceId: string, httpMethod: string): void {
  const method = getMethodRecord(state, restApiId, resourceId, httpMethod);
  if (!method.methodIntegration) throw integrationNotFound();
  delete method.methodIntegration;
}
