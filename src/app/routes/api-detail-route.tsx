import { ApiDetailPage } from '../../features/apis/components/api-detail-page.js';
import { DeploymentsPanel } from '../../features/deployments/components/deployments-panel.js';

/** The API detail page with the deployments panel under its stages. */
export function ApiDetailRoute() {
  return <ApiDetailPage extras={({ kind, apiId, stages }) => <DeploymentsPanel kind={kind} apiId={apiId} stages={stages} />} />;
}
