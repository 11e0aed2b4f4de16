import { ChangeTable, RequestPreview } from '../../../components/change-table.js';
import { ErrorPanel } from '../../../components/error-panel.js';
import { primaryButton, secondaryButton } from '../../../components/buttons.js';
import { useState } from 'react';
import type { PlannedCall, PlannedChange, SetupPlan } from '../../../domain/throttle-tracking.js';
import { planTrackingUndo, type TrackingUndoPlan } from '../../../domain/throttle-tracking-undo.js';
import { useApplyTrackingSetup, useUndoTrackingSetup, type PartlySent, type SetupOutcome } from '../api/setup-throttle-tracking.js';
import type { TrackedStage } from '../api/throttle-tracking.js';

const describeCall = (c: PlannedCall) =>
  c.operation === 'PutMetricFilter' || c.operation === 'DeleteMetricFilter'
    ? `${c.operation} ${String(c.input.filterName)}`
    : c.operation === 'CreateLogGroup'
      ? `CreateLogGroup ${String(c.input.logGroupName)}`
      : c.operation;

/** Formats and ARNs are long and unbroken: let them wrap anywhere. */
const changeRows = (changes: readonly PlannedChange[]) =>
  changes.map((c) => ({
    label: c.label,
    before: c.before && <span className="break-all">{c.before}</span>,
    after: c.after && <span className="break-all">{c.after}</span>,
    note: c.note,
  }));

/**
 * The 429 setup as every change in the console goes: the exact changes (before → after) and requests first,
 * then, just before applying, a fresh read that stops if anything moved, the calls in order, and a report of
 * what went through.
 */
export function ThrottleSetupFlow({ stage, plan, onDone }: { stage: TrackedStage; plan: SetupPlan; onDone(): void }) {
  const apply = useApplyTrackingSetup(stage);
  const [undo, setUndo] = useState<TrackingUndoPlan>();
  if (undo) return <UndoFlow stage={stage} undo={undo} onDone={onDone} />;
  if (apply.isSuccess) {
    const out = apply.data;
    return <Outcome outcome={out} onUndo={out.kind === 'applied' ? () => setUndo(planTrackingUndo(stage, plan, out.before)) : undefined} onClose={onDone} />;
  }
  return (
    <section aria-label="Review changes" className="space-y-3 rounded-md border border-indigo-200 bg-indigo-50/40 p-4">
      <h3 className="font-semibold text-slate-900">Review: count 429s on stage {stage.stageName}</h3>
      <ChangeTable caption="Changes" rows={changeRows(plan.changes)} />
      <RequestPreview requests={plan.calls} />
      <p className="text-xs text-slate-600">
        Just before applying, the console reads the stage, the log group and its metric filters again, and stops if anything this setup touches has
        changed since this preview. Log groups keep events forever unless a retention is set; CloudWatch Logs charges for what is stored.
      </p>
      {apply.isError && <ErrorPanel title="The setup was refused; nothing was changed" error={apply.error} />}
      <div className="flex gap-2">
        <button type="button" className={primaryButton} disabled={apply.isPending} onClick={() => apply.mutate(plan)}>
          {apply.isPending ? 'Applying…' : 'Apply'}
        </button>
        <button type="button" className={secondaryButton} disabled={apply.isPending} onClick={onDone}>
          Cancel
        </button>
      </div>
    </section>
  );
}

function Outcome({ outcome, onUndo, onClose }: { outcome: SetupOutcome; onUndo?: () => void; onClose(): void }) {
  if (outcome.kind === 'drift') {
    return (
      <section aria-label="Changed underneath" role="alert" className="space-y-3 rounded-md border border-amber-400 bg-amber-50 p-4 text-sm text-amber-900">
        <h3 className="font-semibold">Not applied: the setup changed since the preview</h3>
        <p>The stage’s access logs, the log group or its metric filters changed while you were reviewing. Nothing was sent. Look at the setup again.</p>
        <button type="button" className={secondaryButton} onClick={onClose}>
          Start again
        </button>
      </section>
    );
  }
  if (outcome.kind === 'partial') return <Partial outcome={outcome} next="Setting up again sends only what is still missing." onClose={onClose} />;
  return (
    <section aria-label="Change applied" aria-live="polite" className="space-y-3 rounded-md border border-emerald-300 bg-emerald-50 p-4 text-sm">
      <h3 className="font-semibold text-emerald-900">{outcome.after.counting ? '429s are now counted on this stage' : 'Applied'}</h3>
      <ul className="list-disc pl-5 text-emerald-900">
        {outcome.done.map((c, i) => (
          <li key={i}>{describeCall(c)}</li>
        ))}
      </ul>
      <p className="text-slate-700">The count starts with the next throttled request; earlier 429s were not counted.</p>
      <div className="flex gap-2">
        {onUndo && (
          <button type="button" className={secondaryButton} onClick={onUndo}>
            Undo
          </button>
        )}
        <button type="button" className={primaryButton} onClick={onClose}>
          Done
        </button>
      </div>
    </section>
  );
}

function Partial({ outcome, next, onClose }: { outcome: PartlySent; next: string; onClose(): void }) {
  return (
    <section aria-label="Change partly applied" role="alert" className="space-y-3 rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900">
      <h3 className="font-semibold">Partly applied</h3>
      <p>Done: {outcome.done.map(describeCall).join(', ')}.</p>
      <ErrorPanel title={`Failed: ${describeCall(outcome.failed)}`} error={outcome.error} />
      {outcome.notDone.length > 0 && <p>Not sent: {outcome.notDone.map(describeCall).join(', ')}.</p>}
      <p>{next}</p>
      <button type="button" className={secondaryButton} onClick={onClose}>
        Close
      </button>
    </section>
  );
}

/** The undo, shown and applied like the setup: the changes back and the exact requests, then a fresh read first. */
function UndoFlow({ stage, undo, onDone }: { stage: TrackedStage; undo: TrackingUndoPlan; onDone(): void }) {
  const apply = useUndoTrackingSetup(stage);
  const out = apply.data;
  if (out?.kind === 'partial') return <Partial outcome={out} next="What was not undone is listed above; the stage page and CloudWatch Logs show where things stand." onClose={onDone} />;
  if (out?.kind === 'drift') {
    return (
      <section aria-label="Change stopped" role="alert" className="space-y-3 rounded-md border border-amber-400 bg-amber-50 p-4 text-sm text-amber-900">
        <h3 className="font-semibold">Not undone: the setup changed since it was applied</h3>
        <ul className="list-disc pl-5">
          {out.changed.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <p>Nothing was sent, so nobody’s later change is overwritten.</p>
        <button type="button" className={secondaryButton} onClick={onDone}>
          Close
        </button>
      </section>
    );
  }
  if (out?.kind === 'undone') {
    return (
      <section aria-label="Change applied" aria-live="polite" className="space-y-3 rounded-md border border-emerald-300 bg-emerald-50 p-4 text-sm">
        <h3 className="font-semibold text-emerald-900">Undone: the stage’s access logging is as it was, and the console’s filters are gone</h3>
        <ul className="list-disc pl-5 text-emerald-900">
          {out.done.map((c, i) => (
            <li key={i}>{describeCall(c)}</li>
          ))}
        </ul>
        {undo.keptLogGroup && <p className="text-slate-700">The log group {undo.keptLogGroup} is kept with the events delivered to it.</p>}
        <button type="button" className={primaryButton} onClick={onDone}>
          Done
        </button>
      </section>
    );
  }
  return (
    <section aria-label="Review changes" className="space-y-3 rounded-md border border-indigo-200 bg-indigo-50/40 p-4">
      <h3 className="font-semibold text-slate-900">Review: stop counting 429s on stage {stage.stageName}</h3>
      <ChangeTable caption="Changes" rows={changeRows(undo.changes)} />
      <RequestPreview requests={undo.calls} />
      <p className="text-xs text-slate-600">
        {undo.keptLogGroup ? `The log group ${undo.keptLogGroup} is kept: it holds the access-log events delivered since the setup, and deleting them cannot be undone. ` : ''}
        Just before applying, the console reads the stage and the filters again, and stops if anything the setup made has changed since.
      </p>
      {apply.isError && <ErrorPanel title="The undo was refused; nothing was changed" error={apply.error} />}
      <div className="flex gap-2">
        <button type="button" className={primaryButton} disabled={apply.isPending} onClick={() => apply.mutate(undo)}>
          {apply.isPending ? 'Undoing…' : 'Apply'}
        </button>
        <button type="button" className={secondaryButton} disabled={apply.isPending} onClick={onDone}>
          Keep the setup
        </button>
      </div>
    </section>
  );
}
