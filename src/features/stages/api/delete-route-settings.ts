import { DeleteRouteSettingsCommand } from '@aws-sdk/client-apigatewayv2';
import type { ConsoleConfig } from '../../../aws/config.js';
import { apiGatewayV2 } from '../../../aws/apigatewayv2-client.js';
import type { StageRef } from './stage-ref.js';

/** DeleteRouteSettings (v2): removes one route's override; the route falls back to the stage default. */
export async function deleteRouteSettings(config: ConsoleConfig, ref: StageRef, routeKey: string): Promise<void> {
  await apiGatewayV2(config).send(new DeleteRouteSettingsCommand({ ApiId: ref.apiId, StageName: ref.stageName, RouteKey: routeKey }));
}
