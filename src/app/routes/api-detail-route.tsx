import { Link } from 'react-router';
import { ApiDetailPage } from '../../features/apis/components/api-detail-page.js';
import { DeploymentsPanel } from '../../features/deployments/components/deployments-panel.js';

/** The API detail page with the deployments panel under its stages, and a link to the API's health dashboard. */
export function ApiDetailRoute() {
  return (
    <ApiDetailPage
      extras={({ kind, apiId, stages }) => (
        <>
          <p className="text-sm">
            <Link to={`/health/${kind}/${encodeURIComponent(apiId)}`} className="font-medium text-indigo-700 hover:underline">
              Health dashboard: traffic, latency and errors of this API
            </Link>
          </p>
          <DeploymentsPanel kind={kind} apiId={apiId} stages={stages} />
        </>
      )}
    />
  );
}
