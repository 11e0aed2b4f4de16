import { ErrorPanel } from '../../../components/error-panel.js';
import type { RotationOutcome, StepEvent } from '../api/rotate-api-key.js';

const ICON: Record<StepEvent['status'], string> = { running: '…', done: '✓', failed: '✗', undone: '↺', skipped: '–' };

/** Each step of a rotation as it runs, then what happened and what the old key looks like now. */
export function RotationReport({ steps, outcome }: { steps: readonly StepEvent[]; outcome?: RotationOutcome }) {
  return (
    <div className="space-y-2 text-sm">
      <ol className="space-y-0.5" aria-label="Rotation steps">
        {steps.map((s) => (
          <li key={s.step} className={s.status === 'failed' ? 'text-red-800' : s.status === 'done' ? 'text-emerald-800' : 'text-slate-700'}>
            <span aria-hidden="true" className="inline-block w-4 font-mono">
              {ICON[s.status]}
            </span>{' '}
            {s.step}
            <span className="sr-only">: {s.status}</span>
            {s.detail && s.status === 'failed' ? ` — ${s.detail}` : ''}
          </li>
        ))}
      </ol>
      {outcome && outcome.result === 'overlap' && !outcome.error && (
        <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-2 text-emerald-900">
          Both keys work now. The successor is <span className="font-mono">{outcome.newKeyId}</span>; give it to the partner, then finish the rotation.
        </p>
      )}
      {outcome && outcome.result === 'finished' && (
        <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-2 text-emerald-900">
          Rotation finished: only the successor works now.
        </p>
      )}
      {outcome?.error !== undefined && (
        <ErrorPanel
          title={`${outcome.failedStep ?? 'A step'} failed. ${
            outcome.result === 'rolled-back'
              ? 'Everything the rotation did was undone.'
              : outcome.result === 'rollback-incomplete'
                ? 'The undo did not finish.'
                : outcome.result === 'finished'
                  ? 'The old key is already off; only the record on the keys is missing, so finish again to write it.'
                  : 'Nothing was changed.'
          }`}
          error={outcome.error}
        />
      )}
      {outcome?.verified && (
        <p role="status" className="rounded border border-slate-300 bg-slate-50 p-2">
          Checked after the undo: {outcome.verified}
        </p>
      )}
      {outcome?.leftover && (
        <ul role="alert" className="list-disc rounded border border-red-300 bg-red-50 p-2 pl-6 text-red-900">
          {outcome.leftover.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
