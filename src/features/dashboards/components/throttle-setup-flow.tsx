import { ChangeTable, RequestPreview } from '../../../components/change-table.js';
import { ErrorPanel } from '../../../components/error-panel.js';
import { primaryButton, secondaryButton } from '../../../components/buttons.js';
import type { PlannedCall, SetupPlan } from '../../../domain/throttle-tracking.js';
import { useApplyTrackingSetup, type SetupOutcome } from '../api/setup-throttle-tracking.js';
import type { TrackedStage } from '../api/throttle-tracking.js';

const describeCall = (c: PlannedCall) =>
  c.operation === 'PutMetricFilter' ? `PutMetricFilter ${String(c.input.filterName)}` : c.operation === 'CreateLogGroup' ? `CreateLogGroup ${String(c.input.logGroupName)}` : 'UpdateStage';

/**
 * The 429 setup as every change in the console goes: the exact changes (before → after) and requests first,
 * then, just before applying, a fresh read that stops if anything moved, the calls in order, and a report of
 * what went through.
 */
export function ThrottleSetupFlow({ stage, plan, onDone }: { stage: TrackedStage; plan: SetupPlan; onDone(): void }) {
  const apply = useApplyTrackingSetup(stage);
  if (apply.isSuccess) return <Outcome outcome={apply.data} onClose={onDone} />;
  return (
    <section aria-label="Review changes" className="space-y-3 rounded-md border border-indigo-200 bg-indigo-50/40 p-4">
      <h3 className="font-semibold text-slate-900">Review: count 429s on stage {stage.stageName}</h3>
      <ChangeTable
        caption="Changes"
        rows={plan.changes.map((c) => ({
          label: c.label,
          before: c.before && <span className="break-all">{c.before}</span>,
          after: c.after && <span className="break-all">{c.after}</span>,
          note: c.note,
        }))}
      />
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

function Outcome({ outcome, onClose }: { outcome: SetupOutcome; onClose(): void }) {
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
  if (outcome.kind === 'partial') {
    return (
      <section aria-label="Change partly applied" role="alert" className="space-y-3 rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900">
        <h3 className="font-semibold">Partly applied</h3>
        <p>Done: {outcome.done.map(describeCall).join(', ')}.</p>
        <ErrorPanel title={`Failed: ${describeCall(outcome.failed)}`} error={outcome.error} />
        {outcome.notDone.length > 0 && <p>Not sent: {outcome.notDone.map(describeCall).join(', ')}.</p>}
        <p>Setting up again sends only what is still missing.</p>
        <button type="button" className={secondaryButton} onClick={onClose}>
          Close
        </button>
      </section>
    );
  }
  return (
    <section aria-label="Change applied" aria-live="polite" className="space-y-3 rounded-md border border-emerald-300 bg-emerald-50 p-4 text-sm">
      <h3 className="font-semibold text-emerald-900">{outcome.after.counting ? '429s are now counted on this stage' : 'Applied'}</h3>
      <ul className="list-disc pl-5 text-emerald-900">
        {outcome.done.map((c, i) => (
          <li key={i}>{describeCall(c)}</li>
        ))}
      </ul>
      <p className="text-slate-700">The count starts with the next throttled request; earlier 429s were not counted.</p>
      <button type="button" className={primaryButton} onClick={onClose}>
        Done
      </button>
    </section>
  );
}
