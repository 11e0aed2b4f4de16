import { useState } from 'react';
import { useCanOperate } from '../../../aws/caller.js';
import { dangerButton, primaryButton, secondaryButton } from '../../../components/buttons.js';
import type { StageSettings } from '../../../domain/stage-settings.js';
import { makePlan, type StagePlan } from '../api/apply-stage-change.js';
import type { StageRef } from '../api/stage-ref.js';
import { StageChangeFlow } from './stage-change-flow.js';

/**
 * A REST stage's canary: how much traffic goes to which deployment, with which variable overrides;
 * change the share, promote it (the canary's deployment and overrides become the stage's), or cancel it.
 */
export function CanarySection({ stageRef, stage, apiPath }: { stageRef: StageRef; stage: StageSettings; apiPath: string }) {
  const canOperate = useCanOperate();
  const [action, setAction] = useState<{ plan: StagePlan; typed?: string } | null>(null);
  const [percent, setPercent] = useState('');
  const [error, setError] = useState<string>();
  const canary = stage.canary;

  if (action) return <StageChangeFlow plan={action.plan} typeToConfirm={action.typed} onBack={() => setAction(null)} onDone={() => { setAction(null); setPercent(''); }} />;

  const changePercent = () => {
    const n = Number(percent);
    if (percent.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) {
      setError('Canary traffic must be a number from 0 to 100.');
      return;
    }
    setError(undefined);
    setAction({ plan: makePlan(stageRef, `Send ${n}% of ${stage.name} to its canary`, stage, { canary: { percentTraffic: n, variableOverrides: canary!.variableOverrides } }) });
  };

  return (
    <section aria-labelledby="canary-heading" className="space-y-3">
      <h2 id="canary-heading" className="text-lg font-semibold text-slate-900">
        Canary
      </h2>
      {!canary ? (
        <p className="text-sm text-slate-600">
          No canary. To start one, deploy to this stage as a canary from the API's{' '}
          <a href={`${apiPath}#deployments`} className="text-indigo-700 hover:underline">
            deployments
          </a>
          .
        </p>
      ) : (
        <>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-1 rounded-md border border-amber-200 bg-amber-50/50 p-3 text-sm sm:grid-cols-[auto_1fr]">
            <dt className="text-slate-600">Deployment</dt>
            <dd className="font-mono">{canary.deploymentId}</dd>
            <dt className="text-slate-600">Traffic</dt>
            <dd>{canary.percentTraffic}% of requests (the stage's deployment takes the rest)</dd>
            <dt className="text-slate-600">Variable overrides</dt>
            <dd className="font-mono break-all">
              {Object.keys(canary.variableOverrides).length
                ? Object.entries(canary.variableOverrides).map(([k, v]) => `${k}=${v}`).join(', ')
                : 'none'}
            </dd>
            <dt className="text-slate-600">Stage cache</dt>
            <dd>{canary.useStageCache ? 'Used' : 'Not used'}</dd>
          </dl>
          {canOperate && (
            <div className="flex flex-wrap items-end gap-2">
              <label className="text-sm">
                <span className="block text-slate-700">New canary traffic (%)</span>
                <input
                  inputMode="decimal"
                  value={percent}
                  onChange={(e) => setPercent(e.target.value)}
                  aria-invalid={error ? true : undefined}
                  placeholder={String(canary.percentTraffic)}
                  className="mt-1 w-28 rounded border border-slate-300 px-2 py-1.5 font-mono"
                />
              </label>
              <button type="button" className={secondaryButton} onClick={changePercent}>
                Review new share
              </button>
              <button
                type="button"
                className={primaryButton}
                onClick={() =>
                  setAction({
                    typed: stage.name,
                    plan: makePlan(stageRef, `Promote the canary of ${stage.name}`, stage, {
                      deploymentId: canary.deploymentId,
                      variables: { ...stage.variables, ...canary.variableOverrides },
                      canary: null,
                    }),
                  })
                }
              >
                Promote…
              </button>
              <button type="button" className={dangerButton} onClick={() => setAction({ typed: stage.name, plan: makePlan(stageRef, `Cancel the canary of ${stage.name}`, stage, { canary: null }) })}>
                Cancel canary…
              </button>
            </div>
          )}
          {error && (
            <p role="alert" className="text-sm text-red-700">
              {error}
            </p>
          )}
        </>
      )}
    </section>
  );
}
