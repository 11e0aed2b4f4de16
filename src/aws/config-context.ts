import { createContext, useContext } from 'react';
import type { ConsoleConfig } from './config.js';

export const ConsoleConfigContext = createContext<ConsoleConfig | null>(null);

/** The validated runtime config; the app renders nothing that needs it before it loads. */
export function useConsoleConfig(): ConsoleConfig {
  const config = useContext(ConsoleConfigContext);
  if (!config) throw new Error('useConsoleConfig outside ConsoleConfigContext');
  return config;
}
