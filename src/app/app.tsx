import { useEffect, useMemo } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import type { ConsoleConfig } from '../aws/config.js';
import { ConsoleConfigContext } from '../aws/config-context.js';
import { isAwsCode } from '../aws/errors.js';
import { SessionContext } from '../features/auth/session/session-context.js';
import { SessionManager } from '../features/auth/session/session-manager.js';
import { createRouter } from './router.js';

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // The SDK already retries throttling and transient faults; a 4xx (denied, not found) will not heal.
        retry: (count, err) => count < 1 && !isAwsCode(err, 'AccessDeniedException', 'NotFoundException', 'BadRequestException', 'NotSignedIn'),
        refetchOnWindowFocus: false,
      },
    },
  });
}

export function App({ config }: { config: ConsoleConfig }) {
  const queryClient = useMemo(makeQueryClient, []);
  // Sign-out drops every cached query: nothing one user saw stays for the next.
  const session = useMemo(() => new SessionManager(config, () => queryClient.clear()), [config, queryClient]);
  const router = useMemo(createRouter, []);

  useEffect(() => {
    void session.restore();
  }, [session]);

  return (
    <ConsoleConfigContext.Provider value={config}>
      <QueryClientProvider client={queryClient}>
        <SessionContext.Provider value={session}>
          <RouterProvider router={router} />
        </SessionContext.Provider>
      </QueryClientProvider>
    </ConsoleConfigContext.Provider>
  );
}
