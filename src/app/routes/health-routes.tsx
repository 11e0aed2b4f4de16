import { useMemo } from 'react';
import { useParams } from 'react-router';
import { ErrorPanel } from '../../components/error-panel.js';
import { metricApiName } from '../../domain/health.js';
import { useRestApis } from '../../features/apis/api/get-rest-apis.js';
import { useV2Apis } from '../../features/apis/api/get-apis.js';
import { useRestApi } from '../../features/apis/api/get-rest-api.js';
import { useRestStages } from '../../features/apis/api/get-stages.js';
import { useV2Api } from '../../features/apis/api/get-api.js';
import { useV2Stages } from '../../features/apis/api/get-v2-stages.js';
import { useDeployments } from '../../features/deployments/api/get-deployments.js';
import { FleetPage, type ApiListSource } from '../../features/dashboards/components/fleet-page.js';
import { ApiDashboardPage } from '../../features/dashboards/components/api-dashboard-page.js';

/** `/health`: the fleet overview, given every API from the apis feature's two lists. */
export function FleetRoute() {
  const rest = useRestApis();
  const v2 = useV2Apis();
  const sources: ApiListSource[] = [
    { label: 'REST APIs', data: rest.data, isPending: rest.isPending, error: rest.error, refetch: () => void rest.refetch() },
    { label: 'HTTP and WebSocket APIs', data: v2.data, isPending: v2.isPending, error: v2.error, refetch: () => void v2.refetch() },
  ];
  return <FleetPage sources={sources} />;
}

/**
 * `/health/:kind/:apiId[?stage=]`: one API's dashboard with what other features know of it: the API and its
 * stages (apis), its deployments (deployments), and for REST how many APIs share its metric name.
 */
export function ApiHealthRoute() {
  const { kind, apiId = '' } = useParams();
  if (kind === 'rest') return <RestApiHealth apiId={apiId} />;
  if (kind === 'v2') return <V2ApiHealth apiId={apiId} />;
  return <ErrorPanel title="Unknown API kind" error={{ name: 'NotFound', message: `"${kind}" is neither rest nor v2.` }} />;
}

function RestApiHealth({ apiId }: { apiId: string }) {
  const api = useRestApi(apiId);
  const stages = useRestStages(apiId);
  const deployments = useDeployments('rest', apiId);
  const all = useRestApis();
  const sameName = useMemo(() => {
    if (!api.data || !all.data) return undefined;
    const name = metricApiName(api.data);
    return all.data.filter((a) => a.id !== apiId && metricApiName(a) === name).length;
  }, [api.data, all.data, apiId]);
  return (
    <ApiDashboardPage
      kind="rest"
      apiId={apiId}
      api={{ data: api.data, isPending: api.isPending, error: api.error, refetch: () => void api.refetch() }}
      stages={stages.data?.map((s) => s.name)}
      deployments={deployments.data}
      sameName={sameName}
    />
  );
}

function V2ApiHealth({ apiId }: { apiId: string }) {
  const api = useV2Api(apiId);
  const stages = useV2Stages(apiId);
  const deployments = useDeployments('v2', apiId);
  return (
    <ApiDashboardPage
      kind="v2"
      apiId={apiId}
      api={{ data: api.data, isPending: api.isPending, error: api.error, refetch: () => void api.refetch() }}
      stages={stages.data?.map((s) => s.name)}
      deployments={deployments.data}
    />
  );
}
