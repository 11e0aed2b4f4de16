import type { RestApi } from '@aws-sdk/client-api-gateway';
import type { Api as V2Api } from '@aws-sdk/client-apigatewayv2';

/** The console's view of an API, whichever API Gateway generation serves it. */
export type ApiType = 'REST' | 'HTTP' | 'WEBSOCKET';
export const API_TYPES: readonly ApiType[] = ['REST', 'HTTP', 'WEBSOCKET'];

export interface Api {
  id: string;
  name: string;
  type: ApiType;
  /** Where clients call it: v2 reports it, v1 follows the execute-api pattern of its region. */
  endpoint: string;
  createdDate?: Date;
  description?: string;
  /** REST only: EDGE, REGIONAL or PRIVATE. */
  endpointTypes?: string[];
  /** Whether the default execute-api endpoint is switched off (clients must use a custom domain). */
  executeApiDisabled: boolean;
}

export function fromRestApi(api: RestApi, region: string): Api {
  const id = api.id ?? '';
  return {
    id,
    name: api.name ?? id,
    type: 'REST',
    endpoint: `https://${id}.execute-api.${region}.amazonaws.com`,
    createdDate: api.createdDate,
    description: api.description || undefined,
    endpointTypes: api.endpointConfiguration?.types,
    executeApiDisabled: api.disableExecuteApiEndpoint ?? false,
  };
}

/** Accepts both a GetApis item and a GetApi output (the latter is not typed as an Api). */
export function fromV2Api(
  api: Partial<Pick<V2Api, 'ApiId' | 'Name' | 'ProtocolType' | 'ApiEndpoint' | 'CreatedDate' | 'Description' | 'DisableExecuteApiEndpoint'>>,
): Api {
  const id = api.ApiId ?? '';
  return {
    id,
    name: api.Name ?? id,
    type: api.ProtocolType === 'WEBSOCKET' ? 'WEBSOCKET' : 'HTTP',
    endpoint: api.ApiEndpoint ?? '',
    createdDate: api.CreatedDate,
    description: api.Description || undefined,
    executeApiDisabled: api.DisableExecuteApiEndpoint ?? false,
  };
}

/** URL segment for an API's detail page: v1 and v2 ids live in separate namespaces. */
export function apiPathKind(type: ApiType): 'rest' | 'v2' {
  return type === 'REST' ? 'rest' : 'v2';
}
