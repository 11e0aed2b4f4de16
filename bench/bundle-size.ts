import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

export interface BundleFigures {
  /** JS the browser needs to show the sign-in screen. */
  signInJsGzip: number;
  /** JS for sign-in plus the APIs screen (its lazy chunk and what it imports). */
  signInAndApisJsGzip: number;
  files: { file: string; gzip: number }[];
  /**
   * What opening a health screen adds on top of sign-in + the APIs screen: the health routes' chunk with its
   * static imports (the CloudWatch and CloudWatch Logs clients among them) and the chart chunk (recharts) it
   * loads on demand.
   */
  dashboard: { routeJsGzip: number; chartJsGzip: number; totalJsGzip: number; files: { file: string; gzip: number }[] };
  /** Whether the CloudWatch clients and recharts stay out of sign-in + the APIs screen. */
  dashboardCodeOutsideApis: boolean;
}

/**
 * Sums gzip sizes from Vite's manifest: the entry with its static imports, then the APIs screen's
 * dynamic chunk with its static imports. Charts and other screens' chunks are not counted.
 */
export function measureBundle(dist: string): BundleFigures {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const gz = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;

  const closure = (keys: string[], seen = new Set<string>()): Set<string> => {
    for (const k of keys) {
      if (seen.has(k)) continue;
      seen.add(k);
      closure(manifest[k]?.imports ?? [], seen);
    }
    return seen;
  };
  const entry = Object.entries(manifest).find(([, c]) => c.isEntry)?.[0];
  if (!entry) throw new Error('no entry in the Vite manifest');
  const apisKey = Object.keys(manifest).find((k) => k.endsWith('features/apis/components/apis-page.tsx'));
  if (!apisKey) throw new Error('the APIs screen chunk is not in the Vite manifest');

  const signIn = closure([entry]);
  const withApis = closure([apisKey], new Set(signIn));
  const size = (keys: Iterable<string>) => [...keys].reduce((n, k) => n + gz(manifest[k]!.file), 0);

  const healthKey = Object.keys(manifest).find((k) => k.endsWith('app/routes/health-routes.tsx'));
  const chartKey = Object.keys(manifest).find((k) => k.endsWith('features/dashboards/components/metric-chart.tsx'));
  if (!healthKey || !chartKey) throw new Error('the health screens are not in the Vite manifest');
  const route = [...closure([healthKey], new Set(withApis))].filter((k) => !withApis.has(k));
  const routeSet = new Set([...withApis, ...route]);
  const chart = [...closure([chartKey], new Set(routeSet))].filter((k) => !routeSet.has(k));
  const marker = (k: string) => /client-cloudwatch|cloudwatch-client|logs-client|recharts|metric-chart/.test(k) || /recharts|cloudwatch/i.test(manifest[k]!.file);
  return {
    dashboard: {
      routeJsGzip: size(route),
      chartJsGzip: size(chart),
      totalJsGzip: size(route) + size(chart),
      files: [...route, ...chart].map((k) => ({ file: manifest[k]!.file, gzip: gz(manifest[k]!.file) })).sort((a, b) => b.gzip - a.gzip),
    },
    dashboardCodeOutsideApis: ![...withApis].some(marker),
    signInJsGzip: size(signIn),
    signInAndApisJsGzip: size(withApis),
    files: [...withApis].map((k) => ({ file: manifest[k]!.file, gzip: gz(manifest[k]!.file) })).sort((a, b) => b.gzip - a.gzip),
  };
}
