import { useState } from 'react';
import { SectionHeader } from '../../../components/section-header.js';
import { FormActions } from '../../../components/form-actions.js';
import { useCanOperate } from '../../../aws/caller.js';
import { secondaryButton } from '../../../components/buttons.js';
import { formatDateTime, isoOrEmpty } from '../../../components/format.js';
import type { Deployment } from '../../../domain/deployment.js';
import type { StageSettings } from '../../../domain/stage-settings.js';
import { makePlan, type StagePlan } from '../api/apply-stage-change.js';
import type { StageRef } from '../api/stage-ref.js';
import { StageChangeFlow } from './stage-change-flow.js';

/** The deployment a stage serves, and rolling it back (or forward) to another one. */
export function DeploymentSection({ stageRef, stage, deployments }: { stageRef: StageRef; stage: StageSettings; deployments: readonly Deployment[] | undefined }) {
  const canOperate = useCanOperate();
  const [choosing, setChoosing] = useState(false);
  const served = deployments?.find((d) => d.id === stage.deploymentId);
  return (
    <section aria-labelledby="deployment-heading" className="space-y-3">
      <SectionHeader id="deployment-heading" title="Deployment">
        {canOperate && !choosing && !stage.autoDeploy && (deployments?.length ?? 0) > 1 && (
          <button type="button" className={secondaryButton} onClick={() => setChoosing(true)}>
            Roll back…
          </button>
        )}
      </SectionHeader>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 rounded-md border border-slate-200 bg-white p-3 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-slate-600">Serves</dt>
        <dd className="font-mono">{stage.deploymentId ?? 'No deployment yet'}</dd>
        <dt className="text-slate-600">Description</dt>
        <dd className="break-words">{served?.description ?? '—'}</dd>
        <dt className="text-slate-600">Deployed</dt>
        <dd>
          <time dateTime={isoOrEmpty(served?.createdDate)}>{formatDateTime(served?.createdDate)}</time>
        </dd>
        {stage.api === 'v2' && (
          <>
            <dt className="text-slate-600">Auto-deploy</dt>
            <dd>{stage.autoDeploy ? 'On: every change to the API is deployed to this stage by itself' : 'Off'}</dd>
          </>
        )}
        {stage.lastDeploymentStatusMessage && (
          <>
            <dt className="text-slate-600">Last auto-deploy</dt>
            <dd className="break-words">{stage.lastDeploymentStatusMessage}</dd>
          </>
        )}
      </dl>
      {stage.autoDeploy && (
        <p className="text-sm text-slate-600">
          Roll-back is not offered on an auto-deploy stage: the next change would deploy over it. Turn auto-deploy off first.
        </p>
      )}
      {choosing && deployments && <RollbackForm stageRef={stageRef} stage={stage} deployments={deployments} onClose={() => setChoosing(false)} />}
    </section>
  );
}

function RollbackForm({ stageRef, stage, deployments, onClose }: { stageRef: StageRef; stage: StageSettings; deployments: readonly Deployment[]; onClose(): void }) {
  const [opened] = useState(stage);
  const others = deployments.filter((d) => d.id !== opened.deploymentId);
  const [target, setTarget] = useState(others[0]?.id ?? '');
  const [plan, setPlan] = useState<StagePlan | null>(null);
  if (plan) return <StageChangeFlow plan={plan} onBack={() => setPlan(null)} onDone={onClose} />;
  return (
    <form
      aria-label="Roll back"
      className="space-y-3 rounded-md border border-slate-200 bg-white p-4 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        if (target) setPlan(makePlan(stageRef, `Point ${stage.name} at deployment ${target}`, opened, { deploymentId: target }));
      }}
    >
      <fieldset className="space-y-1">
        <legend className="font-medium text-slate-800">Serve this deployment instead</legend>
        {others.map((d) => (
          <label key={d.id} className="flex items-start gap-2 rounded px-2 py-1 hover:bg-slate-50">
            <input type="radio" name="deployment" value={d.id} checked={target === d.id} onChange={() => setTarget(d.id)} className="mt-1" />
            <span>
              <span className="font-mono">{d.id}</span> · {formatDateTime(d.createdDate)}
              {d.description && <span className="block break-words text-slate-600">{d.description}</span>}
            </span>
          </label>
        ))}
      </fieldset>
      <FormActions submitLabel="Review roll-back" onCancel={onClose} />
    </form>
  );
}
