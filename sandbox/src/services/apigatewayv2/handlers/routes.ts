import {
  CreateRoute$,
  GetRoute$,
  GetRoutes$,
  UpdateRoute$,
  type CreateRouteCommandInput,
  type CreateRouteCommandOutput,
  type DeleteRouteCommandInput,
  type GetRouteCommandInput,
  type GetRouteCommandOutput,
  type GetRoutesCommandInput,
  type GetRoutesCommandOutput,
  type UpdateRouteCommandInput,
  type UpdateRouteCommandOutput,
} from '@aws-sdk/client-apigatewayv2';
import * as store from '../store/routes.js';
import { outputOf, type Out } from '../wire.js';
import { envOf, type Ctx } from './context.js';

export function getRoutes(ctx: Ctx, input: GetRoutesCommandInput): Out<GetRoutesCommandOutput> {
  return outputOf(GetRoutes$, store.listRoutes(ctx.state, envOf(ctx), input.ApiId, input.MaxResults, input.NextToken));
}

export function getRoute(ctx: Ctx, input: GetRouteCommandInput): Out<GetRouteCommandOutput> {
  return outputOf(GetRoute$, store.getRoute(ctx.state, envOf(ctx), input.ApiId, input.RouteId));
}

export function createRoute(ctx: Ctx, input: CreateRouteCommandInput): Out<CreateRouteCommandOutput> {
  return outputOf(CreateRoute$, store.createRoute(ctx.state, envOf(ctx), input));
}

export function updateRoute(ctx: Ctx, input: UpdateRouteCommandInput): Out<UpdateRouteCommandOutput> {
  return outputOf(UpdateRoute$, store.updateRoute(ctx.state, envOf(ctx), input));
}

export function deleteRoute(ctx: Ctx, input: DeleteRouteCommandInput): void {
  store.deleteRoute(ctx.state, envOf(ctx), input.ApiId, input.RouteId);
}
