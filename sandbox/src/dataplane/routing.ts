/**
 * Request matching as API Gateway does it.
 *
 * REST APIs: the deployed resource tree. At each level a literal path part beats a `{param}` part, which beats
 * a greedy `{proxy+}` (one or more remaining segments); the matched resource must have the request's method or
 * ANY, else the next candidate is tried; nothing left answers 403 "Missing Authentication Token".
 *
 * HTTP APIs: route keys `METHOD /path` and `$default`. The most specific route wins: segment by segment a
 * literal beats a `{param}`, which beats a greedy `{proxy+}`; then a route with the request's method beats ANY;
 * `$default` catches the rest. Nothing left answers 404 "Not Found".
 */

/** Splits a raw path into percent-decoded segments; empty segments (a trailing slash) are dropped. */
export function segmentsOf(rawPath: string): string[] {
  const out: string[] = [];
  for (const s of rawPath.split('/')) {
    if (s === '') continue;
    if (!s.includes('%')) {
      out.push(s);
      continue;
    }
    try {
      out.push(decodeURIComponent(s));
    } catch {
      out.push(s);
    }
  }
  return out;
}

interface Node {
  literal: Map<string, Node>;
  variable?: { name: string; node: Node };
  greedy?: { name: string; path: string };
  /** Resource path of a resource at this node that has methods. */
  path?: string;
}

const newNode = (): Node => ({ literal: new Map() });

export interface RestTree {
  root: Node;
  /** Methods by resource path. */
  methods: Record<string, Record<string, unknown>>;
}

/** Builds the tree from a deployment's summary (`/pets/{petId}` -> {GET: ..., ANY: ...}). */
export function buildRestTree(summary: Record<string, Record<string, unknown>>): RestTree {
  const root = newNode();
  for (const path of Object.keys(summary)) {
    let node = root;
    const parts = path.split('/').filter((p) => p !== '');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (part.startsWith('{') && part.endsWith('+}')) {
        node.greedy = { name: part.slice(1, -2), path };
        node = newNode(); // a greedy resource has no children
        break;
      }
      if (part.startsWith('{') && part.endsWith('}')) {
        node.variable ??= { name: part.slice(1, -1), node: newNode() };
        node = node.variable.node;
      } else {
        let next = node.literal.get(part);
        if (!next) node.literal.set(part, (next = newNode()));
        node = next;
      }
    }
    if (!parts.length || !parts[parts.length - 1]!.endsWith('+}')) node.path = path;
  }
  return { root, methods: summary };
}

export interface RestMatch {
  resourcePath: string;
  /** The resource's method that answers: the request's verb, or ANY. */
  httpMethod: string;
  pathParameters: Record<string, string>;
}

export function matchRest(tree: RestTree, segments: string[], verb: string): RestMatch | undefined {
  return walk(tree, tree.root, segments, 0, verb, {});
}

function methodOf(tree: RestTree, path: string, verb: string): string | undefined {
  const methods = tree.methods[path];
  if (!methods) return undefined;
  return verb in methods ? verb : 'ANY' in methods ? 'ANY' : undefined;
}

/** Depth-first, most specific first: literal, then {param}, then greedy. */
function walk(tree: RestTree, node: Node, segments: string[], i: number, verb: string, params: Record<string, string>): RestMatch | undefined {
  if (i === segments.length) {
    const m = node.path !== undefined ? methodOf(tree, node.path, verb) : undefined;
    return m ? { resourcePath: node.path!, httpMethod: m, pathParameters: { ...params } } : undefined;
  }
  const seg = segments[i]!;
  const lit = node.literal.get(seg);
  if (lit) {
    const r = walk(tree, lit, segments, i + 1, verb, params);
    if (r) return r;
  }
  if (node.variable) {
    params[node.variable.name] = seg;
    const r = walk(tree, node.variable.node, segments, i + 1, verb, params);
    delete params[node.variable.name];
    if (r) return r;
  }
  if (node.greedy) {
    const m = methodOf(tree, node.greedy.path, verb);
    if (m) return { resourcePath: node.greedy.path, httpMethod: m, pathParameters: { ...params, [node.greedy.name]: segments.slice(i).join('/') } };
  }
  return undefined;
}

export interface HttpRoute<R> {
  routeKey: string;
  route: R;
  method: string;
  /** Per segment: 3 literal, 2 variable, 1 greedy (for ordering). */
  parts: { kind: 1 | 2 | 3; text: string; name: string }[];
}

/** Compiles route keys; `$default` and keys that are not `METHOD /path` are left out (the caller keeps `$default`). */
export function compileRoutes<R>(routes: { routeKey: string; route: R }[]): HttpRoute<R>[] {
  const out: HttpRoute<R>[] = [];
  for (const { routeKey, route } of routes) {
    const m = /^([A-Z]+) (\/.*)$/.exec(routeKey);
    if (!m) continue;
    const parts = m[2]!
      .split('/')
      .filter((p) => p !== '')
      .map((p) => {
        if (p.startsWith('{') && p.endsWith('+}')) return { kind: 1 as const, text: p, name: p.slice(1, -2) };
        if (p.startsWith('{') && p.endsWith('}')) return { kind: 2 as const, text: p, name: p.slice(1, -1) };
        return { kind: 3 as const, text: p, name: '' };
      });
    out.push({ routeKey, route, method: m[1]!, parts });
  }
  return out;
}

export interface HttpMatch<R> {
  routeKey: string;
  route: R;
  pathParameters: Record<string, string>;
}

function matchParts<R>(r: HttpRoute<R>, segments: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < r.parts.length; i++) {
    const p = r.parts[i]!;
    if (p.kind === 1) {
      if (i >= segments.length) return undefined;
      params[p.name] = segments.slice(i).join('/');
      return params;
    }
    if (i >= segments.length) return undefined;
    if (p.kind === 3 && p.text !== segments[i]) return undefined;
    if (p.kind === 2) params[p.name] = segments[i]!;
  }
  return r.parts.length === segments.length ? params : undefined;
}

/** Compares two candidate routes: negative when `a` is more specific. */
function specificity<R>(a: HttpRoute<R>, b: HttpRoute<R>): number {
  const n = Math.max(a.parts.length, b.parts.length);
  for (let i = 0; i < n; i++) {
    const ka = a.parts[i]?.kind ?? 0;
    const kb = b.parts[i]?.kind ?? 0;
    if (ka !== kb) return kb - ka;
  }
  return (a.method === 'ANY' ? 1 : 0) - (b.method === 'ANY' ? 1 : 0);
}

export function matchHttp<R>(routes: HttpRoute<R>[], segments: string[], verb: string): HttpMatch<R> | undefined {
  let best: { r: HttpRoute<R>; params: Record<string, string> } | undefined;
  for (const r of routes) {
    if (r.method !== verb && r.method !== 'ANY') continue;
    const params = matchParts(r, segments);
    if (!params) continue;
    if (!best || specificity(r, best.r) < 0) best = { r, params };
  }
  return best && { routeKey: best.r.routeKey, route: best.r.route, pathParameters: best.params };
}
