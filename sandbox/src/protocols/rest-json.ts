import type { ServerResponse } from 'node:http';
import type { RestOperation } from '../core/types.js';
import { AwsError } from '../core/errors.js';

interface CompiledRoute<S> {
  op: RestOperation<S>;
  segments: string[];
  /** Query parameters the route requires (`?mode=import`). */
  query: [string, string][];
}

/**
 * Matches REST-JSON requests to operations by method and path template (`{name}` binds one segment). Routes
 * that also require a query parameter are tried first, so `POST /apikeys?mode=import` is not CreateApiKey.
 */
export class RestRouter<S> {
  private readonly routes: CompiledRoute<S>[];

  constructor(ops: readonly RestOperation<S>[], prefix = '') {
    const routes = ops.map((op) => {
      const [path, query] = op.path.split('?') as [string, string | undefined];
      return { op, segments: split(prefix + path), query: [...new URLSearchParams(query ?? '')] };
    });
    this.routes = [...routes.filter((r) => r.query.length), ...routes.filter((r) => !r.query.length)];
  }

  match(method: string, rawPath: string, query?: URLSearchParams): { op: RestOperation<S>; params: Record<string, string> } | undefined {
    const parts = split(rawPath);
    for (const route of this.routes) {
      if (route.op.method !== method || route.segments.length !== parts.length) continue;
      if (route.query.some(([k, v]) => query?.get(k) !== v)) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length; i++) {
        const want = route.segments[i]!;
        const got = safeDecode(parts[i]!);
        if (want.startsWith('{') && want.endsWith('}')) {
          if (got === '') { ok = false; break; }
          params[want.slice(1, -1)] = got;
        } else if (want !== got) {
          ok = false;
          break;
        }
      }
      if (ok) return { op: route.op, params };
    }
    return undefined;
  }
}

function split(path: string): string[] {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? [''] : trimmed.split('/');
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function writeRestJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const payload = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    ...(payload ? { 'Content-Type': 'application/json' } : {}),
    'Content-Length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

/** REST-JSON error: the code travels in x-amzn-ErrorType, the body holds the message. */
export function writeRestJsonError(res: ServerResponse, err: AwsError, headers: Record<string, string>): void {
  writeRestJson(res, err.status, { ...err.fields, message: err.message }, { ...headers, ...err.headers, 'x-amzn-ErrorType': err.code });
}
