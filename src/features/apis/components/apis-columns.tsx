import { Link } from 'react-router';
import { apiPathKind, type Api } from '../../../domain/api.js';
import type { ApiSortKey } from '../../../domain/api-list-view.js';
import type { Column } from '../../../components/data-table.js';
import { formatDateTime, isoOrEmpty } from '../../../components/format.js';
import { ApiTypeBadge } from './api-type-label.js';

export const API_COLUMNS: readonly Column<Api, ApiSortKey>[] = [
  {
    id: 'name',
    header: 'Name',
    sortKey: 'name',
    className: 'min-w-44 max-w-xs',
    cell: (a) => (
      <Link to={`/apis/${apiPathKind(a.type)}/${encodeURIComponent(a.id)}`} className="font-medium break-words text-indigo-700 hover:underline">
        {a.name}
      </Link>
    ),
  },
  { id: 'type', header: 'Type', sortKey: 'type', cell: (a) => <ApiTypeBadge type={a.type} /> },
  { id: 'id', header: 'ID', sortKey: 'id', cell: (a) => <span className="font-mono text-xs">{a.id}</span> },
  {
    id: 'endpoint',
    header: 'Endpoint',
    cell: (a) =>
      a.executeApiDisabled ? (
        <span className="text-slate-600">Default endpoint disabled</span>
      ) : (
        <span className="font-mono text-xs whitespace-nowrap">{a.endpoint}</span>
      ),
  },
  {
    id: 'created',
    header: 'Created',
    sortKey: 'created',
    cell: (a) => (
      <time dateTime={isoOrEmpty(a.createdDate)} className="whitespace-nowrap">
        {formatDateTime(a.createdDate)}
      </time>
    ),
  },
  {
    id: 'description',
    header: 'Description',
    className: 'min-w-56 max-w-sm',
    cell: (a) => <span className="line-clamp-2 break-words text-slate-600" title={a.description}>{a.description ?? ''}</span>,
  },
];
