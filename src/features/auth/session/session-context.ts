import { createContext, useContext, useSyncExternalStore } from 'react';
import type { SessionManager, SessionState } from './session-manager.js';

export const SessionContext = createContext<SessionManager | null>(null);

export function useSessionManager(): SessionManager {
  const m = useContext(SessionContext);
  if (!m) throw new Error('useSessionManager outside SessionContext');
  return m;
}

export function useSession(): SessionState {
  const m = useSessionManager();
  return useSyncExternalStore(m.subscribe, m.getState);
}
