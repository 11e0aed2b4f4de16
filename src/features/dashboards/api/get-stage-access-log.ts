import { GetStageCommand as GetRestStageCommand } from '@aws-sdk/client-api-gateway';
import { GetStageCommand as GetV2StageCommand } from '@aws-sdk/client-apigatewayv2';
import type { ConsoleConfig } from '../../../aws/config.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';
import { apiGatewayV2 } from '../../../aws/apigatewayv2-client.js';
import type { ApiKind } from '../../../aws/query-scope.js';
import type { AccessLog } from '../../../domain/throttle-tracking.js';

/** GetStage (v1 or v2), for its access log settings only. */
export async function fetchStageAccessLog(config: ConsoleConfig, kind: ApiKind, apiId: string, stageName: string, signal?: AbortSignal): Promise<AccessLog | undefined> {
  if (kind === 'rest') {
    const out = await apiGatewayV1(config).send(new GetRestStageCommand({ restApiId: apiId, stageName }), { abortSignal: signal });
    const s = out.accessLogSettings;
    return s && (s.destinationArn || s.format) ? { destinationArn: s.destinationArn || undefined, format: s.format || undefined } : undefined;
  }
  const out = await apiGatewayV2(config).send(new GetV2StageCommand({ ApiId: apiId, StageName: stageName }), { abortSignal: signal });
  const s = out.AccessLogSettings;
  return s && (s.DestinationArn || s.Format) ? { destinationArn: s.DestinationArn || undefined, format: s.Format || undefined } : undefined;
}
