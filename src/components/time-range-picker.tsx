import { useId, useState, type FormEvent } from 'react';
import { RANGE_PRESETS, REFRESH_CHOICES, validateCustomRange, type Refresh, type TimeRangeView } from '../domain/time-range.js';
import { primaryButton, secondaryButton } from './buttons.js';

/** `YYYY-MM-DDTHH:mm` in local time, what a datetime-local input shows. */
function toLocalInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const chip =
  'rounded-full border border-slate-300 px-3 py-1 text-sm text-slate-700 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 aria-pressed:border-indigo-600 aria-pressed:bg-indigo-600 aria-pressed:text-white';

/**
 * Last 1 h / 3 h / 12 h / 1 d / 1 w, or a custom start and end (entered in local time, kept in the URL as
 * UTC), and auto-refresh. The screen owns the state (the URL); this only edits it.
 */
export function TimeRangePicker({ view, onChange, problem }: { view: TimeRangeView; onChange(view: TimeRangeView): void; problem?: string }) {
  const [custom, setCustom] = useState(false);
  const range = view.range;
  const now = new Date();
  const [from, setFrom] = useState(() => toLocalInput(range.kind === 'absolute' ? range.from : new Date(now.getTime() - 86_400_000)));
  const [to, setTo] = useState(() => toLocalInput(range.kind === 'absolute' ? range.to : now));
  const [error, setError] = useState<string>();
  const fromId = useId();
  const toId = useId();
  const refreshId = useId();

  const applyCustom = (e: FormEvent) => {
    e.preventDefault();
    const f = new Date(from);
    const t = new Date(to);
    const why = Number.isNaN(f.getTime()) || Number.isNaN(t.getTime()) ? 'Enter a start and an end.' : validateCustomRange(f, t, new Date());
    setError(why);
    if (why) return;
    setCustom(false);
    onChange({ ...view, range: { kind: 'absolute', from: f, to: t } });
  };

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <div role="group" aria-label="Time range" className="flex flex-wrap gap-1">
          {RANGE_PRESETS.map((p) => (
            <button
              key={p.key}
              type="button"
              title={`Last ${p.label}`}
              aria-pressed={range.kind === 'relative' && range.preset === p.key}
              className={chip}
              onClick={() => {
                setCustom(false);
                onChange({ ...view, range: { kind: 'relative', preset: p.key } });
              }}
            >
              {p.key}
            </button>
          ))}
          <button type="button" aria-pressed={range.kind === 'absolute'} aria-expanded={custom} className={chip} onClick={() => setCustom((c) => !c)}>
            Custom
          </button>
        </div>
        <label htmlFor={refreshId} className="ml-auto flex items-center gap-2 text-sm text-slate-700">
          Auto-refresh
          <select
            id={refreshId}
            value={view.refresh}
            onChange={(e) => onChange({ ...view, refresh: e.target.value as Refresh })}
            className="rounded border border-slate-300 bg-white px-2 py-1 text-sm focus:border-indigo-600 focus:ring-1 focus:ring-indigo-600 focus:outline-none"
          >
            {REFRESH_CHOICES.map((r) => (
              <option key={r.key} value={r.key}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {custom && (
        <form onSubmit={applyCustom} aria-label="Custom time range" className="flex flex-wrap items-end gap-3 rounded-md border border-slate-200 bg-white p-3">
          <label htmlFor={fromId} className="text-sm text-slate-700">
            <span className="block">From (local time)</span>
            <input id={fromId} type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} className="rounded border border-slate-300 px-2 py-1 text-sm" />
          </label>
          <label htmlFor={toId} className="text-sm text-slate-700">
            <span className="block">To (local time)</span>
            <input id={toId} type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} className="rounded border border-slate-300 px-2 py-1 text-sm" />
          </label>
          <button type="submit" className={primaryButton}>
            Apply range
          </button>
          <button type="button" className={secondaryButton} onClick={() => setCustom(false)}>
            Cancel
          </button>
          {error && (
            <p role="alert" className="w-full text-sm text-red-800">
              {error}
            </p>
          )}
        </form>
      )}
      {problem && (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          The range in the link could not be used ({problem}) The last hour is shown instead.
        </p>
      )}
    </div>
  );
}
