import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useCanOperate } from '../../../../aws/caller.js';
import { Breadcrumbs } from '../../../../components/breadcrumbs.js';
import { ErrorBoundary } from '../../../../components/error-boundary.js';
import { ErrorPanel } from '../../../../components/error-panel.js';
import { Loading } from '../../../../components/loading.js';
import { SectionHeader } from '../../../../components/section-header.js';
import { dangerButton, secondaryButton } from '../../../../components/buttons.js';
import { inputFromPlan, methodLabel, stageRef } from '../../../../domain/usage-plan-change.js';
import type { UsagePlan } from '../../../../domain/usage-plan.js';
import { useUsagePlan } from '../../api/get-usage-plan.js';
import { useUsagePlanKeys } from '../../api/get-usage-plan-keys.js';
import { useApiNamer } from './api-catalog.js';
import { DeletePlanFlow } from './delete-plan.js';
import { makeChange, type UsagePlanChange } from './plan-change.js';
import { PlanChangeFlow } from './plan-change-flow.js';
import { PlanForm } from './plan-form.js';
import { quotaText, throttleText } from './plan-format.js';
import { PlanKeysSection } from './plan-keys-section.js';
import { UsageSection } from './usage-section.js';

/** `/usage-plans/:planId`: a plan's limits, API stages, keys and usage, and the safe ways to change them. */
export function UsagePlanPage() {
  const { planId = '' } = useParams();
  const plan = useUsagePlan(planId);
  const keys = useUsagePlanKeys(planId);
  const canOperate = useCanOperate();
  const navigate = useNavigate();
  const [mode, setMode] = useState<'view' | 'edit' | 'delete'>('view');

  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ label: 'Usage plans', href: '/usage-plans' }, { label: plan.data?.name ?? planId }]} />
      {plan.isPending ? (
        <Loading label="Loading usage plan…" />
      ) : plan.isError ? (
        <ErrorPanel title="This usage plan could not be loaded" error={plan.error} onRetry={() => void plan.refetch()} />
      ) : (
        <>
          <header className="flex flex-wrap items-start justify-between gap-3">
            <div className="space-y-1">
              <h1 className="text-2xl font-semibold break-all text-slate-900">{plan.data.name}</h1>
              {plan.data.description && <p className="text-sm text-slate-700">{plan.data.description}</p>}
              <p className="text-xs text-slate-600">
                Usage plan <span className="font-mono">{plan.data.id}</span>
              </p>
            </div>
            {canOperate && mode === 'view' && (
              <div className="flex gap-2">
                <button type="button" className={secondaryButton} onClick={() => setMode('edit')}>
                  Edit plan
                </button>
                <button type="button" className={dangerButton} onClick={() => setMode('delete')}>
                  Delete plan
                </button>
              </div>
            )}
          </header>
          {mode === 'edit' && <EditPlan plan={plan.data} onClose={() => setMode('view')} />}
          {mode === 'delete' && (
            <DeletePlanFlow plan={plan.data} keyCount={keys.data?.length} onCancel={() => setMode('view')} onDeleted={() => navigate('/usage-plans')} />
          )}
          <LimitsSection plan={plan.data} />
          <StagesSection plan={plan.data} />
          <ErrorBoundary title="The plan's keys failed to show">
            <PlanKeysSection plan={plan.data} />
          </ErrorBoundary>
          <ErrorBoundary title="The plan's usage failed to show">
            <UsageSection plan={plan.data} keys={keys.data} />
          </ErrorBoundary>
        </>
      )}
    </div>
  );
}

function EditPlan({ plan, onClose }: { plan: UsagePlan; onClose(): void }) {
  // The plan as it was when the form opened: the change is planned, and later checked, against it.
  const [opened] = useState(plan);
  const [input, setInput] = useState(() => inputFromPlan(opened));
  const [change, setChange] = useState<UsagePlanChange | null>(null);
  const apiName = useApiNamer();
  if (change) return <PlanChangeFlow change={change} onBack={() => setChange(null)} onDone={onClose} />;
  return (
    <PlanForm
      label="Edit usage plan"
      initial={input}
      submitLabel="Review changes"
      onCancel={onClose}
      onSubmit={(value, typed) => {
        setInput(typed);
        setChange(makeChange(opened.id, `Change usage plan ${opened.name}`, opened, value, apiName));
      }}
    />
  );
}

function LimitsSection({ plan }: { plan: UsagePlan }) {
  return (
    <section aria-labelledby="limits-heading" className="space-y-2">
      <SectionHeader id="limits-heading" title="Limits for each key" />
      <dl className="grid gap-3 rounded-md border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2">
        <div>
          <dt className="font-medium text-slate-700">Throttling</dt>
          <dd className="mt-0.5 text-slate-900">{throttleText(plan.throttle)}</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-700">Quota</dt>
          <dd className="mt-0.5 text-slate-900">{quotaText(plan.quota)}</dd>
        </div>
      </dl>
    </section>
  );
}

function StagesSection({ plan }: { plan: UsagePlan }) {
  const apiName = useApiNamer();
  return (
    <section aria-labelledby="stages-heading" className="space-y-2">
      <SectionHeader id="stages-heading" title="API stages" />
      <div className="relative overflow-x-auto rounded-md border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">API stages</caption>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className="px-3 py-2 text-left font-semibold text-slate-700">API</th>
              <th scope="col" className="px-3 py-2 text-left font-semibold text-slate-700">Stage</th>
              <th scope="col" className="px-3 py-2 text-left font-semibold text-slate-700">Per-method throttling</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {plan.stages.length === 0 && (
              <tr>
                <td colSpan={3} className="px-3 py-4 text-slate-600">
                  No API stages: keys in this plan reach no API through it.
                </td>
              </tr>
            )}
            {plan.stages.map((s) => {
              const methods = Object.entries(s.methodThrottles);
              return (
                <tr key={stageRef(s.apiId, s.stage)}>
                  <th scope="row" className="px-3 py-2 text-left align-top font-medium">
                    {apiName(s.apiId) ?? s.apiId}
                    <span className="block font-mono text-xs font-normal text-slate-600">{s.apiId}</span>
                  </th>
                  <td className="px-3 py-2 align-top font-mono">{s.stage}</td>
                  <td className="px-3 py-2 align-top">
                    {methods.length ? (
                      <ul className="space-y-0.5">
                        {methods.map(([key, t]) => (
                          <li key={key}>
                            <span className="font-mono">{methodLabel(key)}</span>: {throttleText(t)}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="text-slate-600">None: the plan&apos;s throttling applies</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
