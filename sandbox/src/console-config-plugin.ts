import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/**
 * Serves /config.json from public/ with `endpoint` pointing at the sandbox actually running, so
 * SANDBOX_PORT can move it without editing the file a real deployment ships.
 */
/** The console's Content-Security-Policy, given the AWS endpoints it may call. */
export function contentSecurityPolicy(connect: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${connect.join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

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
      // The production build is served under the same strict policy CloudFront sends (infra/), with the
      // sandbox as the one AWS endpoint, so a test proves the app needs no unsafe-inline or eval.
      server.middlewares.use((_req, res, next) => {
        res.setHeader('Content-Security-Policy', contentSecurityPolicy([endpoint]));
        next();
      });
      server.middlewares.use('/config.json', serve);
    },
  };
}
