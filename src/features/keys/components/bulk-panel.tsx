import { useState } from 'react';
import { dangerButton, primaryButton, secondaryButton } from '../../../components/buttons.js';
import { TypedConfirmation } from '../../../components/typed-confirmation.js';
import type { UsagePlan } from '../../../domain/usage-plan.js';
import { useBulkJob, type BulkJob, type BulkKind } from '../api/bulk-job.js';

const VERB: Record<BulkKind, string> = { enable: 'Enable', disable: 'Disable', 'move-to-plan': 'Move', rotate: 'Rotate' };

/** Actions on the selected keys, and the progress of the bulk job running (or left off) in this tab. */
export function BulkPanel({ selection, plans, onClear }: { selection: { keyId: string; label: string }[]; plans: readonly UsagePlan[]; onClear(): void }) {
  const bulk = useBulkJob();
  const [planId, setPlanId] = useState('');
  const [graceDays, setGraceDays] = useState('7');
  const [confirming, setConfirming] = useState<BulkKind | null>(null);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string>();

  if (bulk.job) return <JobProgress job={bulk.job} running={bulk.running} onResume={bulk.resume} onPause={bulk.pause} onDiscard={bulk.discard} />;
  if (selection.length === 0) return null;

  const phrase = `${selection.length} keys`;
  const start = (kind: BulkKind) => {
    if (kind === 'move-to-plan' && !planId) return setError('Choose the usage plan to move the keys to.');
    const days = Number(graceDays);
    if (kind === 'rotate' && (!Number.isInteger(days) || days < 1 || days > 90)) return setError('Grace period must be a whole number of days from 1 to 90.');
    setError(undefined);
    bulk.start(kind, selection, { planId: planId || undefined, planName: plans.find((p) => p.id === planId)?.name, graceDays: days });
    setConfirming(null);
    setTyped('');
    onClear();
  };

  return (
    <section aria-label="Bulk actions" className="space-y-2 rounded-md border border-indigo-200 bg-indigo-50/50 p-3 text-sm">
      <p className="font-medium text-slate-900">
        {selection.length} selected{' '}
        <button type="button" className="ml-2 text-indigo-700 underline" onClick={onClear}>
          clear
        </button>
      </p>
      <div className="flex flex-wrap items-end gap-2">
        <button type="button" className={secondaryButton} onClick={() => start('enable')}>
          Enable
        </button>
        <button type="button" className={secondaryButton} onClick={() => setConfirming('disable')}>
          Disable…
        </button>
        <label className="flex flex-col">
          <span className="text-slate-700">Usage plan</span>
          <select value={planId} onChange={(e) => setPlanId(e.target.value)} className="mt-1 rounded border border-slate-300 px-2 py-1.5">
            <option value="">Choose…</option>
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className={secondaryButton} onClick={() => start('move-to-plan')}>
          Move to plan
        </button>
        <label className="flex flex-col">
          <span className="text-slate-700">Grace period (days)</span>
          <input value={graceDays} onChange={(e) => setGraceDays(e.target.value)} inputMode="numeric" className="mt-1 w-24 rounded border border-slate-300 px-2 py-1.5" />
        </label>
        <button type="button" className={secondaryButton} onClick={() => setConfirming('rotate')}>
          Rotate…
        </button>
      </div>
      {error && (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      )}
      {confirming && (
        <div className="space-y-2 rounded border border-amber-300 bg-amber-50 p-3">
          <p>
            {confirming === 'disable'
              ? `Disabling ${phrase} makes AWS refuse their requests with 403 at once.`
              : `Rotating ${phrase} creates a successor for each, in the same plans with the same quota left; both keys work for ${graceDays} days, until you finish each rotation.`}
          </p>
          <TypedConfirmation expected={phrase} value={typed} onChange={setTyped} action={`${VERB[confirming].toLowerCase()} them`} />
          <div className="flex gap-2">
            <button type="button" className={confirming === 'disable' ? dangerButton : primaryButton} disabled={typed !== phrase} onClick={() => start(confirming)}>
              {VERB[confirming]} {phrase}
            </button>
            <button type="button" className={secondaryButton} onClick={() => setConfirming(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

function JobProgress({ job, running, onResume, onPause, onDiscard }: { job: BulkJob; running: boolean; onResume(): void; onPause(): void; onDiscard(): void }) {
  const done = job.items.filter((i) => i.status === 'done').length;
  const failed = job.items.filter((i) => i.status === 'failed');
  const finished = done + failed.length;
  const total = job.items.length;
  const left = total - finished;
  const title = `${VERB[job.kind]} ${total} keys${job.kind === 'move-to-plan' ? ` to ${job.planName ?? job.planId}` : ''}`;
  return (
    <section aria-label="Bulk job" className="space-y-2 rounded-md border border-slate-300 bg-white p-3 text-sm">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="font-semibold text-slate-900">{title}</h2>
        <div className="flex gap-2">
          {running ? (
            <button type="button" className={secondaryButton} onClick={onPause}>
              Pause
            </button>
          ) : (
            left > 0 && (
              <button type="button" className={primaryButton} onClick={onResume}>
                Resume ({left} left)
              </button>
            )
          )}
          {!running && (
            <button type="button" className={secondaryButton} onClick={onDiscard}>
              {left > 0 ? 'Discard' : 'Close'}
            </button>
          )}
        </div>
      </div>
      <progress className="w-full" max={total} value={finished} aria-label={`${finished} of ${total} done`} />
      <p aria-live="polite">
        {finished} of {total} done · {failed.length} failed{running ? ' · running, paced to AWS’s quotas' : left > 0 ? ' · paused or interrupted' : ''}
      </p>
      {(failed.length > 0 || !running) && (
        <details open={failed.length > 0}>
          <summary className="cursor-pointer">Outcome of each key</summary>
          <ul className="mt-1 max-h-60 space-y-0.5 overflow-auto">
            {job.items.map((i) => (
              <li key={i.keyId} className={i.status === 'failed' ? 'text-red-800' : i.status === 'done' ? 'text-emerald-800' : 'text-slate-600'}>
                <span className="font-mono text-xs">{i.keyId}</span> {i.label}: {i.status}
                {i.detail ? ` — ${i.detail}` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
