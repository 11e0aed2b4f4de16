import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConsoleConfig } from '../../../../aws/config.js';
import { useConsoleConfig } from '../../../../aws/config-context.js';
import {
  diffPlans,
  invertChanges,
  planDriftSince,
  planPatchOperations,
  readField,
  stageRef,
  type PlanDrift,
  type PlanFieldChange,
  type PlanSettings,
  type PlanValue,
} from '../../../../domain/usage-plan-change.js';
import type { UsagePlan } from '../../../../domain/usage-plan.js';
import { fetchUsagePlan } from '../../api/get-usage-plan.js';
import { updateUsagePlan, UsagePlanUpdateThrottled, waitForUsagePlanSlot } from '../../api/update-usage-plan.js';
import { deleteUsagePlan } from '../../api/delete-usage-plan.js';
import { keysKeys } from '../../api/keys.js';

/**
 * The safe-change pipeline for usage plans, as for stages: a change planned against the plan as the
 * operator saw it, shown with its exact request, then applied by waiting for AWS's UpdateUsagePlan slot
 * (one call per 20 s), re-reading the plan, refusing if anything the change touches moved, sending the one
 * request, and reading back what AWS now holds. The undo is the same change with before and after swapped.
 */
export interface UsagePlanChange {
  planId: string;
  title: string;
  /** The plan when the form opened: the change is planned, and later checked, against it. */
  opened: PlanSettings;
  changes: PlanFieldChange[];
}

export interface PlannedRequest {
  operation: string;
  input: Record<string, unknown>;
}

export interface Mismatch {
  label: string;
  expected: PlanValue;
  actual: PlanValue;
}

export type ChangeOutcome =
  | { kind: 'applied'; before: UsagePlan; after: UsagePlan; mismatches: Mismatch[]; undo: UsagePlanChange }
  | { kind: 'drift'; drift: PlanDrift[]; current: UsagePlan };

export interface ApplyOptions {
  /** Called when the change has to wait for AWS's quota, with the time it will be sent (epoch ms). */
  onWait?: (sendAt: number) => void;
  signal?: AbortSignal;
}

export function makeChange(planId: string, title: string, opened: PlanSettings, desired: PlanSettings, apiName?: (apiId: string) => string | undefined): UsagePlanChange {
  return { planId, title, opened, changes: diffPlans(opened, desired, apiName) };
}

export function changeRequests(c: UsagePlanChange): PlannedRequest[] {
  return [{ operation: 'UpdateUsagePlan', input: { usagePlanId: c.planId, patchOperations: planPatchOperations(c.changes) } }];
}

/** How many times a change waits out someone else's UpdateUsagePlan before giving up and showing AWS's error. */
const MAX_THROTTLED_ROUNDS = 3;

/** Waits for the slot, then calls `send`; if AWS still says wait (another tool took the slot), waits and tries again. */
async function inSlot<T>(send: () => Promise<T>, opts: ApplyOptions): Promise<T> {
  for (let round = 0; ; round++) {
    await waitForUsagePlanSlot(opts.onWait, opts.signal);
    try {
      return await send();
    } catch (e) {
      if (!(e instanceof UsagePlanUpdateThrottled)) throw e;
      if (round + 1 >= MAX_THROTTLED_ROUNDS) throw e.cause;
    }
  }
}

export async function applyUsagePlanChange(config: ConsoleConfig, change: UsagePlanChange, opts: ApplyOptions = {}): Promise<ChangeOutcome> {
  return inSlot(async () => {
    // Read again only once the slot is ours: what is checked is what the request will change.
    const current = await fetchUsagePlan(config, change.planId);
    const drift = planDriftSince(change.opened, current, change.changes);
    if (drift.length) return { kind: 'drift', drift, current };
    const after = await updateUsagePlan(config, change.planId, planPatchOperations(change.changes));
    const mismatches = change.changes
      .map((c) => ({ label: c.label, expected: c.after, actual: readField(after, c.field) }))
      .filter((m) => m.expected !== m.actual);
    const undo: UsagePlanChange = { planId: change.planId, title: `Undo: ${change.title}`, opened: after, changes: invertChanges(change.changes) };
    return { kind: 'applied', before: current, after, mismatches, undo };
  }, opts);
}

export function useApplyUsagePlanChange() {
  const config = useConsoleConfig();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ change, opts }: { change: UsagePlanChange; opts?: ApplyOptions }) => applyUsagePlanChange(config, change, opts),
    onSettled: (_out, _err, { change }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: keysKeys.plan(config.region, change.planId) }),
        queryClient.invalidateQueries({ queryKey: keysKeys.plans(config.region) }),
      ]),
  });
}

// ---------------------------------------------------------------------------------------------------
// Deleting a plan: its API stages go first (AWS refuses to delete a plan that has any), in one request.

export type DeleteOutcome =
  | { kind: 'deleted'; plan: UsagePlan }
  | { kind: 'drift'; drift: PlanDrift[]; current: UsagePlan }
  | { kind: 'partial'; done: PlannedRequest[]; failed: PlannedRequest; error: unknown };

const stageSet = (p: PlanSettings) => p.stages.map((s) => stageRef(s.apiId, s.stage)).sort().join(', ');

export async function deleteUsagePlanSafely(config: ConsoleConfig, opened: UsagePlan, opts: ApplyOptions = {}): Promise<DeleteOutcome> {
  const detach = async () => {
    const current = await fetchUsagePlan(config, opened.id);
    if (stageSet(current) !== stageSet(opened)) {
      return { kind: 'drift' as const, drift: [{ label: 'API stages', whenOpened: stageSet(opened) || undefined, now: stageSet(current) || undefined }], current };
    }
    if (current.stages.length) {
      const ops = current.stages.map((s) => ({ op: 'remove' as const, path: '/apiStages', value: stageRef(s.apiId, s.stage) }));
      await updateUsagePlan(config, opened.id, ops);
      return { kind: 'detached' as const, request: { operation: 'UpdateUsagePlan', input: { usagePlanId: opened.id, patchOperations: ops } } };
    }
    return { kind: 'nothing' as const };
  };
  const first = opened.stages.length ? await inSlot(detach, opts) : await detach();
  if (first.kind === 'drift') return first;
  const request = { operation: 'DeleteUsagePlan', input: { usagePlanId: opened.id } };
  try {
    await deleteUsagePlan(config, opened.id);
  } catch (error) {
    if (first.kind === 'nothing') throw error;
    return { kind: 'partial', done: [first.request], failed: request, error };
  }
  return { kind: 'deleted', plan: opened };
}

export function useDeleteUsagePlan() {
  const config = useConsoleConfig();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ plan, opts }: { plan: UsagePlan; opts?: ApplyOptions }) => deleteUsagePlanSafely(config, plan, opts),
    onSettled: (_out, _err, { plan }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: keysKeys.plans(config.region) }),
        queryClient.invalidateQueries({ queryKey: keysKeys.memberships(config.region) }),
        queryClient.removeQueries({ queryKey: keysKeys.plan(config.region, plan.id) }),
      ]),
  });
}
