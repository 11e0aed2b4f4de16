import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { HandlerResult, OperationContext, SandboxConfig, SandboxRequest, SandboxState, ServiceModule } from './core/types.js';
import { AwsError, unknownOperation } from './core/errors.js';
import { requestId } from './core/ids.js';
import { emptyState, loadState, saveState } from './core/state.js';
import { RestRouter, writeRestJson, writeRestJsonError } from './protocols/rest-json.js';
import { writeAwsJson, writeAwsJsonError } from './protocols/json-rpc.js';
import { corsHeaders, writePreflight } from './protocols/cors.js';
import { verifySigV4 } from './auth/sigv4.js';
import { authorize } from './auth/policies.js';
import { QuotaMeter } from './auth/quotas.js';
import { SERVICES } from './services/registry.js';
import { FAULTS_PATH, FaultRegistry, handleFaultsRoute } from './core/faults.js';
import { refreshRolePolicies } from './seed/roles.js';
import { DataPlane, INVOKE_PREFIX } from './dataplane/dataplane.js';

export interface SandboxOptions {
  port?: number;
  host?: string;
  /** File the state is saved to after each change and loaded from at start. */
  dataFile?: string;
  /** Fills an empty state (demo or scale profile); not applied when a saved state was loaded. */
  seed?: (state: SandboxState, config: SandboxConfig) => void;
  config?: Partial<SandboxConfig>;
}

export interface Sandbox {
  url: string;
  port: number;
  state: SandboxState;
  config: SandboxConfig;
  /** The fault switch (also served unsigned at `/_sandbox/faults`): tests make chosen calls fail. */
  faults: FaultRegistry;
  /** The data plane serving `/_invoke/{apiId}/{stage}/...`; in-process callers (the traffic generator) use `invoke`. */
  dataplane: DataPlane;
  close(): Promise<void>;
}

const MAX_BODY = 10 * 1024 * 1024;
/** Data-plane traffic changes usage counters, metrics and logs: saved at most this often, not per request. */
const DATAPLANE_SAVE_MS = 10_000;

export function defaultConfig(overrides: Partial<SandboxConfig> = {}): SandboxConfig {
  return {
    region: 'us-east-1',
    account: '123456789012',
    tokenLifetimeSeconds: 3600,
    credentialLifetimeSeconds: 3600,
    quotas: true,
    now: () => new Date(),
    ...overrides,
  };
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const config = defaultConfig(options.config);
  const loaded = options.dataFile ? loadState(options.dataFile) : undefined;
  const state = loaded ?? emptyState(SERVICES);
  // A saved state from an older build may lack a newer service's slice.
  for (const m of SERVICES) state.services[m.name] ??= m.initialState();
  if (!loaded) {
    options.seed?.(state, config);
    if (options.dataFile) saveState(options.dataFile, state);
  } else {
    // The console's roles always evaluate infra/policies as it is now, not as it was when the state was saved.
    refreshRolePolicies(state.auth, config);
  }

  const routers = new Map<ServiceModule, RestRouter<unknown>>();
  for (const m of SERVICES) if (m.restOperations) routers.set(m, new RestRouter(m.restOperations));
  const quotas = new QuotaMeter();
  const faults = new FaultRegistry();
  let baseUrl = '';

  let saveTimer: NodeJS.Timeout | undefined;
  const persist = () => {
    if (saveTimer) {
      clearTimeout(saveTimer);
      saveTimer = undefined;
    }
    if (options.dataFile) saveState(options.dataFile, state);
  };
  const dataplane = new DataPlane(state, config);
  if (options.dataFile) {
    dataplane.onRequest = () => {
      if (saveTimer) return;
      saveTimer = setTimeout(persist, DATAPLANE_SAVE_MS);
      saveTimer.unref();
    };
  }

  const server: Server = createServer((req, res) => {
    readRequest(req)
      .then((sreq) => handle(sreq, req, res))
      .catch((err: unknown) => {
        const e = err instanceof AwsError ? err : new AwsError('InternalFailure', String((err as Error)?.message ?? err), 500);
        if (!res.headersSent) writeRestJsonError(res, e, corsHeaders(req.headers.origin));
        else res.destroy();
      });
  });

  async function handle(sreq: SandboxRequest, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const origin = req.headers.origin;
    const base = { ...corsHeaders(origin), 'x-amzn-RequestId': sreq.requestId, Date: config.now().toUTCString() };
    const target = sreq.headers['x-amz-target'];

    // Invoke URLs: the data plane answers everything under the prefix, OPTIONS included (no SigV4, no CORS).
    if (sreq.rawPath.startsWith(INVOKE_PREFIX)) {
      const out = dataplane.serve(sreq, req.socket.remoteAddress?.replace(/^::ffff:/, ''));
      const body = Buffer.from(out.body, 'utf8');
      res.writeHead(out.status, { ...out.headers, Date: base.Date, 'Content-Length': String(body.length) });
      res.end(sreq.method === 'HEAD' ? undefined : body);
      return;
    }

    if (sreq.method === 'OPTIONS') {
      const module = target ? undefined : restModuleFor(sreq.rawPath);
      writePreflight(res, origin, sreq.headers['access-control-request-headers'], module?.corsAllowedHeaders);
      return;
    }

    if (sreq.rawPath === FAULTS_PATH) {
      try {
        const out = handleFaultsRoute(faults, sreq.method, sreq.body);
        writeRestJson(res, out.status, out.body, base);
      } catch (err) {
        writeRestJsonError(res, asAwsError(err), base);
      }
      return;
    }

    for (const m of SERVICES) {
      const extra = m.extraRoutes?.(sreq, state, baseUrl);
      if (extra) {
        writeRestJson(res, extra.status ?? 200, extra.body, { ...base, ...extra.headers });
        return;
      }
    }

    if (target) {
      await handleJson(sreq, target, res, base);
      return;
    }
    await handleRest(sreq, res, base);
  }

  function restModuleFor(rawPath: string): ServiceModule | undefined {
    const rest = SERVICES.filter((m) => m.protocol === 'rest-json');
    return rest.find((m) => m.ownsPath?.(rawPath)) ?? rest.find((m) => !m.ownsPath);
  }

  async function handleJson(sreq: SandboxRequest, target: string, res: ServerResponse, base: Record<string, string>) {
    const dot = target.lastIndexOf('.');
    const prefix = target.slice(0, dot);
    const opName = target.slice(dot + 1);
    const module = SERVICES.find((m) => m.protocol === 'json' && m.targetPrefix === prefix);
    const version = module?.jsonVersion ?? '1.1';
    try {
      if (!module) throw new AwsError('UnknownOperationException', `The sandbox does not serve ${target}: no service answers to the target prefix ${prefix}.`, 400);
      const op = module.jsonOperations?.find((o) => o.name === opName);
      if (!op) throw new AwsError('UnknownOperationException', `The sandbox does not serve ${module.name}:${opName}.`, 400);
      const ctx = context(module, sreq, opName);
      if (op.auth === 'sigv4') {
        ctx.caller = verifySigV4(sreq, module.signingName, state.auth, config);
        if (module.quotas && config.quotas) quotas.check(ctx.caller.account, opName, config.now());
        const { action, resource } = module.iam?.(ctx, {}) ?? { action: `${module.signingName}:${opName}`, resource: '*' };
        try {
          authorize(ctx.caller, action, resource);
        } catch (e) {
          if (e instanceof AwsError && module.accessDeniedStatus) throw new AwsError(e.code, e.message, module.accessDeniedStatus);
          throw e;
        }
      }
      let input: unknown = {};
      if (sreq.body.length) {
        try {
          input = JSON.parse(decodedBody(sreq).toString('utf8'));
        } catch {
          throw new AwsError('SerializationException', 'Request body is not valid JSON.', 400);
        }
      }
      faults.check(module.name, opName, ctx.caller?.accessKeyId);
      const output = await op.handler(ctx, input);
      if (op.mutates) persist();
      writeAwsJson(res, version, output, base);
    } catch (err) {
      writeAwsJsonError(res, version, asAwsError(err), base);
    }
  }

  async function handleRest(sreq: SandboxRequest, res: ServerResponse, base: Record<string, string>) {
    const module = restModuleFor(sreq.rawPath);
    try {
      const router = module && routers.get(module);
      const matched = router?.match(sreq.method, sreq.rawPath, sreq.query);
      if (!module || !matched) {
        throw unknownOperation(
          `The sandbox does not serve ${sreq.method} ${sreq.path}${module ? ` (${module.name})` : ''}: no operation it knows has this method and path.`,
        );
      }
      const { op, params } = matched;
      const ctx = context(module, sreq, op.name);
      ctx.caller = verifySigV4(sreq, module.signingName, state.auth, config);
      if (module.quotas && config.quotas) quotas.check(ctx.caller.account, op.name, config.now());
      const { action, resource } = module.iam?.(ctx, params) ?? defaultIam(module, sreq);
      authorize(ctx.caller, action, resource);
      let body: unknown = op.rawBody ? sreq.body : undefined;
      if (sreq.body.length && !op.rawBody) {
        try {
          body = JSON.parse(sreq.body.toString('utf8'));
        } catch {
          throw new AwsError('SerializationException', 'Could not parse request body into json.', 400);
        }
      }
      faults.check(module.name, op.name, ctx.caller?.accessKeyId);
      const result: HandlerResult = await op.handler(ctx, params, body ?? {});
      if (sreq.method !== 'GET') persist();
      writeRestJson(res, result.status ?? 200, result.body, { ...base, ...result.headers });
    } catch (err) {
      writeRestJsonError(res, asAwsError(err), base);
    }
  }

  function defaultIam(module: ServiceModule, sreq: SandboxRequest) {
    // API Gateway's IAM model: the action is the HTTP verb, the resource is the path (v2 paths without /v2).
    const path = sreq.path.replace(/^\/v2\//, '/').replace(/\/+$/, '') || '/';
    return { action: `${module.signingName}:${sreq.method}`, resource: `arn:aws:apigateway:${config.region}::${path}` };
  }

  function context(module: ServiceModule, req: SandboxRequest, operation: string): OperationContext<unknown> {
    return { req, operation, state: state.services[module.name], root: state, config, baseUrl };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://localhost:${port}`;

  return {
    url: baseUrl,
    port,
    state,
    config,
    faults,
    dataplane,
    close: () =>
      new Promise<void>((resolve) => {
        if (saveTimer) persist();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function asAwsError(err: unknown): AwsError {
  if (err instanceof AwsError) return err;
  // A handler bug must still answer in AWS's shape, and loudly.
  console.error('[sandbox] internal error:', err);
  return new AwsError('InternalFailure', `Internal sandbox error: ${String((err as Error)?.message ?? err)}`, 500);
}

/**
 * The body as the service reads it. SigV4 signs the bytes as sent, so this runs after verification: the SDK
 * gzips large CloudWatch PutMetricData bodies (`Content-Encoding: gzip`, the operation's requestCompression).
 */
function decodedBody(sreq: SandboxRequest): Buffer {
  const encoding = (sreq.headers['content-encoding'] ?? '').toLowerCase();
  if (!encoding.split(',').some((e) => e.trim() === 'gzip')) return sreq.body;
  try {
    return gunzipSync(sreq.body);
  } catch {
    throw new AwsError('SerializationException', 'Request body is not valid gzip.', 400);
  }
}

function readRequest(req: IncomingMessage): Promise<SandboxRequest> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new AwsError('RequestEntityTooLargeException', 'Request body too large.', 413));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('error', reject);
    req.on('end', () => {
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const rawPath = q >= 0 ? url.slice(0, q) : url;
      const rawQuery = q >= 0 ? url.slice(q + 1) : '';
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
      }
      let path = rawPath;
      try {
        path = decodeURIComponent(rawPath);
      } catch {
        /* keep raw */
      }
      resolve({
        method: (req.method ?? 'GET').toUpperCase(),
        rawPath,
        path,
        rawQuery,
        query: new URLSearchParams(rawQuery),
        headers,
        body: Buffer.concat(chunks),
        requestId: requestId(),
      });
    });
  });
}
