import { GetStagesCommand } from '@aws-sdk/client-apigatewayv2';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ConsoleConfig } from '../../../aws/config.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { apiGatewayV2 } from '../../../aws/apigatewayv2-client.js';
import { collectV2 } from '../../../aws/paginate.js';
import { byStageName, fromV2Stage } from '../../../domain/stage.js';
import { apisKeys } from './keys.js';

export const v2StagesQuery = (config: ConsoleConfig, apiId: string) =>
  queryOptions({
    queryKey: apisKeys.v2Stages(config.region, apiId),
    queryFn: async ({ signal }) => {
      const client = apiGatewayV2(config);
      const items = await collectV2((page) => client.send(new GetStagesCommand({ ApiId: apiId, ...page }), { abortSignal: signal }), signal);
      return items.map(fromV2Stage).sort(byStageName);
    },
  });

export function useV2Stages(apiId: string) {
  return useQuery(v2StagesQuery(useConsoleConfig(), apiId));
}
