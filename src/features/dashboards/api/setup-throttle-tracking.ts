import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PutMetricFilterCommandInput } from '@aws-sdk/client-cloudwatch-logs';
import type { ConsoleConfig } from '../../../aws/config.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { apiScope } from '../../../aws/query-scope.js';
import { assessTracking, samePlan, type AccessLog, type Assessment, type PlannedCall, type SetupPlan } from '../../../domain/throttle-tracking.js';
import { undoDrift, type TrackingUndoPlan } from '../../../domain/throttle-tracking-undo.js';
import { createLogGroup } from './create-log-group.js';
import { deleteAccessLogSettings } from './delete-access-log-settings.js';
import { deleteMetricFilter } from './delete-metric-filter.js';
import { putMetricFilter } from './put-metric-filter.js';
import { updateStageAccessLog } from './update-stage-access-log.js';
import { fetchTrackingSnapshot, type TrackedStage } from './throttle-tracking.js';

/** A later call failed: what went through, what failed, and what was never sent. */
export type PartlySent = { kind: 'partial'; done: PlannedCall[]; failed: PlannedCall; error: unknown; notDone: PlannedCall[] };

export type SetupOutcome =
  /** `before` is the stage's access logging just before the setup: what its undo restores. */
  | { kind: 'applied'; done: PlannedCall[]; after: Assessment; before: AccessLog | undefined }
  | { kind: 'drift'; now: Assessment }
  | PartlySent;

async function send(config: ConsoleConfig, stage: TrackedStage, call: PlannedCall): Promise<void> {
  if (call.operation === 'CreateLogGroup') return createLogGroup(config, String(call.input.logGroupName));
  if (call.operation === 'UpdateStage') return updateStageAccessLog(config, stage.kind, call.input);
  if (call.operation === 'DeleteAccessLogSettings') return deleteAccessLogSettings(config, stage.apiId, stage.stageName);
  if (call.operation === 'DeleteMetricFilter') return deleteMetricFilter(config, String(call.input.logGroupName), String(call.input.filterName));
  return putMetricFilter(config, call.input as unknown as PutMetricFilterCommandInput);
}

type Sent = { kind: 'sent'; done: PlannedCall[] } | PartlySent;

/** Sends the calls in order; a first call refused is thrown (nothing changed), a later one reported with what went through. */
async function sendAll(config: ConsoleConfig, stage: TrackedStage, calls: readonly PlannedCall[]): Promise<Sent> {
  const done: PlannedCall[] = [];
  for (const [i, call] of calls.entries()) {
    try {
      await send(config, stage, call);
      done.push(call);
    } catch (error) {
      if (i === 0) throw error;
      return { kind: 'partial', done, failed: call, error, notDone: calls.slice(i + 1) };
    }
  }
  return { kind: 'sent', done };
}

/**
 * Applies a previewed setup safely: reads everything again and refuses if the plan would now be different
 * (someone changed the stage, the log group or its filters since the preview), sends the calls in order, and
 * reports exactly what went through if one fails. Ends with a fresh read of the result.
 */
export async function applyTrackingSetup(config: ConsoleConfig, stage: TrackedStage, plan: SetupPlan): Promise<SetupOutcome> {
  const snapshot = await fetchTrackingSnapshot(config, stage);
  const now = assessTracking(stage, snapshot);
  if (!samePlan(plan, now.plan)) return { kind: 'drift', now };
  const sent = await sendAll(config, stage, plan.calls);
  if (sent.kind === 'partial') return sent;
  return { kind: 'applied', done: sent.done, after: assessTracking(stage, await fetchTrackingSnapshot(config, stage)), before: snapshot.accessLog };
}

export type UndoOutcome = { kind: 'undone'; done: PlannedCall[]; after: Assessment } | { kind: 'drift'; changed: string[] } | PartlySent;

/** Undoes a setup the same way: a fresh read first, and nothing is sent if what the setup made has changed since. */
export async function undoTrackingSetup(config: ConsoleConfig, stage: TrackedStage, undo: TrackingUndoPlan): Promise<UndoOutcome> {
  const changed = undoDrift(undo, await fetchTrackingSnapshot(config, stage));
  if (changed.length) return { kind: 'drift', changed };
  const sent = await sendAll(config, stage, undo.calls);
  if (sent.kind === 'partial') return sent;
  return { kind: 'undone', done: sent.done, after: assessTracking(stage, await fetchTrackingSnapshot(config, stage)) };
}

/** A change to the stage's 429 counting as a mutation: afterwards everything shown about the API (its stage page too) is read again. */
function useTrackingMutation<T, R>(stage: TrackedStage, run: (config: ConsoleConfig, stage: TrackedStage, input: T) => Promise<R>) {
  const config = useConsoleConfig();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: T) => run(config, stage, input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiScope(config.region, stage.kind, stage.apiId) }),
  });
}

export const useApplyTrackingSetup = (stage: TrackedStage) => useTrackingMutation(stage, applyTrackingSetup);
export const useUndoTrackingSetup = (stage: TrackedStage) => useTrackingMutation(stage, undoTrackingSetup);
