import {
  CreateStage$,
  GetStage$,
  GetStages$,
  UpdateStage$,
  type CreateStageCommandInput,
  type CreateStageCommandOutput,
  type DeleteAccessLogSettingsCommandInput,
  type DeleteRouteSettingsCommandInput,
  type DeleteStageCommandInput,
  type GetStageCommandInput,
  type GetStageCommandOutput,
  type GetStagesCommandInput,
  type GetStagesCommandOutput,
  type UpdateStageCommandInput,
  type UpdateStageCommandOutput,
} from '@aws-sdk/client-apigatewayv2';
import * as store from '../store/stages.js';
import { outputOf, type Out } from '../wire.js';
import { envOf, type Ctx } from './context.js';

export function getStages(ctx: Ctx, input: GetStagesCommandInput): Out<GetStagesCommandOutput> {
  return outputOf(GetStages$, store.listStages(ctx.state, envOf(ctx), input.ApiId, input.MaxResults, input.NextToken));
}

export function getStage(ctx: Ctx, input: GetStageCommandInput): Out<GetStageCommandOutput> {
  return outputOf(GetStage$, store.getStage(ctx.state, envOf(ctx), input.ApiId, input.StageName));
}

export function createStage(ctx: Ctx, input: CreateStageCommandInput): Out<CreateStageCommandOutput> {
  return outputOf(CreateStage$, store.createStage(ctx.state, envOf(ctx), input));
}

export function deleteStage(ctx: Ctx, input: DeleteStageCommandInput): void {
  store.deleteStage(ctx.state, envOf(ctx), input.ApiId, input.StageName);
}

export function updateStage(ctx: Ctx, input: UpdateStageCommandInput): Out<UpdateStageCommandOutput> {
  return outputOf(UpdateStage$, store.updateStage(ctx.state, envOf(ctx), input));
}

export function deleteAccessLogSettings(ctx: Ctx, input: DeleteAccessLogSettingsCommandInput): void {
  store.deleteAccessLogSettings(ctx.state, envOf(ctx), input.ApiId, input.StageName);
}

export function deleteRouteSettings(ctx: Ctx, input: DeleteRouteSettingsCommandInput): void {
  store.deleteRouteSettings(ctx.state, envOf(ctx), input.ApiId, input.StageName, input.RouteKey);
}
