import type { ReactNode } from 'react';
import { Breadcrumbs } from '../../../components/breadcrumbs.js';
import { ReadOnlyNote } from '../../../components/read-only-note.js';
import { ErrorPanel } from '../../../components/error-panel.js';
import { formatDateTime } from '../../../components/format.js';
import { Loading } from '../../../components/loading.js';
import type { Deployment } from '../../../domain/deployment.js';
import { useStage } from '../api/get-stage.js';
import type { StageRef } from '../api/stage-ref.js';
import { CanarySection } from './canary-section.js';
import { DeploymentSection } from './deployment-section.js';
import { ObservabilitySection } from './observability-section.js';
import { ThrottlingSection, type ThrottleTarget } from './throttling-section.js';
import { VariablesSection } from './variables-section.js';

export interface StagePageProps {
  stageRef: StageRef;
  apiName?: string;
  /** Methods or routes an override can be set on (from the API's resources or routes). */
  targets: readonly ThrottleTarget[];
  /** The API's deployments, for what the stage serves and where it can roll back to. */
  deployments: readonly Deployment[] | undefined;
  /** Links the app adds to the header (the stage's health dashboard), composed without importing other features. */
  actions?: ReactNode;
}

/** Everything that shapes a stage's traffic, and the safe ways to change it. */
export function StagePage({ stageRef, apiName, targets, deployments, actions }: StagePageProps) {
  const stage = useStage(stageRef);
  const apiPath = `/apis/${stageRef.kind}/${encodeURIComponent(stageRef.apiId)}`;
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ label: 'APIs', href: '/apis' }, { label: apiName ?? stageRef.apiId, href: apiPath }, { label: stageRef.stageName }]} />
      {stage.isPending ? (
        <Loading label="Loading stage…" />
      ) : stage.isError ? (
        <ErrorPanel title="This stage could not be loaded" error={stage.error} onRetry={() => void stage.refetch()} />
      ) : (
        <>
          <header className="space-y-1">
            <h1 className="text-2xl font-semibold break-all text-slate-900">Stage {stage.data.name}</h1>
            {stage.data.description && <p className="text-sm text-slate-700">{stage.data.description}</p>}
            <p className="text-xs text-slate-600">
              Created {formatDateTime(stage.data.createdDate)} · last updated {formatDateTime(stage.data.lastUpdatedDate)}
            </p>
            {actions}
          </header>
          <ReadOnlyNote what="this stage's settings" />
          <DeploymentSection stageRef={stageRef} stage={stage.data} deployments={deployments} />
          <ThrottlingSection stageRef={stageRef} stage={stage.data} targets={targets} />
          <VariablesSection stageRef={stageRef} stage={stage.data} />
          {stage.data.api === 'rest' && <CanarySection stageRef={stageRef} stage={stage.data} apiPath={apiPath} />}
          <ObservabilitySection stage={stage.data} />
        </>
      )}
    </div>
  );
}
