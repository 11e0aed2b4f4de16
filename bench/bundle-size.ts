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
  const size = (keys: Set<string>) => [...keys].reduce((n, k) => n + gz(manifest[k]!.file), 0);
  return {
    signInJsGzip: size(signIn),
    signInAndApisJsGzip: size(withApis),
    files: [...withApis].map((k) => ({ file: manifest[k]!.file, gzip: gz(manifest[k]!.file) })).sort((a, b) => b.gzip - a.gzip),
  };
}
