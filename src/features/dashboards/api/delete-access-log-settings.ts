import { DeleteAccessLogSettingsCommand } from '@aws-sdk/client-apigatewayv2';
import type { ConsoleConfig } from '../../../aws/config.js';
import { apiGatewayV2 } from '../../../aws/apigatewayv2-client.js';

/**
 * DeleteAccessLogSettings (HTTP and WebSocket stages): turns access logging off. v2's UpdateStage cannot,
 * since an empty AccessLogSettings changes nothing; REST stages use UpdateStage `remove /accessLogSettings`.
 */
export async function deleteAccessLogSettings(config: ConsoleConfig, apiId: string, stageName: string): Promise<void> {
  await apiGatewayV2(config).send(new DeleteAccessLogSettingsCommand({ ApiId: apiId, StageName: stageName }));
}
