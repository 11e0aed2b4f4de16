import { useRef, useState } from 'react';
import { AppliedPanel, DriftPanel, NothingToChange, ZeroLimitWarning } from '../../../../components/change-panels.js';
import { ChangeTable, RequestPreview } from '../../../../components/change-table.js';
import { ErrorPanel } from '../../../../components/error-panel.js';
import { primaryButton, secondaryButton } from '../../../../components/buttons.js';
import type { PlanDrift, PlanFieldChange } from '../../../../domain/usage-plan-change.js';
import { usagePlanUpdateSlot } from '../../api/update-usage-plan.js';
import { changeRequests, useApplyUsagePlanChange, type ChangeOutcome, type UsagePlanChange } from './plan-change.js';
import { SlotNotice, useSecondsUntil } from './countdown.js';
import { fmtValue } from './plan-format.js';

/** Limits of 0 a change sets: each blocks every request it covers. */
function zeroLimits(changes: readonly PlanFieldChange[]): string[] {
  return changes.filter((c) => (c.field.kind === 'throttle-limit' || c.field.kind === 'method-limit') && c.after === 0).map((c) => c.label.replace(/: (rate|burst).*$/, ''));
}

const isAbort = (e: unknown) => (e as { name?: string } | null)?.name === 'AbortError';

/** The slot's time if it is still ahead, so the review can say a change will wait before it is applied. */
const pendingSlot = () => (usagePlanUpdateSlot() > Date.now() ? usagePlanUpdateSlot() : undefined);

/**
 * Shows a usage plan change before it happens (before -> after and the exact UpdateUsagePlan), applies it
 * in AWS's next slot with the re-read check, reports the outcome and offers the undo, itself shown and
 * checked the same way.
 */
export function PlanChangeFlow({ change: initial, onBack, onDone }: { change: UsagePlanChange; onBack(): void; onDone(): void }) {
  const [change, setChange] = useState(initial);
  const [sendAt, setSendAt] = useState<number | undefined>(pendingSlot);
  const [confirmZero, setConfirmZero] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const apply = useApplyUsagePlanChange();
  const zeros = zeroLimits(change.changes);
  const isUndo = change !== initial;
  const waiting = useSecondsUntil(sendAt) > 0 && apply.isPending;

  if (change.changes.length === 0) return <NothingToChange what="plan" onBack={onBack} />;

  if (apply.isSuccess) {
    return (
      <Outcome
        outcome={apply.data}
        change={change}
        onUndo={(undo) => {
          apply.reset();
          setConfirmZero(false);
          setSendAt(pendingSlot());
          setChange(undo);
        }}
        onClose={onDone}
      />
    );
  }

  const run = () => {
    const controller = new AbortController();
    abort.current = controller;
    apply.mutate({ change, opts: { signal: controller.signal, onWait: setSendAt } });
  };
  const cancelled = apply.isError && isAbort(apply.error);

  return (
    <section aria-label="Review changes" className="space-y-3 rounded-md border border-indigo-200 bg-indigo-50/40 p-4">
      <h2 className="font-semibold text-slate-900">Review: {change.title}</h2>
      <ChangeTable caption="Changes" rows={change.changes.map((c) => ({ label: c.label, before: fmtValue(c.before), after: fmtValue(c.after), note: c.note }))} />
      <RequestPreview requests={changeRequests(change)} />
      <p className="text-xs text-slate-600">
        AWS allows one UpdateUsagePlan call every 20 seconds, so every edit of this plan goes in this one request. Just before sending it, the console reads
        the plan again and stops if anything this change touches has changed since you opened it.
      </p>
      {zeros.length > 0 && (
        <ZeroLimitWarning blocked={`of this plan's keys to ${zeros.join(', ')}`} confirmed={confirmZero} onConfirmed={setConfirmZero} />
      )}
      <SlotNotice sendAt={sendAt} queued={apply.isPending} />
      {apply.isError && !cancelled && <ErrorPanel title="The change was refused; nothing was changed" error={apply.error} />}
      {cancelled && <p className="text-sm text-slate-700">Cancelled before it was sent: nothing was changed.</p>}
      <div className="flex flex-wrap gap-2">
        {!waiting && (
          <button type="button" className={primaryButton} disabled={apply.isPending || (zeros.length > 0 && !confirmZero)} onClick={run}>
            {apply.isPending ? 'Applying…' : 'Apply'}
          </button>
        )}
        {apply.isPending ? (
          <button type="button" className={secondaryButton} onClick={() => abort.current?.abort()}>
            Cancel
          </button>
        ) : (
          <button type="button" className={secondaryButton} onClick={isUndo ? onDone : onBack}>
            {isUndo ? 'Keep the change' : 'Back'}
          </button>
        )}
      </div>
    </section>
  );
}

/** The plan flow's drift stop, also shown when a deletion finds the plan changed. */
export function PlanDriftPanel({ drift, onClose }: { drift: readonly PlanDrift[]; onClose(): void }) {
  return <DriftPanel what="usage plan" rows={drift.map((d) => ({ label: d.label, before: fmtValue(d.whenOpened), after: fmtValue(d.now) }))} onClose={onClose} />;
}

function Outcome({ outcome, change, onUndo, onClose }: { outcome: ChangeOutcome; change: UsagePlanChange; onUndo(c: UsagePlanChange): void; onClose(): void }) {
  if (outcome.kind === 'drift') return <PlanDriftPanel drift={outcome.drift} onClose={onClose} />;
  return (
    <AppliedPanel
      title={change.title}
      rows={change.changes.map((c) => ({ label: c.label, before: fmtValue(c.before), after: fmtValue(c.after) }))}
      mismatches={outcome.mismatches.map((m) => ({ label: m.label, expected: fmtValue(m.expected), actual: fmtValue(m.actual) }))}
      onUndo={() => onUndo(outcome.undo)}
      onClose={onClose}
    />
  );
}
