import type { ReactNode } from 'react';

export interface ChangeRow {
  label: string;
  before: ReactNode;
  after: ReactNode;
  note?: string;
}

const show = (v: ReactNode) => (v === undefined || v === null || v === '' ? <span className="text-slate-600 italic">not set</span> : v);

/** Before -> after, one row per field: what a change will do, shown before it is done. */
export function ChangeTable({ caption, rows }: { caption: string; rows: readonly ChangeRow[] }) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className="px-3 py-2 text-left font-semibold text-slate-700">Setting</th>
            <th scope="col" className="px-3 py-2 text-left font-semibold text-slate-700">Before</th>
            <th scope="col" className="px-3 py-2 text-left font-semibold text-slate-700">After</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row" className="px-3 py-2 text-left align-top font-medium text-slate-800">
                {r.label}
                {r.note && <p className="mt-1 text-xs font-normal text-amber-800">{r.note}</p>}
              </th>
              <td className="px-3 py-2 align-top font-mono text-red-800">{show(r.before)}</td>
              <td className="px-3 py-2 align-top font-mono text-emerald-800">{show(r.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The exact request(s) a change sends, as JSON. */
export function RequestPreview({ requests }: { requests: readonly { operation: string; input: unknown }[] }) {
  return (
    <details className="rounded-md border border-slate-200 bg-white text-sm" open>
      <summary className="cursor-pointer px-3 py-2 font-medium text-slate-800">
        Request{requests.length > 1 ? `s, in this order (${requests.length})` : ''} to AWS
      </summary>
      <div className="space-y-2 border-t border-slate-200 p-3">
        {requests.map((r, i) => (
          <div key={i}>
            <p className="font-mono text-xs font-semibold text-slate-700">{r.operation}</p>
            <pre className="mt-1 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100">{JSON.stringify(r.input, null, 2)}</pre>
          </div>
        ))}
      </div>
    </details>
  );
}
