import { lazy } from 'react';
import { createBrowserRouter, Navigate, useRouteError } from 'react-router';
import { ErrorPanel } from '../components/error-panel.js';
import { SignInPage } from '../features/auth/components/sign-in-page.js';
import { RequireSession } from '../features/auth/components/require-session.js';
import { Layout } from './layout.js';

// Screens behind sign-in load on demand: the sign-in page needs only the Cognito clients.
const ApisPage = lazy(() => import('../features/apis/components/apis-page.js').then((m) => ({ default: m.ApisPage })));
const ApiDetailRoute = lazy(() => import('./routes/api-detail-route.js').then((m) => ({ default: m.ApiDetailRoute })));
const StageRoute = lazy(() => import('./routes/stage-route.js').then((m) => ({ default: m.StageRoute })));
const UsagePlansRoute = lazy(() => import('./routes/usage-plan-routes.js').then((m) => ({ default: m.UsagePlansRoute })));
const UsagePlanRoute = lazy(() => import('./routes/usage-plan-routes.js').then((m) => ({ default: m.UsagePlanRoute })));
const KeysPage = lazy(() => import('../features/keys/components/keys-page.js').then((m) => ({ default: m.KeysPage })));
// Health screens carry recharts and the CloudWatch clients: nothing else loads them.
const FleetRoute = lazy(() => import('./routes/health-routes.js').then((m) => ({ default: m.FleetRoute })));
const ApiHealthRoute = lazy(() => import('./routes/health-routes.js').then((m) => ({ default: m.ApiHealthRoute })));
const AccountPage = lazy(() => import('../features/auth/components/account-page.js').then((m) => ({ default: m.AccountPage })));
const KeyPage = lazy(() => import('../features/keys/components/key-page.js').then((m) => ({ default: m.KeyPage })));

function RouteError() {
  const error = useRouteError();
  return (
    <div className="p-6">
      <ErrorPanel title="This page failed to load" error={error} onRetry={() => window.location.reload()} />
    </div>
  );
}

function NotFound() {
  return (
    <div className="space-y-2">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <a href="/apis" className="text-indigo-700 hover:underline">
        Go to the APIs
      </a>
    </div>
  );
}

export function createRouter() {
  return createBrowserRouter([
    { path: '/sign-in', element: <SignInPage />, errorElement: <RouteError /> },
    {
      path: '/',
      element: (
        <RequireSession>
          <Layout />
        </RequireSession>
      ),
      errorElement: <RouteError />,
      children: [
        { index: true, element: <Navigate to="/apis" replace /> },
        { path: 'apis', element: <ApisPage /> },
        { path: 'apis/:kind/:apiId', element: <ApiDetailRoute /> },
        { path: 'apis/:kind/:apiId/stages/:stageName', element: <StageRoute /> },
        { path: 'usage-plans', element: <UsagePlansRoute /> },
        { path: 'usage-plans/:planId', element: <UsagePlanRoute /> },
        { path: 'keys', element: <KeysPage /> },
        { path: 'keys/:keyId', element: <KeyPage /> },
        { path: 'health', element: <FleetRoute /> },
        { path: 'health/:kind/:apiId', element: <ApiHealthRoute /> },
        { path: 'account', element: <AccountPage /> },
        { path: '*', element: <NotFound /> },
      ],
    },
  ]);
}
