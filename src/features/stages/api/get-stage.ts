import { GetStageCommand as GetRestStageCommand } from '@aws-sdk/client-api-gateway';
import { GetStageCommand as GetV2StageCommand } from '@aws-sdk/client-apigatewayv2';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ConsoleConfig } from '../../../aws/config.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';
import { apiGatewayV2 } from '../../../aws/apigatewayv2-client.js';
import { fromRestStageSettings, fromV2StageSettings, type StageSettings } from '../../../domain/stage-settings.js';
import { stagesKeys } from './keys.js';
import type { StageRef } from './stage-ref.js';

/** GetStage (v1 or v2): everything about one stage. Also the re-read before every change. */
export async function fetchStage(config: ConsoleConfig, ref: StageRef, signal?: AbortSignal): Promise<StageSettings> {
  if (ref.kind === 'rest') {
    const out = await apiGatewayV1(config).send(new GetRestStageCommand({ restApiId: ref.apiId, stageName: ref.stageName }), { abortSignal: signal });
    return fromRestStageSettings(out);
  }
  const out = await apiGatewayV2(config).send(new GetV2StageCommand({ ApiId: ref.apiId, StageName: ref.stageName }), { abortSignal: signal });
  return fromV2StageSettings(out);
}

export const stageQuery = (config: ConsoleConfig, ref: StageRef) =>
  queryOptions({
    queryKey: stagesKeys.stage(config.region, ref.kind, ref.apiId, ref.stageName),
    queryFn: ({ signal }) => fetchStage(config, ref, signal),
  });

export function useStage(ref: StageRef) {
  return useQuery(stageQuery(useConsoleConfig(), ref));
}
