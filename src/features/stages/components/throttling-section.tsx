import { useState } from 'react';
import { SectionHeader } from '../../../components/section-header.js';
import { FormActions } from '../../../components/form-actions.js';
import { useCanOperate } from '../../../aws/caller.js';
import { secondaryButton } from '../../../components/buttons.js';
import { ErrorPanel } from '../../../components/error-panel.js';
import { STAGE_DEFAULT } from '../../../domain/method-target.js';
import { targetLabel } from '../../../domain/stage-change.js';
import type { StageSettings } from '../../../domain/stage-settings.js';
import { validateLimits, type AccountLimits, type LimitErrors, type LimitInput, type Limits } from '../../../domain/throttle-rules.js';
import { makePlan, type StagePlan } from '../api/apply-stage-change.js';
import { useAccountLimits } from '../api/get-account.js';
import type { StageRef } from '../api/stage-ref.js';
import { LimitField } from '../../../components/limit-field.js';
import { StageChangeFlow } from './stage-change-flow.js';

/** A method (REST) or route (HTTP/WebSocket) a throttling override can be set on. */
export interface ThrottleTarget {
  target: string;
  label: string;
}

const fmt = (n: number | undefined) => (n === undefined ? '—' : n.toLocaleString('en-US'));

export function ThrottlingSection({ stageRef, stage, targets }: { stageRef: StageRef; stage: StageSettings; targets: readonly ThrottleTarget[] }) {
  const canOperate = useCanOperate();
  const limits = useAccountLimits(stageRef.kind);
  const [editing, setEditing] = useState(false);
  const overrides = Object.values(stage.overrides).filter((o) => o.throttle);

  return (
    <section aria-labelledby="throttling-heading" className="space-y-3">
      <SectionHeader id="throttling-heading" title="Throttling">
        {canOperate && !editing && (
          <button type="button" className={secondaryButton} onClick={() => setEditing(true)}>
            Edit throttling
          </button>
        )}
      </SectionHeader>
      {limits.data && (
        <p className="text-xs text-slate-600">
          Account limits: {fmt(limits.data.rate)} requests/s, burst {fmt(limits.data.burst)}
          {stageRef.kind === 'rest' ? ' (GetAccount)' : ' (HTTP and WebSocket APIs)'}.
        </p>
      )}
      {limits.isError && <ErrorPanel title="The account's limits could not be read" error={limits.error} />}
      {editing && limits.data ? (
        <ThrottleEditor stageRef={stageRef} stage={stage} targets={targets} account={limits.data} onClose={() => setEditing(false)} />
      ) : (
        <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Throttling</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className="px-3 py-2 text-left font-semibold text-slate-700">Applies to</th>
                <th scope="col" className="px-3 py-2 text-left font-semibold text-slate-700">Rate (requests/s)</th>
                <th scope="col" className="px-3 py-2 text-left font-semibold text-slate-700">Burst</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              <tr>
                <th scope="row" className="px-3 py-2 text-left font-medium">Stage default</th>
                {stage.defaults.throttle ? (
                  <>
                    <td className="px-3 py-2 font-mono">{fmt(stage.defaults.throttle.rate)}</td>
                    <td className="px-3 py-2 font-mono">{fmt(stage.defaults.throttle.burst)}</td>
                  </>
                ) : (
                  <td colSpan={2} className="px-3 py-2 text-slate-600">
                    Not set: the account limits apply
                  </td>
                )}
              </tr>
              {overrides.map((o) => (
                <tr key={o.target}>
                  <th scope="row" className="px-3 py-2 text-left font-mono font-normal">{targetLabel(stage.api, o.target)}</th>
                  <td className="px-3 py-2 font-mono">{fmt(o.throttle?.rate)}</td>
                  <td className="px-3 py-2 font-mono">{fmt(o.throttle?.burst)}</td>
                </tr>
              ))}
              {overrides.length === 0 && (
                <tr>
                  <td colSpan={3} className="px-3 py-2 text-slate-600">
                    No per-{stage.api === 'rest' ? 'method' : 'route'} overrides.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

interface Row extends LimitInput {
  target: string;
}

const toInput = (l: Limits | undefined): LimitInput => ({ rate: l ? String(l.rate) : '', burst: l ? String(l.burst) : '' });

function ThrottleEditor({ stageRef, stage, targets, account, onClose }: { stageRef: StageRef; stage: StageSettings; targets: readonly ThrottleTarget[]; account: AccountLimits; onClose(): void }) {
  // The stage as it was when the form opened: the change is planned, and later checked, against it.
  const [opened] = useState(stage);
  const [defaults, setDefaults] = useState<LimitInput>(toInput(opened.defaults.throttle));
  const [rows, setRows] = useState<Row[]>(
    Object.values(opened.overrides)
      .filter((o) => o.throttle)
      .map((o) => ({ target: o.target, ...toInput(o.throttle) })),
  );
  const [errors, setErrors] = useState<Record<string, LimitErrors>>({});
  const [adding, setAdding] = useState('');
  const [plan, setPlan] = useState<StagePlan | null>(null);
  const available = targets.filter((t) => !rows.some((r) => r.target === t.target));
  const label = (target: string) => targetLabel(stage.api, target);

  if (plan) return <StageChangeFlow plan={plan} onBack={() => setPlan(null)} onDone={onClose} />;

  function review() {
    const errs: Record<string, LimitErrors> = {};
    const defaultUnset = defaults.rate.trim() === '' && defaults.burst.trim() === '' && !opened.defaults.throttle;
    let defaultLimits: Limits | undefined;
    if (!defaultUnset) {
      const v = validateLimits(defaults, account);
      if (v.value) defaultLimits = v.value;
      else errs[STAGE_DEFAULT] = v.errors;
    }
    const overrides: Record<string, Limits> = {};
    for (const r of rows) {
      const v = validateLimits(r, account);
      if (v.value) overrides[r.target] = v.value;
      else errs[r.target] = v.errors;
    }
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setPlan(makePlan(stageRef, `Change throttling of ${stage.name}`, opened, { throttle: { defaults: defaultLimits, overrides } }));
  }

  const setRow = (target: string, patch: Partial<LimitInput>) => setRows((rs) => rs.map((r) => (r.target === target ? { ...r, ...patch } : r)));

  return (
    <form
      aria-label="Edit throttling"
      className="space-y-3 rounded-md border border-slate-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        review();
      }}
      noValidate
    >
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Edit throttling</caption>
          <thead>
            <tr>
              <th scope="col" className="px-2 py-1 text-left font-semibold text-slate-700">Applies to</th>
              <th scope="col" className="px-2 py-1 text-left font-semibold text-slate-700">Rate (requests/s)</th>
              <th scope="col" className="px-2 py-1 text-left font-semibold text-slate-700">Burst</th>
              <th scope="col" className="px-2 py-1"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row" className="px-2 py-1 text-left align-top font-medium">Stage default</th>
              <td className="px-2 py-1 align-top">
                <LimitField label="Stage default rate" value={defaults.rate} onChange={(v) => setDefaults({ ...defaults, rate: v })} error={errors[STAGE_DEFAULT]?.rate} placeholder={opened.defaults.throttle ? undefined : 'account'} />
              </td>
              <td className="px-2 py-1 align-top">
                <LimitField label="Stage default burst" value={defaults.burst} onChange={(v) => setDefaults({ ...defaults, burst: v })} error={errors[STAGE_DEFAULT]?.burst} placeholder={opened.defaults.throttle ? undefined : 'account'} />
              </td>
              <td />
            </tr>
            {rows.map((r) => (
              <tr key={r.target}>
                <th scope="row" className="px-2 py-1 text-left align-top font-mono font-normal">{label(r.target)}</th>
                <td className="px-2 py-1 align-top">
                  <LimitField label={`${label(r.target)} rate`} value={r.rate} onChange={(v) => setRow(r.target, { rate: v })} error={errors[r.target]?.rate} />
                </td>
                <td className="px-2 py-1 align-top">
                  <LimitField label={`${label(r.target)} burst`} value={r.burst} onChange={(v) => setRow(r.target, { burst: v })} error={errors[r.target]?.burst} />
                </td>
                <td className="px-2 py-1 align-top">
                  <button type="button" className="text-sm text-red-700 hover:underline" onClick={() => setRows((rs) => rs.filter((x) => x.target !== r.target))}>
                    Remove override<span className="sr-only"> for {label(r.target)}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {available.length > 0 && (
        <div className="flex flex-wrap items-end gap-2">
          <label className="text-sm">
            <span className="block text-slate-700">Add an override for</span>
            <select value={adding} onChange={(e) => setAdding(e.target.value)} className="mt-1 rounded border border-slate-300 px-2 py-1.5 font-mono text-sm">
              <option value="">Choose a {stage.api === 'rest' ? 'method' : 'route'}…</option>
              {available.map((t) => (
                <option key={t.target} value={t.target}>
                  {t.label}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className={secondaryButton}
            disabled={!adding}
            onClick={() => {
              const base = defaults.rate && defaults.burst ? defaults : toInput({ rate: account.rate, burst: account.burst });
              setRows((rs) => [...rs, { target: adding, rate: base.rate, burst: base.burst }]);
              setAdding('');
            }}
          >
            Add override
          </button>
        </div>
      )}
      {Object.keys(errors).length > 0 && (
        <p role="alert" className="text-sm text-red-700">
          Fix the highlighted limits: {Object.keys(errors).map(label).join(', ')}.
        </p>
      )}
      <FormActions submitLabel="Review changes" onCancel={onClose} />
    </form>
  );
}
