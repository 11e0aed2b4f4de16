import { Link } from 'react-router';
import type { ApiKey } from '../../../domain/api-key.js';
import type { Column } from '../../../components/data-table.js';
import { Badge } from '../../../components/badge.js';
import { formatDateTime, isoOrEmpty } from '../../../components/format.js';
import { isRotationTag } from '../../../domain/rotation.js';

export function keyColumns(planNames: (keyId: string) => string[] | undefined): Column<ApiKey>[] {
  return [
    {
      id: 'name',
      header: 'Name',
      className: 'max-w-64 overflow-hidden text-ellipsis',
      cell: (k) => (
        <Link to={`/keys/${encodeURIComponent(k.id)}`} className="font-medium text-indigo-700 hover:underline" title={k.name}>
          {k.name}
        </Link>
      ),
    },
    { id: 'id', header: 'ID', cell: (k) => <span className="font-mono text-xs">{k.id}</span> },
    { id: 'enabled', header: 'State', cell: (k) => (k.enabled ? <Badge tone="emerald">Enabled</Badge> : <Badge>Disabled</Badge>) },
    {
      id: 'plans',
      header: 'Usage plans',
      className: 'max-w-56 overflow-hidden text-ellipsis',
      cell: (k) => {
        const names = planNames(k.id);
        return names === undefined ? <span className="text-slate-400">…</span> : <span title={names.join(', ')}>{names.join(', ') || '—'}</span>;
      },
    },
    { id: 'customer', header: 'Customer', cell: (k) => <span className="font-mono text-xs">{k.customerId ?? ''}</span> },
    {
      id: 'tags',
      header: 'Tags',
      className: 'max-w-56 overflow-hidden text-ellipsis',
      cell: (k) => {
        const tags = Object.entries(k.tags).filter(([t]) => !isRotationTag(t));
        const text = tags.map(([a, b]) => `${a}=${b}`).join(', ');
        return (
          <span className="font-mono text-xs" title={text}>
            {k.tags['gwc:rotation:state'] && k.tags['gwc:rotation:state'] !== 'finished' && <Badge tone="amber">rotating</Badge>} {text}
          </span>
        );
      },
    },
    { id: 'created', header: 'Created', cell: (k) => <time dateTime={isoOrEmpty(k.createdDate)}>{formatDateTime(k.createdDate)}</time> },
    { id: 'updated', header: 'Last updated', cell: (k) => <time dateTime={isoOrEmpty(k.lastUpdatedDate)}>{formatDateTime(k.lastUpdatedDate)}</time> },
  ];
}
