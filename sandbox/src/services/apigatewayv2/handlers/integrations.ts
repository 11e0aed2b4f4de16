import {
  CreateIntegration$,
  GetIntegration$,
  GetIntegrations$,
  type CreateIntegrationCommandInput,
  type CreateIntegrationCommandOutput,
  type DeleteIntegrationCommandInput,
  type GetIntegrationCommandInput,
  type GetIntegrationCommandOutput,
  type GetIntegrationsCommandInput,
  type GetIntegrationsCommandOutput,
} from '@aws-sdk/client-apigatewayv2';
import * as store from '../store/integrations.js';
import { outputOf, type Out } from '../wire.js';
import { envOf, type Ctx } from './context.js';

export function getIntegrations(ctx: Ctx, input: GetIntegrationsCommandInput): Out<GetIntegrationsCommandOutput> {
  return outputOf(GetIntegrations$, store.listIntegrations(ctx.state, envOf(ctx), input.ApiId, input.MaxResults, input.NextToken));
}

export function getIntegration(ctx: Ctx, input: GetIntegrationCommandInput): Out<GetIntegrationCommandOutput> {
  return outputOf(GetIntegration$, store.getIntegration(ctx.state, envOf(ctx), input.ApiId, input.IntegrationId));
}

export function createIntegration(ctx: Ctx, input: CreateIntegrationCommandInput): Out<CreateIntegrationCommandOutput> {
  return outputOf(CreateIntegration$, store.createIntegration(ctx.state, envOf(ctx), input));
}

export function deleteIntegration(ctx: Ctx, input: DeleteIntegrationCommandInput): void {
  store.deleteIntegration(ctx.state, envOf(ctx), input.ApiId, input.IntegrationId);
}
