import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { Breadcrumbs } from '../../../components/breadcrumbs.js';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorPanel } from '../../../components/error-panel.js';
import { Loading } from '../../../components/loading.js';
import type { Api } from '../../../domain/api.js';
import type { Stage } from '../../../domain/stage.js';
import { useRestApi } from '../api/get-rest-api.js';
import { useRestStages } from '../api/get-stages.js';
import { useRestResources } from '../api/get-resources.js';
import { useV2Api } from '../api/get-api.js';
import { useV2Stages } from '../api/get-v2-stages.js';
import { useV2Routes } from '../api/get-routes.js';
import { ApiSummary } from './api-summary.js';
import { StagesTable } from './stages-table.js';
import { ResourcesTable } from './resources-table.js';
import { RoutesTable } from './routes-table.js';

/** What the app adds below the stages (the deployments panel), composed without features importing each other. */
export type DetailExtras = (args: { kind: 'rest' | 'v2'; apiId: string; stages: Stage[] }) => ReactNode;

/** `/apis/rest/:apiId` or `/apis/v2/:apiId`: the API, its stages, and its resources or routes. */
export function ApiDetailPage({ extras }: { extras?: DetailExtras }) {
  const { kind, apiId = '' } = useParams();
  if (kind === 'rest') return <RestApiDetail apiId={apiId} extras={extras} />;
  if (kind === 'v2') return <V2ApiDetail apiId={apiId} extras={extras} />;
  return <ErrorPanel title="Unknown API kind" error={{ name: 'NotFound', message: `"${kind}" is neither rest nor v2.` }} />;
}

function RestApiDetail({ apiId, extras }: { apiId: string; extras?: DetailExtras }) {
  const api = useRestApi(apiId);
  const stages = useRestStages(apiId);
  const resources = useRestResources(apiId);
  return (
    <DetailLayout kind="rest" apiId={apiId} api={api} stages={stages} extras={extras}>
      <Panel title="Resources and methods" query={resources}>
        {(r) => <ResourcesTable resources={r} />}
      </Panel>
    </DetailLayout>
  );
}

function V2ApiDetail({ apiId, extras }: { apiId: string; extras?: DetailExtras }) {
  const api = useV2Api(apiId);
  const stages = useV2Stages(apiId);
  const routes = useV2Routes(apiId);
  return (
    <DetailLayout kind="v2" apiId={apiId} api={api} stages={stages} extras={extras}>
      <Panel title="Routes" query={routes}>
        {(r) => <RoutesTable routes={r} />}
      </Panel>
    </DetailLayout>
  );
}

function DetailLayout({
  kind,
  apiId,
  api,
  stages,
  extras,
  children,
}: {
  kind: 'rest' | 'v2';
  apiId: string;
  api: UseQueryResult<Api>;
  stages: UseQueryResult<Stage[]>;
  extras?: DetailExtras;
  children: ReactNode;
}) {
  const stageHref = (name: string) => `/apis/${kind}/${encodeURIComponent(apiId)}/stages/${encodeURIComponent(name)}`;
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ label: 'APIs', href: '/apis' }, { label: api.data?.name ?? apiId }]} />
      {api.isPending ? (
        <Loading label="Loading API…" />
      ) : api.isError ? (
        <ErrorPanel title="This API could not be loaded" error={api.error} onRetry={() => void api.refetch()} />
      ) : (
        <>
          <ApiSummary api={api.data} />
          <Panel title="Stages" query={stages}>
            {(s) => <StagesTable stages={s} stageHref={stageHref} />}
          </Panel>
          {stages.data && extras?.({ kind, apiId, stages: stages.data })}
          {children}
        </>
      )}
    </div>
  );
}

function Panel<T>({ title, query, children }: { title: string; query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  return (
    <section aria-label={title} className="space-y-2">
      <h2 className="text-lg font-semibold text-slate-900">{title}</h2>
      {query.isPending ? (
        <Loading label={`Loading ${title.toLowerCase()}…`} />
      ) : query.isError ? (
        <ErrorPanel title={`${title} could not be loaded`} error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        children(query.data)
      )}
    </section>
  );
}
