import { useRef, useState } from 'react';
import { RequestPreview } from '../../../../components/change-table.js';
import { ErrorPanel } from '../../../../components/error-panel.js';
import { TypedConfirmation } from '../../../../components/typed-confirmation.js';
import { dangerButton, secondaryButton } from '../../../../components/buttons.js';
import { deletePlanRequests } from '../../../../domain/usage-plan-change.js';
import type { UsagePlan } from '../../../../domain/usage-plan.js';
import { usagePlanUpdateSlot } from '../../api/update-usage-plan.js';
import { useDeleteUsagePlan } from './plan-change.js';
import { PlanDriftPanel } from './plan-change-flow.js';
import { SlotNotice, useSecondsUntil } from './countdown.js';

const isAbort = (e: unknown) => (e as { name?: string } | null)?.name === 'AbortError';

/**
 * Deleting a plan, typed to confirm: its API stages are removed first (AWS refuses otherwise), then the
 * plan. Its keys stay, but lose what this plan gave them. There is no undo: a new plan gets a new id.
 */
export function DeletePlanFlow({ plan, keyCount, onCancel, onDeleted }: { plan: UsagePlan; keyCount?: number; onCancel(): void; onDeleted(): void }) {
  const [typed, setTyped] = useState('');
  const [sendAt, setSendAt] = useState<number | undefined>(() => (plan.stages.length && usagePlanUpdateSlot() > Date.now() ? usagePlanUpdateSlot() : undefined));
  const abort = useRef<AbortController | null>(null);
  const del = useDeleteUsagePlan();
  const outcome = del.data;
  const waiting = useSecondsUntil(sendAt) > 0 && del.isPending;

  if (outcome?.kind === 'drift') return <PlanDriftPanel drift={outcome.drift} onClose={onCancel} />;
  if (outcome?.kind === 'partial') {
    return (
      <section aria-label="Change partly applied" role="alert" className="space-y-3 rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900">
        <h2 className="font-semibold">Partly done: the API stages were removed, the plan was not deleted</h2>
        <p>Done: UpdateUsagePlan {JSON.stringify(outcome.done[0]?.input)}.</p>
        <ErrorPanel title={`Failed: DeleteUsagePlan ${JSON.stringify(outcome.failed.input)}`} error={outcome.error} />
        <button type="button" className={secondaryButton} onClick={onCancel}>
          Close
        </button>
      </section>
    );
  }
  if (outcome?.kind === 'deleted') {
    return (
      <section aria-label="Change applied" aria-live="polite" className="space-y-3 rounded-md border border-emerald-300 bg-emerald-50 p-4">
        <h2 className="font-semibold text-emerald-900">Deleted usage plan {plan.name}</h2>
        <p className="text-sm text-emerald-900">This cannot be undone: a plan created again gets a new id, and its keys must be added again.</p>
        <button type="button" className={secondaryButton} onClick={onDeleted}>
          Done
        </button>
      </section>
    );
  }

  const cancelled = del.isError && isAbort(del.error);
  return (
    <section aria-label="Review deletion" className="space-y-3 rounded-md border border-red-300 bg-red-50/40 p-4">
      <h2 className="font-semibold text-slate-900">Delete usage plan {plan.name}</h2>
      <ul className="list-disc space-y-1 pl-5 text-sm text-slate-800">
        {plan.stages.length > 0 && <li>{plan.stages.length === 1 ? 'Its API stage is' : `Its ${plan.stages.length} API stages are`} removed from it first: AWS does not delete a plan that has any.</li>}
        <li>
          {keyCount === undefined ? 'Its keys' : `Its ${keyCount} key${keyCount === 1 ? '' : 's'}`} stay, but lose the access, throttling and quota this plan gave them.
        </li>
        <li>There is no undo.</li>
      </ul>
      <RequestPreview requests={deletePlanRequests(plan)} />
      <TypedConfirmation expected={plan.name} value={typed} onChange={setTyped} action="delete this plan" />
      <SlotNotice sendAt={sendAt} queued={del.isPending} />
      {del.isError && !cancelled && <ErrorPanel title="The plan was not deleted" error={del.error} />}
      {cancelled && <p className="text-sm text-slate-700">Cancelled before anything was sent: nothing was changed.</p>}
      <div className="flex flex-wrap gap-2">
        {!waiting && (
        <button
          type="button"
          className={dangerButton}
          disabled={typed !== plan.name || del.isPending}
          onClick={() => {
            const controller = new AbortController();
            abort.current = controller;
            del.mutate({ plan, opts: { signal: controller.signal, onWait: setSendAt } });
          }}
        >
          {del.isPending ? 'Deleting…' : 'Delete plan'}
        </button>
        )}
        {del.isPending ? (
          <button type="button" className={secondaryButton} onClick={() => abort.current?.abort()}>
            Cancel
          </button>
        ) : (
          <button type="button" className={secondaryButton} onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </section>
  );
}
