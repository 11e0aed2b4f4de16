import { useState } from 'react';
import { AppliedPanel, DriftPanel, NothingToChange, ZeroLimitWarning } from '../../../components/change-panels.js';
import { ChangeTable, RequestPreview } from '../../../components/change-table.js';
import { ErrorPanel } from '../../../components/error-panel.js';
import { TypedConfirmation } from '../../../components/typed-confirmation.js';
import { dangerButton, primaryButton, secondaryButton } from '../../../components/buttons.js';
import type { FieldChange, Value } from '../../../domain/stage-change.js';
import { plannedRequests, useApplyStagePlan, type ApplyOutcome, type StagePlan } from '../api/apply-stage-change.js';

const fmt = (v: Value) => (v === undefined ? undefined : typeof v === 'number' ? v.toLocaleString('en-US') : v);

/** Limits of 0 a change sets: each blocks every request to its target. */
function zeroLimits(changes: readonly FieldChange[]): string[] {
  return changes.filter((c) => c.field.kind === 'throttle' && c.after === 0).map((c) => c.label.split(':')[0]!);
}

export interface StageChangeFlowProps {
  plan: StagePlan;
  /** Set for destructive changes: the operator types this to confirm. */
  typeToConfirm?: string;
  /** Back to the form, with everything the operator typed. */
  onBack(): void;
  /** The change is over (applied, stopped or failed part-way): close the form. */
  onDone(): void;
}

/**
 * Shows a stage change before it happens (before -> after and the exact requests), applies it with the
 * re-read check, reports the outcome, and offers the undo, itself shown and checked the same way.
 */
export function StageChangeFlow({ plan: initial, typeToConfirm, onBack, onDone }: StageChangeFlowProps) {
  const [plan, setPlan] = useState(initial);
  const [confirmZero, setConfirmZero] = useState(false);
  const [typed, setTyped] = useState('');
  const apply = useApplyStagePlan();
  const outcome = apply.data;
  const zeros = zeroLimits(plan.changes);
  const needsTyping = typeToConfirm !== undefined && plan === initial;
  const canApply = (zeros.length === 0 || confirmZero) && (!needsTyping || typed === typeToConfirm) && !apply.isPending;

  if (plan.changes.length === 0) return <NothingToChange what="stage" onBack={onBack} />;

  if (outcome && apply.isSuccess) {
    return <Outcome outcome={outcome} plan={plan} onUndo={(undo) => { apply.reset(); setConfirmZero(false); setPlan(undo); }} onClose={onDone} />;
  }

  return (
    <section aria-label="Review changes" className="space-y-3 rounded-md border border-indigo-200 bg-indigo-50/40 p-4">
      <h3 className="font-semibold text-slate-900">Review: {plan.title}</h3>
      <ChangeTable caption="Changes" rows={plan.changes.map((c) => ({ label: c.label, before: fmt(c.before), after: fmt(c.after), note: c.note }))} />
      <RequestPreview requests={plannedRequests(plan)} />
      {zeros.length > 0 && <ZeroLimitWarning blocked={`to ${zeros.join(', ')}`} confirmed={confirmZero} onConfirmed={setConfirmZero} />}
      {needsTyping && <TypedConfirmation expected={typeToConfirm} value={typed} onChange={setTyped} action="apply this change" />}
      <p className="text-xs text-slate-600">
        Just before applying, the console reads the stage again and stops if anything this change touches has changed since you opened it.
      </p>
      {apply.isError && (
        <div className="space-y-1">
          <ErrorPanel title="The change was refused; nothing was changed" error={apply.error} />
        </div>
      )}
      <div className="flex gap-2">
        <button type="button" className={needsTyping ? dangerButton : primaryButton} disabled={!canApply} onClick={() => apply.mutate(plan)}>
          {apply.isPending ? 'Applying…' : 'Apply'}
        </button>
        <button type="button" className={secondaryButton} onClick={plan === initial ? onBack : onDone} disabled={apply.isPending}>
          {plan === initial ? 'Back' : 'Keep the change'}
        </button>
      </div>
    </section>
  );
}

function Outcome({ outcome, plan, onUndo, onClose }: { outcome: ApplyOutcome; plan: StagePlan; onUndo(p: StagePlan): void; onClose(): void }) {
  if (outcome.kind === 'drift') {
    return <DriftPanel what="stage" heading="h3" rows={outcome.drift.map((d) => ({ label: d.label, before: fmt(d.whenOpened), after: fmt(d.now) }))} onClose={onClose} />;
  }
  if (outcome.kind === 'partial') {
    return (
      <section aria-label="Change partly applied" role="alert" className="space-y-3 rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900">
        <h3 className="font-semibold">Partly applied</h3>
        <p>Done: {outcome.done.map((r) => r.operation).join(', ')}.</p>
        <ErrorPanel title={`Failed: ${outcome.failed.operation} ${JSON.stringify(outcome.failed.input)}`} error={outcome.error} />
        {outcome.notDone.length > 0 && <p>Not sent: {outcome.notDone.map((r) => `${r.operation} ${JSON.stringify(r.input)}`).join('; ')}.</p>}
        <button type="button" className={secondaryButton} onClick={onClose}>
          Close
        </button>
      </section>
    );
  }
  return (
    <AppliedPanel
      title={plan.title}
      heading="h3"
      rows={plan.changes.map((c) => ({ label: c.label, before: fmt(c.before), after: fmt(c.after) }))}
      mismatches={outcome.mismatches.map((m) => ({ label: m.label, expected: fmt(m.expected), actual: fmt(m.actual) }))}
      onUndo={outcome.undo && (() => onUndo(outcome.undo!))}
      noUndo="This change cannot be undone by another stage update."
      onClose={onClose}
    />
  );
}
