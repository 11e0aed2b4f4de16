import type { ResourceNode } from '../../../domain/route.js';
import { Badge } from '../../../components/badge.js';

/** A REST API's resources as a tree-ordered list, each with its methods. */
export function ResourcesTable({ resources }: { resources: readonly ResourceNode[] }) {
  if (resources.length === 0) return <p className="text-sm text-slate-600">No resources.</p>;
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Resources and methods</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className="px-3 py-2 text-left font-semibold text-slate-700">Resource</th>
            <th scope="col" className="px-3 py-2 text-left font-semibold text-slate-700">Method</th>
            <th scope="col" className="px-3 py-2 text-left font-semibold text-slate-700">Authorization</th>
            <th scope="col" className="px-3 py-2 text-left font-semibold text-slate-700">API key</th>
            <th scope="col" className="px-3 py-2 text-left font-semibold text-slate-700">Integration</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {resources.map((r) =>
            r.methods.length === 0 ? (
              <tr key={r.id}>
                <th scope="row" className="px-3 py-2 text-left font-mono font-normal break-all">{r.path}</th>
                <td colSpan={4} className="px-3 py-2 text-slate-600">No methods</td>
              </tr>
            ) : (
              r.methods.map((m, i) => (
                <tr key={`${r.id}:${m.httpMethod}`}>
                  {i === 0 && (
                    <th scope="row" rowSpan={r.methods.length} className="px-3 py-2 text-left align-top font-mono font-normal break-all">
                      {r.path}
                    </th>
                  )}
                  <td className="px-3 py-2"><Badge tone="indigo">{m.httpMethod}</Badge></td>
                  <td className="px-3 py-2">{m.authorizationType}</td>
                  <td className="px-3 py-2">{m.apiKeyRequired ? 'Required' : 'Not required'}</td>
                  <td className="px-3 py-2 text-slate-600">{m.integrationType ?? '—'}</td>
                </tr>
              ))
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
