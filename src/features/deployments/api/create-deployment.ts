import { CreateDeploymentCommand as CreateRestDeploymentCommand } from '@aws-sdk/client-api-gateway';
import { CreateDeploymentCommand as CreateV2DeploymentCommand } from '@aws-sdk/client-apigatewayv2';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConsoleConfig } from '../../../aws/config.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';
import { apiGatewayV2 } from '../../../aws/apigatewayv2-client.js';
import { apiScope, type ApiKind } from '../../../aws/query-scope.js';

export interface DeployRequest {
  kind: ApiKind;
  apiId: string;
  stageName: string;
  description: string;
  /** REST only: send this share of the stage's traffic to the new deployment as a canary. */
  canaryPercent?: number;
}

/**
 * CreateDeployment (v1 or v2) to a stage. As a canary (REST), the stage keeps serving its deployment and
 * sends `canaryPercent` of requests to the new one. AWS allows one CreateDeployment per 5 seconds.
 */
export async function createDeployment(config: ConsoleConfig, r: DeployRequest): Promise<string> {
  if (r.kind === 'rest') {
    const out = await apiGatewayV1(config).send(
      new CreateRestDeploymentCommand({
        restApiId: r.apiId,
        stageName: r.stageName,
        description: r.description || undefined,
        ...(r.canaryPercent !== undefined ? { canarySettings: { percentTraffic: r.canaryPercent } } : {}),
      }),
    );
    return out.id ?? '';
  }
  const out = await apiGatewayV2(config).send(new CreateV2DeploymentCommand({ ApiId: r.apiId, StageName: r.stageName, Description: r.description || undefined }));
  return out.DeploymentId ?? '';
}

export function useCreateDeployment() {
  const config = useConsoleConfig();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (r: DeployRequest) => createDeployment(config, r),
    onSettled: (_id, _err, r) => queryClient.invalidateQueries({ queryKey: apiScope(config.region, r.kind, r.apiId) }),
  });
}
