import type { OperationContext, RestOperation } from '../../core/types.js';
import { randomIds, type StoreEnv } from './store/env.js';
import type { ApiGatewayState } from './store/types.js';

export type Ctx = OperationContext<ApiGatewayState>;
/** An SDK command output without the client-side `$metadata`: what a handler returns. */
export type Out<T> = Omit<T, '$metadata'>;

type QueryKind = 'string' | 'int' | 'bool' | 'list';

export interface OperationSpec<I, O> {
  name: string;
  method: RestOperation<ApiGatewayState>['method'];
  /** Path template; `{name}` labels are named as the SDK input members they fill. */
  path: string;
  /** Success status AWS answers with (201 for creates, 202 or 204 for deletes). */
  status: number;
  /** Query parameters: wire name -> [input member, kind] (GetApiKeys sends `nameQuery` as `name`). */
  query?: Record<string, readonly [keyof I & string, QueryKind]>;
  /** Body members whose JSON name differs from the input member (PutIntegration's `httpMethod`). */
  bodyNames?: Record<string, keyof I & string>;
  /** The body is not JSON: its bytes become the input's `body` member (ImportApiKeys' CSV file). */
  rawBody?: boolean;
  /** Wire name of the output's `items` (`item` for collections; GetUsage's map is `values`). */
  itemsName?: string;
  handler(ctx: Ctx, input: I): O | undefined;
}

/**
 * Builds a REST operation from a typed handler: the input is assembled from the body, the path labels and
 * the query string exactly as the SDK serializes them, and the output is encoded as AWS encodes it.
 */
export function operation<I, O>(spec: OperationSpec<I, O>): RestOperation<ApiGatewayState> {
  return {
    name: spec.name,
    method: spec.method,
    path: spec.path,
    ...(spec.rawBody ? { rawBody: true } : {}),
    handler(ctx, params, body) {
      const input: Record<string, unknown> = {};
      if (spec.rawBody) input.body = body;
      else if (body && typeof body === 'object' && !Array.isArray(body)) {
        for (const [k, v] of Object.entries(body as Record<string, unknown>)) input[spec.bodyNames?.[k] ?? k] = v;
      }
      Object.assign(input, params);
      for (const [wireName, [member, kind]] of Object.entries(spec.query ?? {})) {
        const value = queryValue(ctx, wireName, kind);
        if (value !== undefined) input[member] = value;
      }
      const output = spec.handler(ctx, input as I);
      return { status: spec.status, body: output === undefined ? undefined : toWire(output, true, spec.itemsName) };
    },
  };
}

function queryValue(ctx: Ctx, name: string, kind: QueryKind): unknown {
  const q = ctx.req.query;
  if (!q.has(name)) return undefined;
  const raw = q.get(name) ?? '';
  switch (kind) {
    case 'string':
      return raw;
    case 'int': {
      const n = Number(raw);
      return raw !== '' && Number.isFinite(n) ? n : undefined;
    }
    case 'bool':
      return raw.toLowerCase() === 'true';
    case 'list':
      return q.getAll(name).flatMap((v) => v.split(',')).filter(Boolean);
  }
}

/**
 * REST-JSON encoding of an SDK-shaped output: timestamps as epoch seconds, and the top-level `items`
 * of a collection under its wire name (`item`, or `values` for GetUsage's map).
 */
export function toWire(value: unknown, top = false, itemsName = 'item'): unknown {
  if (value instanceof Date) return Math.floor(value.getTime() / 1000);
  if (Array.isArray(value)) return value.map((v) => toWire(v));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      out[top && k === 'items' ? itemsName : k] = toWire(v);
    }
    return out;
  }
  return value;
}

export function storeEnv(ctx: Ctx): StoreEnv {
  return { now: ctx.config.now(), account: ctx.caller?.account ?? ctx.config.account, region: ctx.config.region, ids: randomIds };
}
