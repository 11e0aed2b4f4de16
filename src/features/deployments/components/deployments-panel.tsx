import { useState } from 'react';
import { SectionHeader } from '../../../components/section-header.js';
import { useCanOperate } from '../../../aws/caller.js';
import type { ApiKind } from '../../../aws/query-scope.js';
import { secondaryButton } from '../../../components/buttons.js';
import { DataTable, type Column } from '../../../components/data-table.js';
import { ErrorPanel } from '../../../components/error-panel.js';
import { formatDateTime, isoOrEmpty } from '../../../components/format.js';
import { Loading } from '../../../components/loading.js';
import { servingStages, type Deployment } from '../../../domain/deployment.js';
import type { Stage } from '../../../domain/stage.js';
import { useDeployments } from '../api/get-deployments.js';
import { DeployForm } from './deploy-form.js';

/** An API's deployment history, which stages serve each deployment, and deploying to a stage. */
export function DeploymentsPanel({ kind, apiId, stages }: { kind: ApiKind; apiId: string; stages: readonly Stage[] }) {
  const deployments = useDeployments(kind, apiId);
  const canOperate = useCanOperate();
  const [deploying, setDeploying] = useState(false);

  const columns: Column<Deployment>[] = [
    { id: 'id', header: 'Deployment', cell: (d) => <span className="font-mono text-xs">{d.id}</span> },
    { id: 'description', header: 'Description', className: 'min-w-48', cell: (d) => <span className="break-words">{d.description ?? ''}</span> },
    {
      id: 'created',
      header: 'Created',
      cell: (d) => (
        <time dateTime={isoOrEmpty(d.createdDate)} className="whitespace-nowrap">
          {formatDateTime(d.createdDate)}
        </time>
      ),
    },
    {
      id: 'serving',
      header: 'Serving',
      cell: (d) => {
        const serving = servingStages(d.id, stages);
        return serving.length ? <span className="font-medium text-emerald-800">{serving.join(', ')}</span> : <span className="text-slate-600">—</span>;
      },
    },
    ...(kind === 'v2' ? [{ id: 'how', header: 'How', cell: (d: Deployment) => (d.autoDeployed ? 'Auto-deploy' : 'Manual') }] : []),
  ];

  return (
    <section aria-labelledby="deployments-heading" className="space-y-2" id="deployments">
      <SectionHeader id="deployments-heading" title="Deployments">
        {canOperate && !deploying && stages.length > 0 && (
          <button type="button" className={secondaryButton} onClick={() => setDeploying(true)}>
            Deploy…
          </button>
        )}
      </SectionHeader>
      {deploying && <DeployForm kind={kind} apiId={apiId} stages={stages} onClose={() => setDeploying(false)} />}
      {deployments.isPending ? (
        <Loading label="Loading deployments…" />
      ) : deployments.isError ? (
        <ErrorPanel title="Deployments could not be loaded" error={deployments.error} onRetry={() => void deployments.refetch()} />
      ) : (
        <DataTable caption="Deployments" columns={columns} rows={deployments.data} rowKey={(d) => d.id} empty="No deployments yet." />
      )}
    </section>
  );
}
