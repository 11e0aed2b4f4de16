import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/**
 * Serves /config.json from public/ with `endpoint` pointing at the sandbox actually running, so
 * SANDBOX_PORT can move it without editing the file a real deployment ships.
 */
export function consoleConfigPlugin(publicConfigPath: string, endpoint: string): Plugin {
  const serve = (_req: unknown, res: { setHeader(k: string, v: string): void; end(body: string): void }) => {
    const config = JSON.parse(readFileSync(publicConfigPath, 'utf8')) as Record<string, unknown>;
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Cache-Control', 'no-store');
    res.end(JSON.stringify({ ...config, endpoint }, null, 2));
  };
  return {
    name: 'gateway-console-config',
    configureServer(server) {
      server.middlewares.use('/config.json', serve);
    },
    configurePreviewServer(server) {
      server.middlewares.use('/config.json', serve);
    },
  };
}
