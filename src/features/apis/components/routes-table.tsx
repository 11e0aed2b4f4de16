import type { Route } from '../../../domain/route.js';
import { DataTable, type Column } from '../../../components/data-table.js';

const COLUMNS: readonly Column<Route>[] = [
  { id: 'key', header: 'Route', cell: (r) => <span className="font-mono break-all">{r.key}</span> },
  { id: 'auth', header: 'Authorization', cell: (r) => r.authorizationType },
  { id: 'apikey', header: 'API key', cell: (r) => (r.apiKeyRequired ? 'Required' : 'Not required') },
  { id: 'target', header: 'Target', className: 'max-w-md', cell: (r) => <span className="font-mono text-xs break-all text-slate-600">{r.target ?? '—'}</span> },
];

export function RoutesTable({ routes }: { routes: readonly Route[] }) {
  return <DataTable caption="Routes" columns={COLUMNS} rows={routes} rowKey={(r) => r.id} empty="No routes yet." />;
}
