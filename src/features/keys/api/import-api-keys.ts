import { ImportApiKeysCommand } from '@aws-sdk/client-api-gateway';
import type { ConsoleConfig } from '../../../aws/config.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';

/**
 * ImportApiKeys (format csv): creates every key of the file in one request. With failOnWarnings AWS
 * refuses the whole file if any row is wrong, so a partial import never happens behind the preview.
 */
export async function importApiKeys(config: ConsoleConfig, csv: string): Promise<{ ids: string[]; warnings: string[] }> {
  const out = await apiGatewayV1(config).send(new ImportApiKeysCommand({ body: new TextEncoder().encode(csv), format: 'csv', failOnWarnings: true }));
  return { ids: out.ids ?? [], warnings: out.warnings ?? [] };
}
