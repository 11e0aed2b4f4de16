import { useId, useState, type ReactNode } from 'react';
import { LimitField } from '../../../../components/limit-field.js';
import { FormActions } from '../../../../components/form-actions.js';
import { secondaryButton } from '../../../../components/buttons.js';
import {
  methodErrorKey,
  methodLabel,
  QUOTA_PERIODS,
  stageRef,
  validatePlanInput,
  type PlanErrors,
  type PlanInput,
  type PlanSettings,
  type StageInput,
} from '../../../../domain/usage-plan-change.js';
import { useApiCatalog, useApiNamer } from './api-catalog.js';

const inputClass =
  'w-full rounded border border-slate-300 px-2 py-1.5 text-sm focus:border-indigo-600 focus:ring-1 focus:ring-indigo-600 focus:outline-none aria-invalid:border-red-500';

function Field({ label, error, hint, children }: { label: string; error?: string; hint?: string; children: (props: { id: string; describedBy?: string; invalid?: boolean }) => ReactNode }) {
  const id = useId();
  const describedBy = [error ? `${id}-err` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children({ id, describedBy, invalid: error ? true : undefined })}
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-err`} className="text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

export interface PlanFormProps {
  label: string;
  initial: PlanInput;
  submitLabel: string;
  onSubmit(value: PlanSettings, input: PlanInput): void;
  onCancel(): void;
}

/**
 * Every setting of a usage plan in one form (name, description, throttling, quota, API stages and their
 * per-method throttles), so that all edits of a plan become one request. Nothing is planned until every
 * field passes its rule; each error names the field and the rule.
 */
export function PlanForm({ label, initial, submitLabel, onSubmit, onCancel }: PlanFormProps) {
  const [input, setInput] = useState<PlanInput>(initial);
  const [errors, setErrors] = useState<PlanErrors>({});
  const apiName = useApiNamer();
  const stageName = (apiId: string, stage: string) => `${apiName(apiId) ?? apiId}:${stage}`;

  const set = (patch: Partial<PlanInput>) => setInput((i) => ({ ...i, ...patch }));
  const setStage = (ref: string, patch: (s: StageInput) => StageInput) =>
    setInput((i) => ({ ...i, stages: i.stages.map((s) => (stageRef(s.apiId, s.stage) === ref ? patch(s) : s)) }));

  function submit() {
    const { value, errors: errs } = validatePlanInput(input);
    setErrors(errs);
    if (value) onSubmit(value, input);
  }

  return (
    <form
      aria-label={label}
      noValidate
      className="space-y-5 rounded-md border border-slate-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" error={errors.name}>
          {(p) => <input id={p.id} value={input.name} onChange={(e) => set({ name: e.target.value })} aria-invalid={p.invalid} aria-describedby={p.describedBy} className={inputClass} />}
        </Field>
        <Field label="Description">
          {(p) => <input id={p.id} value={input.description} onChange={(e) => set({ description: e.target.value })} className={inputClass} />}
        </Field>
      </div>

      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold text-slate-900">Throttling for each key</legend>
        <p className="text-xs text-slate-600">Leave both empty for no throttling of the plan&apos;s own (the stage and account limits still apply).</p>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Rate (requests per second)" error={errors['throttle.rate']}>
            {(p) => (
              <input id={p.id} inputMode="decimal" value={input.throttle.rate} onChange={(e) => set({ throttle: { ...input.throttle, rate: e.target.value } })} aria-invalid={p.invalid} aria-describedby={p.describedBy} className={inputClass} />
            )}
          </Field>
          <Field label="Burst (requests)" error={errors['throttle.burst']}>
            {(p) => (
              <input id={p.id} inputMode="numeric" value={input.throttle.burst} onChange={(e) => set({ throttle: { ...input.throttle, burst: e.target.value } })} aria-invalid={p.invalid} aria-describedby={p.describedBy} className={inputClass} />
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold text-slate-900">Quota for each key</legend>
        <p className="text-xs text-slate-600">Leave the limit empty for no quota.</p>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label="Quota limit (requests)" error={errors['quota.limit']}>
            {(p) => (
              <input id={p.id} inputMode="numeric" value={input.quota.limit} onChange={(e) => set({ quota: { ...input.quota, limit: e.target.value } })} aria-invalid={p.invalid} aria-describedby={p.describedBy} className={inputClass} />
            )}
          </Field>
          <Field label="Quota period" error={errors['quota.period']}>
            {(p) => (
              <select id={p.id} value={input.quota.period} onChange={(e) => set({ quota: { ...input.quota, period: e.target.value } })} aria-invalid={p.invalid} aria-describedby={p.describedBy} className={inputClass}>
                {QUOTA_PERIODS.map((q) => (
                  <option key={q} value={q}>
                    {q}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Quota offset" error={errors['quota.offset']} hint="The day the period starts: 0 for DAY, 0–6 for WEEK (0 is Sunday), 0–27 for MONTH.">
            {(p) => (
              <input id={p.id} inputMode="numeric" value={input.quota.offset} onChange={(e) => set({ quota: { ...input.quota, offset: e.target.value } })} aria-invalid={p.invalid} aria-describedby={p.describedBy} className={inputClass} />
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">API stages</legend>
        {input.stages.length === 0 && <p className="text-sm text-slate-600">No API stages: keys in this plan reach no API through it.</p>}
        {input.stages.map((s) => {
          const ref = stageRef(s.apiId, s.stage);
          return (
            <StageEditor
              key={ref}
              stage={s}
              name={stageName(s.apiId, s.stage)}
              errors={errors}
              onChange={(patch) => setStage(ref, patch)}
              onRemove={() => set({ stages: input.stages.filter((x) => stageRef(x.apiId, x.stage) !== ref) })}
            />
          );
        })}
        <AddStage existing={input.stages} onAdd={(apiId, stage) => set({ stages: [...input.stages, { apiId, stage, methods: [] }] })} />
      </fieldset>

      {Object.keys(errors).length > 0 && (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-semibold">Fix these before reviewing:</p>
          <ul className="list-disc pl-5">
            {Object.entries(errors).map(([k, msg]) => (
              <li key={k}>{msg}</li>
            ))}
          </ul>
        </div>
      )}
      <FormActions submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}

function StageEditor({ stage, name, errors, onChange, onRemove }: { stage: StageInput; name: string; errors: PlanErrors; onChange(patch: (s: StageInput) => StageInput): void; onRemove(): void }) {
  const methods = useApiCatalog().useMethods(stage.apiId);
  const [adding, setAdding] = useState('');
  const [typed, setTyped] = useState('');
  const available = (methods.data ?? []).filter((m) => !stage.methods.some((x) => x.method === m.key));
  const setMethod = (key: string, patch: { rate?: string; burst?: string }) =>
    onChange((s) => ({ ...s, methods: s.methods.map((m) => (m.method === key ? { ...m, ...patch } : m)) }));
  const add = (key: string) => onChange((s) => ({ ...s, methods: [...s.methods, { method: key, rate: '', burst: '' }] }));
  const stageError = errors[`stage:${stageRef(stage.apiId, stage.stage)}`];

  return (
    <div className="space-y-2 rounded border border-slate-200 p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="font-mono text-sm font-semibold break-all text-slate-900">{name}</p>
        <button type="button" className="text-sm text-red-700 hover:underline" onClick={onRemove}>
          Remove API stage<span className="sr-only"> {name}</span>
        </button>
      </div>
      {stageError && <p className="text-xs text-red-700">{stageError}</p>}
      {stage.methods.length > 0 && (
        <div className="relative overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Per-method throttling for {name}</caption>
            <thead>
              <tr>
                <th scope="col" className="px-2 py-1 text-left font-semibold text-slate-700">Method</th>
                <th scope="col" className="px-2 py-1 text-left font-semibold text-slate-700">Rate (requests/s)</th>
                <th scope="col" className="px-2 py-1 text-left font-semibold text-slate-700">Burst</th>
                <th scope="col" className="px-2 py-1">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {stage.methods.map((m) => (
                <tr key={m.method}>
                  <th scope="row" className="px-2 py-1 text-left align-top font-mono font-normal">{methodLabel(m.method)}</th>
                  <td className="px-2 py-1 align-top">
                    <LimitField label={`${methodLabel(m.method)} rate, ${name}`} value={m.rate} onChange={(v) => setMethod(m.method, { rate: v })} error={errors[methodErrorKey(stage.apiId, stage.stage, m.method, 'rate')]} />
                  </td>
                  <td className="px-2 py-1 align-top">
                    <LimitField label={`${methodLabel(m.method)} burst, ${name}`} value={m.burst} onChange={(v) => setMethod(m.method, { burst: v })} error={errors[methodErrorKey(stage.apiId, stage.stage, m.method, 'burst')]} />
                  </td>
                  <td className="px-2 py-1 align-top">
                    <button type="button" className="text-sm text-red-700 hover:underline" onClick={() => onChange((s) => ({ ...s, methods: s.methods.filter((x) => x.method !== m.method) }))}>
                      Remove<span className="sr-only"> the throttle of {methodLabel(m.method)} in {name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="flex flex-wrap items-end gap-2">
        {methods.data ? (
          <label className="text-sm">
            <span className="block text-slate-700">Add a per-method throttle in {name}</span>
            <select value={adding} onChange={(e) => setAdding(e.target.value)} className="mt-1 rounded border border-slate-300 px-2 py-1.5 font-mono text-sm">
              <option value="">{available.length ? 'Choose a method…' : 'Every method has one'}</option>
              {available.map((m) => (
                <option key={m.key} value={m.key}>
                  {m.label}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label className="text-sm">
            <span className="block text-slate-700">Add a per-method throttle in {name} (resource path and verb, such as /pets/GET)</span>
            <input value={typed} onChange={(e) => setTyped(e.target.value)} className="mt-1 rounded border border-slate-300 px-2 py-1.5 font-mono text-sm" />
          </label>
        )}
        <button
          type="button"
          className={secondaryButton}
          disabled={methods.data ? !adding : !typed.trim()}
          onClick={() => {
            add(methods.data ? adding : typed.trim());
            setAdding('');
            setTyped('');
          }}
        >
          Add method throttle
        </button>
        {methods.isPending && stage.apiId && <span className="text-xs text-slate-600">Loading methods…</span>}
      </div>
    </div>
  );
}

function AddStage({ existing, onAdd }: { existing: readonly StageInput[]; onAdd(apiId: string, stage: string): void }) {
  const catalog = useApiCatalog();
  const apis = catalog.useApis();
  const [apiId, setApiId] = useState('');
  const [stage, setStage] = useState('');
  const stages = catalog.useStages(apiId);
  const taken = (s: string) => existing.some((x) => x.apiId === apiId && x.stage === s);
  const apiSelect = useId();
  const stageSelect = useId();

  return (
    <div className="flex flex-wrap items-end gap-2 rounded border border-dashed border-slate-300 p-3">
      <div className="text-sm">
        <label htmlFor={apiSelect} className="block text-slate-700">
          API
        </label>
        {apis.data ? (
          <select
            id={apiSelect}
            value={apiId}
            onChange={(e) => {
              setApiId(e.target.value);
              setStage('');
            }}
            className="mt-1 max-w-64 rounded border border-slate-300 px-2 py-1.5 text-sm"
          >
            <option value="">Choose a REST API…</option>
            {apis.data.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.id})
              </option>
            ))}
          </select>
        ) : (
          <input id={apiSelect} value={apiId} onChange={(e) => setApiId(e.target.value.trim())} placeholder="REST API id" className="mt-1 rounded border border-slate-300 px-2 py-1.5 font-mono text-sm" />
        )}
      </div>
      <div className="text-sm">
        <label htmlFor={stageSelect} className="block text-slate-700">
          Stage
        </label>
        {stages.data || !apiId ? (
          <select id={stageSelect} value={stage} onChange={(e) => setStage(e.target.value)} disabled={!apiId} className="mt-1 rounded border border-slate-300 px-2 py-1.5 text-sm disabled:bg-slate-100">
            <option value="">{apiId && stages.isPending ? 'Loading stages…' : 'Choose a stage…'}</option>
            {(stages.data ?? []).map((s) => (
              <option key={s} value={s} disabled={taken(s)}>
                {s}
                {taken(s) ? ' (in the plan)' : ''}
              </option>
            ))}
          </select>
        ) : (
          <input id={stageSelect} value={stage} onChange={(e) => setStage(e.target.value.trim())} placeholder="stage name" className="mt-1 rounded border border-slate-300 px-2 py-1.5 font-mono text-sm" />
        )}
      </div>
      <button
        type="button"
        className={secondaryButton}
        disabled={!apiId || !stage || taken(stage)}
        onClick={() => {
          onAdd(apiId, stage);
          setStage('');
        }}
      >
        Add API stage
      </button>
    </div>
  );
}
