import { GetTags$, type GetTagsCommandInput, type GetTagsCommandOutput } from '@aws-sdk/client-apigatewayv2';
import * as store from '../store/apis.js';
import { outputOf, type Out } from '../wire.js';
import { envOf, type Ctx } from './context.js';

export function getTags(ctx: Ctx, input: GetTagsCommandInput): Out<GetTagsCommandOutput> {
  return outputOf(GetTags$, { tags: store.getTags(ctx.state, envOf(ctx), input.ResourceArn) });
}
