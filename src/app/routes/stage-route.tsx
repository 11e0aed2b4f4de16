import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorPanel } from '../../components/error-panel.js';
import { restSettingKey, restSettingLabel } from '../../domain/method-target.js';
import { useRestApi } from '../../features/apis/api/get-rest-api.js';
import { useRestResources } from '../../features/apis/api/get-resources.js';
import { useV2Api } from '../../features/apis/api/get-api.js';
import { useV2Routes } from '../../features/apis/api/get-routes.js';
import { useDeployments } from '../../features/deployments/api/get-deployments.js';
import { StagePage } from '../../features/stages/components/stage-page.js';

/** The stage's health dashboard (the dashboards feature's screen), linked from the stage page's header. */
function HealthLink({ kind, apiId, stageName }: { kind: 'rest' | 'v2'; apiId: string; stageName: string }) {
  return (
    <p className="text-sm">
      <Link to={`/health/${kind}/${encodeURIComponent(apiId)}?stage=${encodeURIComponent(stageName)}`} className="font-medium text-indigo-700 hover:underline">
        Health dashboard: traffic, latency, errors and 429s of this stage
      </Link>
    </p>
  );
}

/**
 * `/apis/:kind/:apiId/stages/:stageName`: the stage page, given the API's methods or routes (override
 * targets, from the apis feature) and its deployments (from the deployments feature).
 */
export function StageRoute() {
  const { kind, apiId = '', stageName = '' } = useParams();
  if (kind === 'rest') return <RestStageRoute apiId={apiId} stageName={stageName} />;
  if (kind === 'v2') return <V2StageRoute apiId={apiId} stageName={stageName} />;
  return <ErrorPanel title="Unknown API kind" error={{ name: 'NotFound', message: `"${kind}" is neither rest nor v2.` }} />;
}

function RestStageRoute({ apiId, stageName }: { apiId: string; stageName: string }) {
  const api = useRestApi(apiId);
  const resources = useRestResources(apiId);
  const deployments = useDeployments('rest', apiId);
  const targets = useMemo(
    () =>
      (resources.data ?? []).flatMap((r) =>
        r.methods.map((m) => {
          const target = restSettingKey(r.path, m.httpMethod);
          return { target, label: restSettingLabel(target) };
        }),
      ),
    [resources.data],
  );
  return (
    <StagePage
      stageRef={{ kind: 'rest', apiId, stageName }}
      apiName={api.data?.name}
      targets={targets}
      deployments={deployments.data}
      actions={<HealthLink kind="rest" apiId={apiId} stageName={stageName} />}
    />
  );
}

function V2StageRoute({ apiId, stageName }: { apiId: string; stageName: string }) {
  const api = useV2Api(apiId);
  const routes = useV2Routes(apiId);
  const deployments = useDeployments('v2', apiId);
  const targets = useMemo(() => (routes.data ?? []).map((r) => ({ target: r.key, label: r.key })), [routes.data]);
  return (
    <StagePage
      stageRef={{ kind: 'v2', apiId, stageName }}
      apiName={api.data?.name}
      targets={targets}
      deployments={deployments.data}
      actions={<HealthLink kind="v2" apiId={apiId} stageName={stageName} />}
    />
  );
}
