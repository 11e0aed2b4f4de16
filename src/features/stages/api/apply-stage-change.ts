import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConsoleConfig } from '../../../aws/config.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { apiScope } from '../../../aws/query-scope.js';
import type { StageSettings } from '../../../domain/stage-settings.js';
import {
  applyEdit,
  driftSince,
  isUndoable,
  planStageChange,
  readField,
  restoreEdit,
  restPatchOperations,
  v2StageRequests,
  type Drift,
  type FieldChange,
  type StageEdit,
  type Value,
} from '../../../domain/stage-change.js';
import { fetchStage } from './get-stage.js';
import { updateRestStage, updateV2Stage } from './update-stage.js';
import { deleteRouteSettings } from './delete-route-settings.js';
import type { StageRef } from './stage-ref.js';

/** A change an operator has asked for, planned against the stage as they saw it. */
export interface StagePlan {
  ref: StageRef;
  title: string;
  edit: StageEdit;
  opened: StageSettings;
  changes: FieldChange[];
}

export interface PlannedRequest {
  operation: string;
  input: Record<string, unknown>;
}

export type ApplyOutcome =
  | { kind: 'applied'; before: StageSettings; after: StageSettings; mismatches: Mismatch[]; undo?: StagePlan }
  | { kind: 'drift'; drift: Drift[]; current: StageSettings }
  | { kind: 'partial'; done: PlannedRequest[]; failed: PlannedRequest; error: unknown; notDone: PlannedRequest[] };

/** A field AWS reports differently from what the change asked for. */
export interface Mismatch {
  label: string;
  expected: Value;
  actual: Value;
}

export function makePlan(ref: StageRef, title: string, opened: StageSettings, edit: StageEdit): StagePlan {
  return { ref, title, edit, opened, changes: planStageChange(opened, edit) };
}

/** The exact requests a plan sends, in order, as shown in the preview. */
export function plannedRequests(plan: StagePlan, base: StageSettings = plan.opened): PlannedRequest[] {
  const { ref } = plan;
  if (ref.kind === 'rest') {
    return [{ operation: 'UpdateStage', input: { restApiId: ref.apiId, stageName: ref.stageName, patchOperations: restPatchOperations(plan.changes) } }];
  }
  const { update, deleteRouteSettings: keys } = v2StageRequests(applyEdit(base, plan.edit), plan.changes);
  return [
    ...(update ? [{ operation: 'UpdateStage', input: { ApiId: ref.apiId, StageName: ref.stageName, ...update } }] : []),
    ...keys.map((RouteKey) => ({ operation: 'DeleteRouteSettings', input: { ApiId: ref.apiId, StageName: ref.stageName, RouteKey } })),
  ];
}

const sameChanges = (a: FieldChange[], b: FieldChange[]) =>
  JSON.stringify(a.map((c) => [c.field, c.before, c.after])) === JSON.stringify(b.map((c) => [c.field, c.before, c.after]));

/**
 * Applies a plan safely: re-reads the stage, refuses if anything the change touches moved since the form
 * opened (or the same edit would now change more), sends the requests, then reads the result back and
 * says where AWS differs from what was asked. A v2 change that needs several calls reports exactly
 * which went through if one fails.
 */
export async function applyStagePlan(config: ConsoleConfig, plan: StagePlan): Promise<ApplyOutcome> {
  const current = await fetchStage(config, plan.ref);
  const drift = driftSince(plan.opened, current, plan.changes);
  const now = planStageChange(current, plan.edit);
  if (drift.length || !sameChanges(now, plan.changes)) {
    const extra = now
      .filter((c) => !plan.changes.some((p) => JSON.stringify(p.field) === JSON.stringify(c.field)))
      .map((c) => ({ label: `${c.label} (appeared since the form opened)`, whenOpened: undefined, now: c.before }));
    return { kind: 'drift', drift: [...drift, ...extra], current };
  }

  let after: StageSettings;
  if (plan.ref.kind === 'rest') {
    after = await updateRestStage(config, plan.ref, restPatchOperations(plan.changes));
  } else {
    const requests = plannedRequests(plan, current);
    const done: PlannedRequest[] = [];
    for (const [i, r] of requests.entries()) {
      try {
        if (r.operation === 'UpdateStage') {
          const { ApiId: _a, StageName: _s, ...update } = r.input;
          await updateV2Stage(config, plan.ref, update);
        } else {
          await deleteRouteSettings(config, plan.ref, String(r.input.RouteKey));
        }
        done.push(r);
      } catch (error) {
        // Nothing was changed if the first call failed; otherwise say exactly what went through.
        if (i === 0) throw error;
        return { kind: 'partial', done, failed: r, error, notDone: requests.slice(i + 1) };
      }
    }
    after = await fetchStage(config, plan.ref);
  }

  const mismatches = plan.changes
    .map((c) => ({ label: c.label, expected: c.after, actual: readField(after, c.field) }))
    .filter((m) => m.expected !== m.actual);
  const undoEdit = restoreEdit(current, plan.changes);
  const undo = isUndoable(plan.changes) ? makePlan(plan.ref, `Undo: ${plan.title}`, after, undoEdit) : undefined;
  return { kind: 'applied', before: current, after, mismatches, undo: undo?.changes.length ? undo : undefined };
}

/** The mutation hook: applies, then refreshes everything shown about this API. */
export function useApplyStagePlan() {
  const config = useConsoleConfig();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (plan: StagePlan) => applyStagePlan(config, plan),
    onSettled: (_out, _err, plan) => queryClient.invalidateQueries({ queryKey: apiScope(config.region, plan.ref.kind, plan.ref.apiId) }),
  });
}
