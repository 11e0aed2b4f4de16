import { useId } from 'react';

/** Destructive actions ask the operator to type a name, so a slip of the mouse cannot do them. */
export function TypedConfirmation({ expected, value, onChange, action }: { expected: string; value: string; onChange(v: string): void; action: string }) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm text-slate-800">
        To {action}, type <strong className="font-mono">{expected}</strong>
      </label>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
        spellCheck={false}
        className="w-full max-w-xs rounded border border-slate-300 px-3 py-1.5 font-mono text-sm focus:border-indigo-600 focus:ring-1 focus:ring-indigo-600 focus:outline-none"
      />
    </div>
  );
}
