import type { Api } from '../../../domain/api.js';
import { formatDateTime, isoOrEmpty } from '../../../components/format.js';
import { ApiTypeBadge } from './api-type-label.js';

export function ApiSummary({ api }: { api: Api }) {
  return (
    <header className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-2xl font-semibold break-words text-slate-900">{api.name}</h1>
        <ApiTypeBadge type={api.type} />
      </div>
      {api.description && <p className="max-w-3xl text-sm break-words text-slate-700">{api.description}</p>}
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-slate-600">ID</dt>
        <dd className="font-mono">{api.id}</dd>
        <dt className="text-slate-600">Endpoint</dt>
        <dd className="font-mono break-all">{api.executeApiDisabled ? 'Default endpoint disabled' : api.endpoint}</dd>
        {api.endpointTypes && (
          <>
            <dt className="text-slate-600">Endpoint type</dt>
            <dd>{api.endpointTypes.join(', ')}</dd>
          </>
        )}
        <dt className="text-slate-600">Created</dt>
        <dd>
          <time dateTime={isoOrEmpty(api.createdDate)}>{formatDateTime(api.createdDate)}</time>
        </dd>
      </dl>
    </header>
  );
}
