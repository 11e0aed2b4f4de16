import { useState } from 'react';
import { SectionHeader } from '../../../components/section-header.js';
import { FormActions } from '../../../components/form-actions.js';
import { useCanOperate } from '../../../aws/caller.js';
import { secondaryButton } from '../../../components/buttons.js';
import type { StageSettings } from '../../../domain/stage-settings.js';
import { validateVariables, type VariableErrors, type VariableRow } from '../../../domain/stage-variable-rules.js';
import { makePlan, type StagePlan } from '../api/apply-stage-change.js';
import type { StageRef } from '../api/stage-ref.js';
import { StageChangeFlow } from './stage-change-flow.js';

export function VariablesSection({ stageRef, stage }: { stageRef: StageRef; stage: StageSettings }) {
  const canOperate = useCanOperate();
  const [editing, setEditing] = useState(false);
  const entries = Object.entries(stage.variables).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section aria-labelledby="variables-heading" className="space-y-3">
      <SectionHeader id="variables-heading" title="Stage variables">
        {canOperate && !editing && (
          <button type="button" className={secondaryButton} onClick={() => setEditing(true)}>
            Edit variables
          </button>
        )}
      </SectionHeader>
      {editing ? (
        <VariablesEditor stageRef={stageRef} stage={stage} onClose={() => setEditing(false)} />
      ) : entries.length === 0 ? (
        <p className="text-sm text-slate-600">No stage variables.</p>
      ) : (
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 rounded-md border border-slate-200 bg-white p-3 text-sm sm:grid-cols-[auto_1fr]">
          {entries.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="font-mono text-slate-600">{k}</dt>
              <dd className="font-mono break-all">{v}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

function VariablesEditor({ stageRef, stage, onClose }: { stageRef: StageRef; stage: StageSettings; onClose(): void }) {
  const [opened] = useState(stage);
  const [rows, setRows] = useState<VariableRow[]>(Object.entries(opened.variables).map(([name, value]) => ({ name, value })));
  const [errors, setErrors] = useState<VariableErrors[]>([]);
  const [plan, setPlan] = useState<StagePlan | null>(null);

  if (plan) return <StageChangeFlow plan={plan} onBack={() => setPlan(null)} onDone={onClose} />;

  const set = (i: number, patch: Partial<VariableRow>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const input = 'w-full rounded border border-slate-300 px-2 py-1 font-mono text-sm focus:border-indigo-600 focus:outline-none aria-invalid:border-red-500';

  return (
    <form
      aria-label="Edit stage variables"
      noValidate
      className="space-y-3 rounded-md border border-slate-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        const v = validateVariables(rows);
        setErrors(v.errors);
        if (v.value) setPlan(makePlan(stageRef, `Change stage variables of ${stage.name}`, opened, { variables: v.value }));
      }}
    >
      {rows.length === 0 && <p className="text-sm text-slate-600">No variables. Add one below.</p>}
      {rows.map((r, i) => (
        <div key={i} className="grid grid-cols-1 gap-2 sm:grid-cols-[12rem_1fr_auto]">
          <div>
            <label className="sr-only" htmlFor={`var-name-${i}`}>Variable {i + 1} name</label>
            <input id={`var-name-${i}`} className={input} placeholder="name" value={r.name} aria-invalid={errors[i]?.name ? true : undefined} onChange={(e) => set(i, { name: e.target.value })} />
            {errors[i]?.name && <p className="mt-1 text-xs text-red-700">{errors[i]!.name}</p>}
          </div>
          <div>
            <label className="sr-only" htmlFor={`var-value-${i}`}>Variable {i + 1} value</label>
            <input id={`var-value-${i}`} className={input} placeholder="value" value={r.value} aria-invalid={errors[i]?.value ? true : undefined} onChange={(e) => set(i, { value: e.target.value })} />
            {errors[i]?.value && <p className="mt-1 text-xs text-red-700">{errors[i]!.value}</p>}
          </div>
          <button type="button" className="self-start py-1 text-sm text-red-700 hover:underline" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>
            Remove<span className="sr-only"> variable {r.name || i + 1}</span>
          </button>
        </div>
      ))}
      <button type="button" className={secondaryButton} onClick={() => setRows((rs) => [...rs, { name: '', value: '' }])}>
        Add variable
      </button>
      <FormActions submitLabel="Review changes" onCancel={onClose} />
    </form>
  );
}
