import { UpdateStageCommand as UpdateRestStageCommand, type PatchOperation } from '@aws-sdk/client-api-gateway';
import { UpdateStageCommand as UpdateV2StageCommand } from '@aws-sdk/client-apigatewayv2';
import type { ConsoleConfig } from '../../../aws/config.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';
import { apiGatewayV2 } from '../../../aws/apigatewayv2-client.js';
import { fromRestStageSettings, fromV2StageSettings, type StageSettings } from '../../../domain/stage-settings.js';
import type { V2StageRequests } from '../../../domain/stage-change.js';
import type { StageRef } from './stage-ref.js';

/** UpdateStage (v1): every patch operation in one request, which AWS applies all or none. */
export async function updateRestStage(config: ConsoleConfig, ref: StageRef, patchOperations: PatchOperation[]): Promise<StageSettings> {
  const out = await apiGatewayV1(config).send(new UpdateRestStageCommand({ restApiId: ref.apiId, stageName: ref.stageName, patchOperations }));
  return fromRestStageSettings(out);
}

/** UpdateStage (v2): a partial update with whole DefaultRouteSettings / RouteSettings entries. */
export async function updateV2Stage(config: ConsoleConfig, ref: StageRef, update: NonNullable<V2StageRequests['update']>): Promise<StageSettings> {
  const out = await apiGatewayV2(config).send(new UpdateV2StageCommand({ ApiId: ref.apiId, StageName: ref.stageName, ...update }));
  return fromV2StageSettings(out);
}
