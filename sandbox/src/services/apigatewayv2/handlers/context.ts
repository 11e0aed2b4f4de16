import type { OperationContext } from '../../../core/types.js';
import { randomIds, type StoreEnv, type V2State } from '../store/model.js';

export type Ctx = OperationContext<V2State>;

/** The store's view of a request: the sandbox's region, the caller's account, the sandbox clock. */
export function envOf(ctx: Ctx): StoreEnv {
  return {
    region: ctx.config.region,
    account: ctx.caller?.account ?? ctx.config.account,
    now: ctx.config.now(),
    ids: randomIds,
  };
}
