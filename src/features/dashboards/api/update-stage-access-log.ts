import { UpdateStageCommand as UpdateRestStageCommand, type UpdateStageCommandInput as RestInput } from '@aws-sdk/client-api-gateway';
import { UpdateStageCommand as UpdateV2StageCommand, type UpdateStageCommandInput as V2Input } from '@aws-sdk/client-apigatewayv2';
import type { ConsoleConfig } from '../../../aws/config.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';
import { apiGatewayV2 } from '../../../aws/apigatewayv2-client.js';
import type { ApiKind } from '../../../aws/query-scope.js';

/**
 * UpdateStage for access logging only: v1 with `/accessLogSettings/destinationArn` and `/format` patches,
 * v2 with AccessLogSettings (the other stage settings are left alone either way).
 */
export async function updateStageAccessLog(config: ConsoleConfig, kind: ApiKind, input: Record<string, unknown>): Promise<void> {
  if (kind === 'rest') await apiGatewayV1(config).send(new UpdateRestStageCommand(input as unknown as RestInput));
  else await apiGatewayV2(config).send(new UpdateV2StageCommand(input as unknown as V2Input));
}
