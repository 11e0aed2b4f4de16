import { useId } from 'react';

/** A compact numeric input for a table cell, labelled for screen readers, with its error under it. */
export function LimitField({ label, value, onChange, error, placeholder }: { label: string; value: string; onChange(v: string): void; error?: string; placeholder?: string }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        inputMode="decimal"
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        className="w-28 rounded border border-slate-300 px-2 py-1 font-mono text-sm focus:border-indigo-600 focus:ring-1 focus:ring-indigo-600 focus:outline-none aria-invalid:border-red-500"
      />
      {error && (
        <p id={`${id}-err`} className="mt-1 max-w-56 text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
