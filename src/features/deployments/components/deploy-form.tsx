import { useState, type FormEvent } from 'react';
import type { ApiKind } from '../../../aws/query-scope.js';
import { ChangeTable, RequestPreview } from '../../../components/change-table.js';
import { primaryButton, secondaryButton } from '../../../components/buttons.js';
import { ErrorPanel } from '../../../components/error-panel.js';
import type { Stage } from '../../../domain/stage.js';
import { useCreateDeployment, type DeployRequest } from '../api/create-deployment.js';

function validate(description: string, canary: boolean, percent: string): { description?: string; percent?: string } {
  const e: { description?: string; percent?: string } = {};
  if (description.length > 1024) e.description = 'Description may be at most 1024 characters.';
  if (canary) {
    const n = Number(percent);
    if (percent.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) e.percent = 'Canary traffic must be a number from 0 to 100.';
  }
  return e;
}

/**
 * Deploys the API's current configuration to a stage, shown first as the request it sends. Stages with
 * auto-deploy are listed but not offered: every change already deploys to them.
 */
export function DeployForm({ kind, apiId, stages, onClose }: { kind: ApiKind; apiId: string; stages: readonly Stage[]; onClose(): void }) {
  const deployable = stages.filter((s) => !s.autoDeploy);
  const [stageName, setStageName] = useState(deployable[0]?.name ?? '');
  const [description, setDescription] = useState('');
  const [asCanary, setAsCanary] = useState(false);
  const [percent, setPercent] = useState('10');
  const [errors, setErrors] = useState<ReturnType<typeof validate>>({});
  const [request, setRequest] = useState<DeployRequest | null>(null);
  const create = useCreateDeployment();
  const stage = stages.find((s) => s.name === stageName);
  const autoDeployStages = stages.filter((s) => s.autoDeploy);

  function review(e: FormEvent) {
    e.preventDefault();
    const errs = validate(description, asCanary, percent);
    setErrors(errs);
    if (errs.description || errs.percent || !stageName) return;
    setRequest({ kind, apiId, stageName, description: description.trim(), canaryPercent: asCanary ? Number(percent) : undefined });
  }

  if (create.isSuccess && request) {
    return (
      <div role="status" className="space-y-2 rounded-md border border-emerald-300 bg-emerald-50 p-4 text-sm text-emerald-900">
        <p>
          Deployed <span className="font-mono">{create.data}</span> to <strong>{request.stageName}</strong>
          {request.canaryPercent !== undefined ? ` as a canary taking ${request.canaryPercent}% of its traffic` : ''}.
        </p>
        <button type="button" className={primaryButton} onClick={onClose}>
          Done
        </button>
      </div>
    );
  }

  if (request) {
    const input =
      kind === 'rest'
        ? { restApiId: apiId, stageName: request.stageName, description: request.description || undefined, ...(request.canaryPercent !== undefined ? { canarySettings: { percentTraffic: request.canaryPercent } } : {}) }
        : { ApiId: apiId, StageName: request.stageName, Description: request.description || undefined };
    const rows =
      request.canaryPercent !== undefined
        ? [
            { label: `${request.stageName}: deployment`, before: stage?.deploymentId, after: `${stage?.deploymentId ?? ''} (unchanged)` },
            { label: `${request.stageName}: canary`, before: stage?.canaryDeploymentId ? `${stage.canaryDeploymentId} at ${stage.canaryPercent}%` : undefined, after: `new deployment at ${request.canaryPercent}%` },
          ]
        : [{ label: `${request.stageName}: deployment`, before: stage?.deploymentId, after: 'new deployment' }];
    return (
      <section aria-label="Review deployment" className="space-y-3 rounded-md border border-indigo-200 bg-indigo-50/40 p-4">
        <h3 className="font-semibold text-slate-900">Review: deploy to {request.stageName}</h3>
        <ChangeTable caption="Deployment change" rows={rows} />
        <RequestPreview requests={[{ operation: 'CreateDeployment', input }]} />
        {create.isError && <ErrorPanel title="The deployment was refused; nothing was changed" error={create.error} />}
        <div className="flex gap-2">
          <button type="button" className={primaryButton} disabled={create.isPending} onClick={() => create.mutate(request)}>
            {create.isPending ? 'Deploying…' : 'Deploy'}
          </button>
          <button type="button" className={secondaryButton} disabled={create.isPending} onClick={() => { create.reset(); setRequest(null); }}>
            Back
          </button>
        </div>
      </section>
    );
  }

  return (
    <form aria-label="Deploy" noValidate onSubmit={review} className="space-y-3 rounded-md border border-slate-200 bg-white p-4 text-sm">
      {deployable.length === 0 ? (
        <p>Every stage of this API deploys automatically on each change; there is nothing to deploy by hand.</p>
      ) : (
        <>
          <label className="block">
            <span className="block font-medium text-slate-800">Stage</span>
            <select value={stageName} onChange={(e) => setStageName(e.target.value)} className="mt-1 rounded border border-slate-300 px-2 py-1.5">
              {deployable.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label className="block">
            <span className="block font-medium text-slate-800">Description</span>
            <input
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              aria-invalid={errors.description ? true : undefined}
              placeholder="What changed, e.g. “Add /orders/{id}/cancel”"
              className="mt-1 w-full rounded border border-slate-300 px-2 py-1.5"
            />
            {errors.description && <span className="mt-1 block text-xs text-red-700">{errors.description}</span>}
          </label>
          {kind === 'rest' && (
            <fieldset className="space-y-2">
              <legend className="sr-only">Canary</legend>
              <label className="flex items-center gap-2">
                <input type="checkbox" checked={asCanary} onChange={(e) => setAsCanary(e.target.checked)} />
                Deploy as a canary: the stage keeps its deployment and sends part of its traffic to the new one
              </label>
              {asCanary && (
                <label className="block">
                  <span className="block font-medium text-slate-800">Canary traffic (%)</span>
                  <input
                    inputMode="decimal"
                    value={percent}
                    onChange={(e) => setPercent(e.target.value)}
                    aria-invalid={errors.percent ? true : undefined}
                    className="mt-1 w-28 rounded border border-slate-300 px-2 py-1.5 font-mono"
                  />
                  {errors.percent && <span className="mt-1 block text-xs text-red-700">{errors.percent}</span>}
                </label>
              )}
            </fieldset>
          )}
        </>
      )}
      {autoDeployStages.length > 0 && (
        <p className="text-xs text-slate-600">
          Not offered: {autoDeployStages.map((s) => s.name).join(', ')} (auto-deploy: every change to the API is deployed to{' '}
          {autoDeployStages.length > 1 ? 'them' : 'it'} by itself).
        </p>
      )}
      <div className="flex gap-2">
        {deployable.length > 0 && (
          <button type="submit" className={primaryButton}>
            Review deployment
          </button>
        )}
        <button type="button" className={secondaryButton} onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
