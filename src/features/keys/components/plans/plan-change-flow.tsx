import { useRef, useState } from 'react';
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

  if (change.changes.length === 0) {
    return (
      <section aria-label="Review changes" className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-4">
        <p className="text-sm text-slate-700">Nothing to change: the values are the ones the plan already has.</p>
        <button type="button" className={secondaryButton} onClick={onBack}>
          Back
        </button>
      </section>
    );
  }

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
        <div role="alert" className="space-y-2 rounded border border-amber-400 bg-amber-50 p-3 text-sm text-amber-900">
          <p>
            <strong>A limit of 0 blocks all traffic</strong> of this plan&apos;s keys to {zeros.join(', ')}: every request will get 429 Too Many Requests.
          </p>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={confirmZero} onChange={(e) => setConfirmZero(e.target.checked)} />I mean to block this traffic
          </label>
        </div>
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

export function DriftPanel({ drift, what, onClose }: { drift: readonly PlanDrift[]; what: string; onClose(): void }) {
  return (
    <section aria-label="Change stopped" className="space-y-3 rounded-md border border-amber-400 bg-amber-50 p-4">
      <h2 className="font-semibold text-amber-900">Stopped: the {what} changed since you opened this form</h2>
      <p className="text-sm text-amber-900">Nothing was applied. Someone (or something) changed what this change touches:</p>
      <ChangeTable caption="Changed underneath" rows={drift.map((d) => ({ label: d.label, before: fmtValue(d.whenOpened), after: fmtValue(d.now) }))} />
      <p className="text-sm text-amber-900">The table shows the value when you opened the form (before) and now (after). Start again from the current values.</p>
      <button type="button" className={secondaryButton} onClick={onClose}>
        Start again
      </button>
    </section>
  );
}

function Outcome({ outcome, change, onUndo, onClose }: { outcome: ChangeOutcome; change: UsagePlanChange; onUndo(c: UsagePlanChange): void; onClose(): void }) {
  if (outcome.kind === 'drift') return <DriftPanel drift={outcome.drift} what="usage plan" onClose={onClose} />;
  return (
    <section aria-label="Change applied" aria-live="polite" className="space-y-3 rounded-md border border-emerald-300 bg-emerald-50 p-4">
      <h2 className="font-semibold text-emerald-900">Applied: {change.title}</h2>
      <ChangeTable caption="Applied changes" rows={change.changes.map((c) => ({ label: c.label, before: fmtValue(c.before), after: fmtValue(c.after) }))} />
      {outcome.mismatches.length > 0 && (
        <div role="alert" className="rounded border border-amber-400 bg-amber-50 p-3 text-sm text-amber-900">
          AWS reports some settings differently from what was asked:
          <ul className="list-disc pl-5">
            {outcome.mismatches.map((m) => (
              <li key={m.label}>
                {m.label}: asked {String(fmtValue(m.expected) ?? 'not set')}, now {String(fmtValue(m.actual) ?? 'not set')}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="flex gap-2">
        <button type="button" className={secondaryButton} onClick={() => onUndo(outcome.undo)}>
          Undo
        </button>
        <button type="button" className={primaryButton} onClick={onClose}>
          Done
        </button>
      </div>
    </section>
  );
}
