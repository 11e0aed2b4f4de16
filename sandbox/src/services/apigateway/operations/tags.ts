import type {
  GetTagsCommandInput,
  GetTagsCommandOutput,
  TagResourceCommandInput,
  UntagResourceCommandInput,
} from '@aws-sdk/client-api-gateway';
import { getTags, tagResource, untagResource } from '../store/tags.js';
import { operation, storeEnv, type Ctx, type Out } from '../wire.js';

/**
 * Tags of API keys, usage plans, REST APIs and stages. The SDK URL-encodes the ARN into one path segment
 * (`/tags/arn%3Aaws%3Aapigateway%3Aus-east-1%3A%3A%2Fapikeys%2F<id>`); the router decodes it. IAM sees the
 * request path (`apigateway:PUT` on `arn:aws:apigateway:<region>::/tags/<arn>`), as AWS authorizes tagging.
 */
export function getTagsHandler(ctx: Ctx, input: GetTagsCommandInput): Out<GetTagsCommandOutput> {
  return { tags: getTags(ctx.state, storeEnv(ctx), input.resourceArn) };
}

export function tagResourceHandler(ctx: Ctx, input: TagResourceCommandInput): undefined {
  tagResource(ctx.state, storeEnv(ctx), input.resourceArn, input.tags);
  return undefined;
}

/** `tagKeys` is repeated in the query (`?tagKeys=a&tagKeys=b`), one key each: commas are not separators. */
export function untagResourceHandler(ctx: Ctx, input: UntagResourceCommandInput): undefined {
  untagResource(ctx.state, storeEnv(ctx), input.resourceArn, ctx.req.query.has('tagKeys') ? ctx.req.query.getAll('tagKeys') : undefined);
  return undefined;
}

export const tagOperations = [
  operation({
    name: 'GetTags',
    method: 'GET',
    path: '/tags/{resourceArn}',
    status: 200,
    query: { position: ['position', 'string'], limit: ['limit', 'int'] },
    handler: getTagsHandler,
  }),
  operation({ name: 'TagResource', method: 'PUT', path: '/tags/{resourceArn}', status: 204, handler: tagResourceHandler }),
  operation({ name: 'UntagResource', method: 'DELETE', path: '/tags/{resourceArn}', status: 204, handler: untagResourceHandler }),
];
