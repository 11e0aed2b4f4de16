import { Link } from 'react-router';
import type { Stage } from '../../../domain/stage.js';
import { DataTable, type Column } from '../../../components/data-table.js';
import { formatDateTime, isoOrEmpty } from '../../../components/format.js';
import { Badge } from '../../../components/badge.js';

const columns = (stageHref: (name: string) => string): readonly Column<Stage>[] => [
  {
    id: 'name',
    header: 'Stage',
    cell: (s) => (
      <span className="flex flex-wrap items-center gap-2">
        <Link to={stageHref(s.name)} className="font-medium break-all text-indigo-700 hover:underline">
          {s.name}
        </Link>
        {s.autoDeploy && <Badge tone="emerald">Auto-deploy</Badge>}
      </span>
    ),
  },
  {
    id: 'deployment',
    header: 'Deployment',
    cell: (s) => (
      <span className="font-mono text-xs">
        {s.deploymentId ?? 'None yet'}
        {s.canaryDeploymentId && <span className="block text-amber-800">canary {s.canaryDeploymentId} ({s.canaryPercent ?? 0}%)</span>}
      </span>
    ),
  },
  { id: 'description', header: 'Description', cell: (s) => <span className="break-words text-slate-600">{s.description ?? ''}</span> },
  {
    id: 'updated',
    header: 'Last updated',
    cell: (s) => (
      <time dateTime={isoOrEmpty(s.lastUpdatedDate)} className="whitespace-nowrap">
        {formatDateTime(s.lastUpdatedDate)}
      </time>
    ),
  },
];

export function StagesTable({ stages, stageHref }: { stages: readonly Stage[]; stageHref(name: string): string }) {
  return <DataTable caption="Stages" columns={columns(stageHref)} rows={stages} rowKey={(s) => s.name} empty="No stages: this API has not been deployed." />;
}
