import type { GetAccountCommandInput, GetAccountCommandOutput, GetTagsCommandInput, GetTagsCommandOutput } from '@aws-sdk/client-api-gateway';
import { badRequest, notFound } from '../errors.js';
import { operation, type Ctx, type Out } from '../wire.js';

/**
 * GetAccount: the account-level throttle AWS applies by default (10,000 requests/s, burst 5,000), and the
 * CloudWatch role when one is set (the demo and scale seeds set one; an empty state has none, so logging
 * settings on stages are refused there, as on a fresh AWS account).
 */
export function getAccount(ctx: Ctx, _input: GetAccountCommandInput): Out<GetAccountCommandOutput> {
  const out: Out<GetAccountCommandOutput> = { throttleSettings: { burstLimit: 5000, rateLimit: 10000 }, features: ['UsagePlans'], apiKeyVersion: '4' };
  const role = ctx.state.account?.cloudwatchRoleArn;
  if (role) out.cloudwatchRoleArn = role;
  return out;
}

/** GetTags for a REST API or one of its stages (`arn:aws:apigateway:<region>::/restapis/<id>[/stages/<name>]`). */
export function getTags(ctx: Ctx, input: GetTagsCommandInput): Out<GetTagsCommandOutput> {
  const arn = input.resourceArn ?? '';
  const m = /^arn:aws[a-z-]*:apigateway:([a-z0-9-]+)::\/(.+)$/.exec(arn);
  if (!m) throw badRequest(`Invalid ARN. ARN is not well formed ${arn}`);
  const path = m[2]!;
  const api = /^restapis\/([^/]+)(?:\/stages\/([^/]+))?$/.exec(path);
  const record = api ? ctx.state.restApis[api[1]!] : undefined;
  if (api && record) {
    if (!api[2]) return { tags: { ...(record.tags ?? {}) } };
    const stage = record.stages[api[2]];
    if (stage) return { tags: { ...(stage.tags ?? {}) } };
  }
  throw notFound('Invalid resource identifier specified');
}

export const accountOperations = [
  operation({ name: 'GetAccount', method: 'GET', path: '/account', status: 200, handler: getAccount }),
  operation({
    name: 'GetTags',
    method: 'GET',
    path: '/tags/{resourceArn}',
    status: 200,
    query: { position: ['position', 'string'], limit: ['limit', 'int'] },
    handler: getTags,
  }),
];
