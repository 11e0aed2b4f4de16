import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PutMetricFilterCommandInput } from '@aws-sdk/client-cloudwatch-logs';
import type { ConsoleConfig } from '../../../aws/config.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { apiScope } from '../../../aws/query-scope.js';
import { assessTracking, samePlan, type Assessment, type PlannedCall, type SetupPlan } from '../../../domain/throttle-tracking.js';
import { createLogGroup } from './create-log-group.js';
import { putMetricFilter } from './put-metric-filter.js';
import { updateStageAccessLog } from './update-stage-access-log.js';
import { fetchTrackingSnapshot, type TrackedStage } from './throttle-tracking.js';

export type SetupOutcome =
  | { kind: 'applied'; done: PlannedCall[]; after: Assessment }
  | { kind: 'drift'; now: Assessment }
  | { kind: 'partial'; done: PlannedCall[]; failed: PlannedCall; error: unknown; notDone: PlannedCall[] };

async function send(config: ConsoleConfig, stage: TrackedStage, call: PlannedCall): Promise<void> {
  if (call.operation === 'CreateLogGroup') return createLogGroup(config, String(call.input.logGroupName));
  if (call.operation === 'UpdateStage') return updateStageAccessLog(config, stage.kind, call.input);
  return putMetricFilter(config, call.input as unknown as PutMetricFilterCommandInput);
}

/**
 * Applies a previewed setup safely: reads everything again and refuses if the plan would now be different
 * (someone changed the stage, the log group or its filters since the preview), sends the calls in order, and
 * reports exactly what went through if one fails. Ends with a fresh read of the result.
 */
export async function applyTrackingSetup(config: ConsoleConfig, stage: TrackedStage, plan: SetupPlan): Promise<SetupOutcome> {
  const now = assessTracking(stage, await fetchTrackingSnapshot(config, stage));
  if (!samePlan(plan, now.plan)) return { kind: 'drift', now };
  const done: PlannedCall[] = [];
  for (const [i, call] of plan.calls.entries()) {
    try {
      await send(config, stage, call);
      done.push(call);
    } catch (error) {
      if (i === 0) throw error;
      return { kind: 'partial', done, failed: call, error, notDone: plan.calls.slice(i + 1) };
    }
  }
  return { kind: 'applied', done, after: assessTracking(stage, await fetchTrackingSnapshot(config, stage)) };
}

/** The setup as a mutation: afterwards everything shown about the API (its stage page too) is read again. */
export function useApplyTrackingSetup(stage: TrackedStage) {
  const config = useConsoleConfig();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (plan: SetupPlan) => applyTrackingSetup(config, stage, plan),
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiScope(config.region, stage.kind, stage.apiId) }),
  });
}
