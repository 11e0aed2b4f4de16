import type { AccessLog, PlannedCall, PlannedChange, SetupPlan, StageIdentity, TrackingSnapshot } from './throttle-tracking.js';

/**
 * Undoing a 429 setup just applied: the stage's access logging goes back to what it was (off, or the old
 * destination and format) and the metric filters the setup created are deleted. A log group the setup
 * created is kept: it holds the access-log events delivered since, and deleting them cannot be undone.
 */
export interface TrackingUndoPlan {
  calls: PlannedCall[];
  changes: PlannedChange[];
  /** The log group the setup created, which the undo leaves in place. */
  keptLogGroup?: string;
  /** What the stage's access logging must still be for the undo to apply (what the setup set). */
  expectAccessLog?: AccessLog;
  /** The filters the undo deletes, with the pattern they must still have. */
  expectFilters: { filterName: string; filterPattern: string }[];
}

const created = (c: PlannedCall) => c.operation === 'PutMetricFilter';

export function planTrackingUndo(stage: StageIdentity, applied: SetupPlan, before: AccessLog | undefined): TrackingUndoPlan {
  const calls: PlannedCall[] = [];
  const changes: PlannedChange[] = [];
  const touchedStage = applied.calls.some((c) => c.operation === 'UpdateStage');

  if (touchedStage) {
    const wasOn = !!before?.destinationArn;
    if (stage.apiType === 'REST') {
      const patchOperations =
        wasOn && before!.format
          ? [
              ...(before!.destinationArn !== applied.destinationArn ? [{ op: 'replace', path: '/accessLogSettings/destinationArn', value: before!.destinationArn }] : []),
              ...(before!.format !== applied.format ? [{ op: 'replace', path: '/accessLogSettings/format', value: before!.format }] : []),
            ]
          : [{ op: 'remove', path: '/accessLogSettings' }];
      calls.push({ operation: 'UpdateStage', input: { restApiId: stage.apiId, stageName: stage.stageName, patchOperations } });
    } else if (wasOn) {
      calls.push({ operation: 'UpdateStage', input: { ApiId: stage.apiId, StageName: stage.stageName, AccessLogSettings: { DestinationArn: before!.destinationArn, Format: before!.format } } });
    } else {
      calls.push({ operation: 'DeleteAccessLogSettings', input: { ApiId: stage.apiId, StageName: stage.stageName } });
    }
    if (before?.destinationArn !== applied.destinationArn) changes.push({ label: 'Access log destination', before: applied.destinationArn, after: before?.destinationArn });
    if (before?.format !== applied.format) changes.push({ label: 'Access log format', before: applied.format, after: before?.format });
  }

  const expectFilters: TrackingUndoPlan['expectFilters'] = [];
  for (const call of applied.calls.filter(created)) {
    const filterName = String(call.input.filterName);
    const filterPattern = String(call.input.filterPattern);
    calls.push({ operation: 'DeleteMetricFilter', input: { logGroupName: applied.logGroupName, filterName } });
    changes.push({ label: `Metric filter ${filterName}`, before: filterPattern, after: undefined, note: 'Deleted; the 429 counts it published stay in CloudWatch until they expire.' });
    expectFilters.push({ filterName, filterPattern });
  }

  const keptLogGroup = applied.calls.some((c) => c.operation === 'CreateLogGroup') ? applied.logGroupName : undefined;
  return { calls, changes, keptLogGroup, expectAccessLog: touchedStage ? { destinationArn: applied.destinationArn, format: applied.format } : undefined, expectFilters };
}

/** What changed since the setup, which the undo would overwrite or miss: empty means it is safe to apply. */
export function undoDrift(undo: TrackingUndoPlan, now: TrackingSnapshot): string[] {
  const out: string[] = [];
  const e = undo.expectAccessLog;
  if (e && (now.accessLog?.destinationArn !== e.destinationArn || now.accessLog?.format !== e.format)) {
    out.push('The stage’s access log settings are no longer the ones the setup made.');
  }
  for (const f of undo.expectFilters) {
    const found = now.filters.find((x) => x.filterName === f.filterName);
    if (!found) out.push(`Metric filter ${f.filterName} is gone.`);
    else if (found.filterPattern !== f.filterPattern) out.push(`Metric filter ${f.filterName} has another pattern now: ${found.filterPattern}.`);
  }
  return out;
}
