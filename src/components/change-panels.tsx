import type { ReactNode } from 'react';
import { primaryButton, secondaryButton } from './buttons.js';
import { ChangeTable, type ChangeRow } from './change-table.js';

/**
 * The panels every "safe change" shows around its review (stages, usage plans): nothing to change, the
 * limit-of-0 warning, the stop when something changed underneath, and the applied result with its undo.
 * Each flow keeps its own requests and rules; what the operator sees is the same everywhere.
 */
type Heading = 'h2' | 'h3';

export function NothingToChange({ what, onBack }: { what: string; onBack(): void }) {
  return (
    <section aria-label="Review changes" className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-4">
      <p className="text-sm text-slate-700">Nothing to change: the values are the ones the {what} already has.</p>
      <button type="button" className={secondaryButton} onClick={onBack}>
        Back
      </button>
    </section>
  );
}

/** A limit of 0 answers every request with 429, so applying one needs an explicit tick. */
export function ZeroLimitWarning({ blocked, confirmed, onConfirmed }: { blocked: ReactNode; confirmed: boolean; onConfirmed(v: boolean): void }) {
  return (
    <div role="alert" className="space-y-2 rounded border border-amber-400 bg-amber-50 p-3 text-sm text-amber-900">
      <p>
        <strong>A limit of 0 blocks all traffic</strong> {blocked}: every request will get 429 Too Many Requests.
      </p>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={confirmed} onChange={(e) => onConfirmed(e.target.checked)} />I mean to block this traffic
      </label>
    </div>
  );
}

/** The re-read found that what the change touches changed since the form opened: nothing was sent. */
export function DriftPanel({ what, rows, heading: H = 'h2', onClose }: { what: string; rows: readonly ChangeRow[]; heading?: Heading; onClose(): void }) {
  return (
    <section aria-label="Change stopped" className="space-y-3 rounded-md border border-amber-400 bg-amber-50 p-4">
      <H className="font-semibold text-amber-900">Stopped: the {what} changed since you opened this form</H>
      <p className="text-sm text-amber-900">Nothing was applied. Someone (or something) changed what this change touches:</p>
      <ChangeTable caption="Changed underneath" rows={rows} />
      <p className="text-sm text-amber-900">The table shows the value when you opened the form (before) and now (after). Start again from the current values.</p>
      <button type="button" className={secondaryButton} onClick={onClose}>
        Start again
      </button>
    </section>
  );
}

export interface Mismatch {
  label: string;
  expected?: ReactNode;
  actual?: ReactNode;
}

/** What was applied, what AWS reports differently from what was asked, and the undo when there is one. */
export function AppliedPanel(props: {
  title: string;
  rows: readonly ChangeRow[];
  mismatches: readonly Mismatch[];
  heading?: Heading;
  /** Absent when no update of the same kind can undo the change; `noUndo` then says why. */
  onUndo?: () => void;
  noUndo?: string;
  onClose(): void;
}) {
  const H = props.heading ?? 'h2';
  return (
    <section aria-label="Change applied" aria-live="polite" className="space-y-3 rounded-md border border-emerald-300 bg-emerald-50 p-4">
      <H className="font-semibold text-emerald-900">Applied: {props.title}</H>
      <ChangeTable caption="Applied changes" rows={props.rows} />
      {props.mismatches.length > 0 && (
        <div role="alert" className="rounded border border-amber-400 bg-amber-50 p-3 text-sm text-amber-900">
          AWS reports some settings differently from what was asked:
          <ul className="list-disc pl-5">
            {props.mismatches.map((m) => (
              <li key={m.label}>
                {m.label}: asked {m.expected ?? 'not set'}, now {m.actual ?? 'not set'}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="flex gap-2">
        {props.onUndo && (
          <button type="button" className={secondaryButton} onClick={props.onUndo}>
            Undo
          </button>
        )}
        <button type="button" className={primaryButton} onClick={props.onClose}>
          Done
        </button>
      </div>
      {!props.onUndo && props.noUndo && <p className="text-xs text-slate-600">{props.noUndo}</p>}
    </section>
  );
}
