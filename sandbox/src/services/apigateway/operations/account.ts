import type { GetAccountCommandInput, GetAccountCommandOutput } from '@aws-sdk/client-api-gateway';
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

export const accountOperations = [
  operation({ name: 'GetAccount', method: 'GET', path: '/account', status: 200, handler: getAccount }),
];
