import {
  CreateApi$,
  GetApi$,
  GetApis$,
  UpdateApi$,
  type CreateApiCommandInput,
  type CreateApiCommandOutput,
  type DeleteApiCommandInput,
  type GetApiCommandInput,
  type GetApiCommandOutput,
  type GetApisCommandInput,
  type GetApisCommandOutput,
  type UpdateApiCommandInput,
  type UpdateApiCommandOutput,
} from '@aws-sdk/client-apigatewayv2';
import * as store from '../store/apis.js';
import { outputOf, type Out } from '../wire.js';
import { envOf, type Ctx } from './context.js';

export function getApis(ctx: Ctx, input: GetApisCommandInput): Out<GetApisCommandOutput> {
  return outputOf(GetApis$, store.listApis(ctx.state, input.MaxResults, input.NextToken));
}

export function getApi(ctx: Ctx, input: GetApiCommandInput): Out<GetApiCommandOutput> {
  return outputOf(GetApi$, store.getApi(ctx.state, envOf(ctx), input.ApiId));
}

export function createApi(ctx: Ctx, input: CreateApiCommandInput): Out<CreateApiCommandOutput> {
  return outputOf(CreateApi$, store.createApi(ctx.state, envOf(ctx), input).api);
}

export function updateApi(ctx: Ctx, input: UpdateApiCommandInput): Out<UpdateApiCommandOutput> {
  return outputOf(UpdateApi$, store.updateApi(ctx.state, envOf(ctx), input));
}

export function deleteApi(ctx: Ctx, input: DeleteApiCommandInput): void {
  store.deleteApi(ctx.state, envOf(ctx), input.ApiId);
}
