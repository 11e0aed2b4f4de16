import { UpdateUsagePlanCommand, type PatchOperation } from '@aws-sdk/client-api-gateway';
import type { ConsoleConfig } from '../../../aws/config.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';
import { fromSdkUsagePlan, type UsagePlan } from '../../../domain/usage-plan.js';

/**
 * UpdateUsagePlan, which AWS allows once per 20 seconds per account. The console's pacer (src/aws/pacing.ts)
 * spaces its own calls 22 s apart; this module keeps the same schedule in the open, so a screen can say
 * "this one will be sent in N s" and count down instead of sitting on a frozen button, and so the
 * re-read before a change happens after the wait, not 20 s before the change is sent.
 */
export const USAGE_PLAN_UPDATE_INTERVAL_MS = 22_000;

let nextSendAt = 0;

/** How long until the next UpdateUsagePlan may go out, in ms (0: now). */
export function usagePlanUpdateWait(now = Date.now()): number {
  return Math.max(0, nextSendAt - now);
}

/** When the next UpdateUsagePlan may go out (epoch ms). */
export function usagePlanUpdateSlot(): number {
  return nextSendAt;
}

/** Waits for the next slot, telling `onWait` when it will be (only if there is a wait). */
export async function waitForUsagePlanSlot(onWait?: (sendAt: number) => void, signal?: AbortSignal): Promise<void> {
  for (;;) {
    const wait = usagePlanUpdateWait();
    if (wait <= 0) return;
    onWait?.(nextSendAt);
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(resolve, wait);
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(t);
          reject(signal.reason ?? new DOMException('Cancelled', 'AbortError'));
        },
        { once: true },
      );
    });
  }
}

/**
 * AWS refused the call for its quota (someone else in the account, or another tab, just updated a plan).
 * Raised instead of letting the SDK retry blind, so the caller can wait in the open and re-read first.
 */
export class UsagePlanUpdateThrottled extends Error {
  override readonly name = 'UsagePlanUpdateThrottled';
  constructor(readonly retryAt: number, override readonly cause: unknown) {
    super('AWS allows one change to a usage plan every 20 seconds.');
  }
}

/** UpdateUsagePlan: every patch operation in one request, which AWS applies all or none. */
export async function updateUsagePlan(config: ConsoleConfig, planId: string, patchOperations: PatchOperation[]): Promise<UsagePlan> {
  const command = new UpdateUsagePlanCommand({ usagePlanId: planId, patchOperations });
  // Inside the SDK's retry loop: a 429 becomes an error the loop does not retry (see UsagePlanUpdateThrottled).
  command.middlewareStack.add(
    (next) => async (args) => {
      const sentAt = Date.now();
      nextSendAt = Math.max(nextSendAt, sentAt + USAGE_PLAN_UPDATE_INTERVAL_MS);
      try {
        return await next(args);
      } catch (e) {
        const err = e as { $metadata?: { httpStatusCode?: number }; retryAfterSeconds?: string };
        if (err.$metadata?.httpStatusCode === 429) {
          const retryAt = Math.max(nextSendAt, Date.now() + Number(err.retryAfterSeconds ?? 20) * 1000);
          nextSendAt = retryAt;
          throw new UsagePlanUpdateThrottled(retryAt, e);
        }
        throw e;
      }
    },
    { step: 'finalizeRequest', priority: 'low', name: 'usagePlanQuotaObserver' },
  );
  const out = await apiGatewayV1(config).send(command);
  return fromSdkUsagePlan(out);
}
