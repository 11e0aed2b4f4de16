import { useState } from 'react';
import { Link } from 'react-router';
import { ChangeTable, RequestPreview } from '../../../../components/change-table.js';
import { ErrorPanel } from '../../../../components/error-panel.js';
import { primaryButton, secondaryButton } from '../../../../components/buttons.js';
import { createPlanInput, diffPlans, EMPTY_PLAN, inputFromPlan, type PlanInput, type PlanSettings } from '../../../../domain/usage-plan-change.js';
import type { UsagePlan } from '../../../../domain/usage-plan.js';
import { useCreateUsagePlan } from '../../api/create-usage-plan.js';
import { useApiNamer } from './api-catalog.js';
import { DeletePlanFlow } from './delete-plan.js';
import { PlanForm } from './plan-form.js';
import { fmtValue } from './plan-format.js';

/** A new usage plan: form, then the exact CreateUsagePlan request, then the new plan (and a way to take it back). */
export function CreatePlanPanel({ onClose }: { onClose(): void }) {
  const [input, setInput] = useState<PlanInput>(() => ({ ...inputFromPlan(undefined), quota: { limit: '', period: 'MONTH', offset: '0' } }));
  const [settings, setSettings] = useState<PlanSettings | null>(null);
  const [undoing, setUndoing] = useState<UsagePlan | null>(null);
  const create = useCreateUsagePlan();
  const apiName = useApiNamer();

  if (undoing) return <DeletePlanFlow plan={undoing} keyCount={0} onCancel={onClose} onDeleted={onClose} />;

  if (create.isSuccess) {
    const plan = create.data;
    return (
      <section aria-label="Change applied" aria-live="polite" className="space-y-3 rounded-md border border-emerald-300 bg-emerald-50 p-4">
        <h2 className="font-semibold text-emerald-900">Created usage plan {plan.name}</h2>
        <p className="text-sm text-emerald-900">
          Its id is <span className="font-mono">{plan.id}</span>. Add API keys to it from its page.
        </p>
        <div className="flex flex-wrap gap-2">
          <Link to={`/usage-plans/${encodeURIComponent(plan.id)}`} className={primaryButton}>
            Open {plan.name}
          </Link>
          <button type="button" className={secondaryButton} onClick={() => setUndoing(plan)}>
            Undo (delete it)
          </button>
          <button type="button" className={secondaryButton} onClick={onClose}>
            Done
          </button>
        </div>
      </section>
    );
  }

  if (settings) {
    const changes = diffPlans(EMPTY_PLAN, settings, apiName);
    const request = createPlanInput(settings);
    return (
      <section aria-label="Review changes" className="space-y-3 rounded-md border border-indigo-200 bg-indigo-50/40 p-4">
        <h2 className="font-semibold text-slate-900">Review: create usage plan {settings.name}</h2>
        <ChangeTable caption="Changes" rows={changes.map((c) => ({ label: c.label, before: fmtValue(c.before), after: fmtValue(c.after) }))} />
        <RequestPreview requests={[{ operation: 'CreateUsagePlan', input: request }]} />
        {create.isError && <ErrorPanel title="The plan was not created" error={create.error} />}
        <div className="flex gap-2">
          <button type="button" className={primaryButton} disabled={create.isPending} onClick={() => create.mutate(request)}>
            {create.isPending ? 'Creating…' : 'Create plan'}
          </button>
          <button type="button" className={secondaryButton} disabled={create.isPending} onClick={() => setSettings(null)}>
            Back
          </button>
        </div>
      </section>
    );
  }

  return (
    <PlanForm
      label="Create a usage plan"
      initial={input}
      submitLabel="Review"
      onSubmit={(value, typed) => {
        setInput(typed);
        setSettings(value);
      }}
      onCancel={onClose}
    />
  );
}
