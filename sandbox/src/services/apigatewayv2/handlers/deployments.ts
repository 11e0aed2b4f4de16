import {
  CreateDeployment$,
  GetDeployment$,
  GetDeployments$,
  type CreateDeploymentCommandInput,
  type CreateDeploymentCommandOutput,
  type DeleteDeploymentCommandInput,
  type GetDeploymentCommandInput,
  type GetDeploymentCommandOutput,
  type GetDeploymentsCommandInput,
  type GetDeploymentsCommandOutput,
} from '@aws-sdk/client-apigatewayv2';
import * as store from '../store/deployments.js';
import { outputOf, type Out } from '../wire.js';
import { envOf, type Ctx } from './context.js';

export function getDeployments(ctx: Ctx, input: GetDeploymentsCommandInput): Out<GetDeploymentsCommandOutput> {
  return outputOf(GetDeployments$, store.listDeployments(ctx.state, envOf(ctx), input.ApiId, input.MaxResults, input.NextToken));
}

export function getDeployment(ctx: Ctx, input: GetDeploymentCommandInput): Out<GetDeploymentCommandOutput> {
  return outputOf(GetDeployment$, store.getDeployment(ctx.state, envOf(ctx), input.ApiId, input.DeploymentId));
}

export function createDeployment(ctx: Ctx, input: CreateDeploymentCommandInput): Out<CreateDeploymentCommandOutput> {
  return outputOf(CreateDeployment$, store.createDeployment(ctx.state, envOf(ctx), input));
}

export function deleteDeployment(ctx: Ctx, input: DeleteDeploymentCommandInput): void {
  store.deleteDeployment(ctx.state, envOf(ctx), input.ApiId, input.DeploymentId);
}
