import { GetDeploymentsCommand as GetRestDeploymentsCommand } from '@aws-sdk/client-api-gateway';
import { GetDeploymentsCommand as GetV2DeploymentsCommand } from '@aws-sdk/client-apigatewayv2';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ConsoleConfig } from '../../../aws/config.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';
import { apiGatewayV2 } from '../../../aws/apigatewayv2-client.js';
import { collectV1, collectV2 } from '../../../aws/paginate.js';
import type { ApiKind } from '../../../aws/query-scope.js';
import { fromRestDeployment, fromV2Deployment, newestFirst, type Deployment } from '../../../domain/deployment.js';
import { deploymentsKeys } from './keys.js';

/** GetDeployments (v1 or v2), every page of 500: an API's deployment history, newest first. */
export async function fetchDeployments(config: ConsoleConfig, kind: ApiKind, apiId: string, signal?: AbortSignal): Promise<Deployment[]> {
  if (kind === 'rest') {
    const client = apiGatewayV1(config);
    const items = await collectV1((page) => client.send(new GetRestDeploymentsCommand({ restApiId: apiId, ...page }), { abortSignal: signal }), signal);
    return items.map(fromRestDeployment).sort(newestFirst);
  }
  const client = apiGatewayV2(config);
  const items = await collectV2((page) => client.send(new GetV2DeploymentsCommand({ ApiId: apiId, ...page }), { abortSignal: signal }), signal);
  return items.map(fromV2Deployment).sort(newestFirst);
}

export const deploymentsQuery = (config: ConsoleConfig, kind: ApiKind, apiId: string) =>
  queryOptions({
    queryKey: deploymentsKeys.list(config.region, kind, apiId),
    queryFn: ({ signal }) => fetchDeployments(config, kind, apiId, signal),
  });

export function useDeployments(kind: ApiKind, apiId: string) {
  return useQuery(deploymentsQuery(useConsoleConfig(), kind, apiId));
}
