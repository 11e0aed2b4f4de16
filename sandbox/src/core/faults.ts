import { AwsError } from './errors.js';

/**
 * The fault switch: tests make the Nth call of an operation fail with an AWS error of their choosing, to
 * prove a console's retry and roll-back paths. A fault is checked after SigV4 and IAM (the call is otherwise
 * valid) and before the handler runs, so a faulted call changes nothing. Sandbox-only and unsigned:
 * `POST /_sandbox/faults` adds, `GET` lists, `DELETE` clears (see COVERAGE.md, "Test controls").
 */
export interface FaultSpec {
  /** Operation name as the SDK calls it (`CreateUsagePlanKey`, `UpdateStage`, `InitiateAuth`). */
  operation: string;
  /** Which call from now fails: 1 (the default) is the next one. */
  nth?: number;
  /** How many calls fail in a row from the Nth on (default 1); then the fault clears itself. */
  times?: number;
  /** AWS error code (default ServiceUnavailableException). */
  code?: string;
  message?: string;
  /** HTTP status; by default the one AWS uses for the code (400 when unknown). */
  status?: number;
  /** Restricts the fault to one service module (`apigateway`, `apigatewayv2`, ...); any by default. */
  service?: string;
  /**
   * Restricts the fault to calls signed with these credentials (one browser's session), so tests running in
   * parallel against one sandbox cannot take each other's faults. Unsigned calls never match it.
   */
  accessKeyId?: string;
}

export interface Fault {
  id: number;
  operation: string;
  service?: string;
  accessKeyId?: string;
  /** Matching calls still to let through before the first failure. */
  skip: number;
  /** Failures still to give. */
  times: number;
  code: string;
  message: string;
  status: number;
}

const STATUS: Record<string, number> = {
  BadRequestException: 400,
  ValidationException: 400,
  UnauthorizedException: 401,
  AccessDeniedException: 403,
  NotFoundException: 404,
  ConflictException: 409,
  TooManyRequestsException: 429,
  LimitExceededException: 429,
  InternalFailure: 500,
  InternalServerError: 500,
  InternalServerException: 500,
  ServiceUnavailableException: 503,
};

const MESSAGES: Record<string, string> = {
  TooManyRequestsException: 'Too Many Requests',
  ServiceUnavailableException: 'Service Unavailable',
};

export class FaultRegistry {
  private faults: Fault[] = [];
  private nextId = 1;

  /** Adds a fault; throws a ValidationException (400) when the spec is malformed. */
  add(spec: FaultSpec): Fault {
    const problems: string[] = [];
    if (!spec || typeof spec !== 'object') throw invalid('The fault must be a JSON object.');
    if (typeof spec.operation !== 'string' || !/^[A-Za-z0-9]+$/.test(spec.operation)) problems.push('operation must be an operation name');
    const nth = spec.nth ?? 1;
    const times = spec.times ?? 1;
    if (!Number.isInteger(nth) || nth < 1) problems.push('nth must be an integer of at least 1');
    if (!Number.isInteger(times) || times < 1) problems.push('times must be an integer of at least 1');
    const code = spec.code ?? 'ServiceUnavailableException';
    if (typeof code !== 'string' || !/^[A-Za-z][A-Za-z0-9.]*$/.test(code)) problems.push('code must be an AWS error code');
    if (spec.message !== undefined && typeof spec.message !== 'string') problems.push('message must be a string');
    const status = spec.status ?? STATUS[code] ?? 400;
    if (!Number.isInteger(status) || status < 400 || status > 599) problems.push('status must be an HTTP error status (400..599)');
    if (spec.service !== undefined && typeof spec.service !== 'string') problems.push('service must be a string');
    if (spec.accessKeyId !== undefined && (typeof spec.accessKeyId !== 'string' || !spec.accessKeyId)) problems.push('accessKeyId must be an access key id');
    if (problems.length) throw invalid(`Invalid fault: ${problems.join('; ')}.`);
    const fault: Fault = {
      id: this.nextId++,
      operation: spec.operation,
      skip: nth - 1,
      times,
      code,
      message: spec.message ?? MESSAGES[code] ?? `${code} (injected by the sandbox fault switch)`,
      status,
    };
    if (spec.service) fault.service = spec.service;
    if (spec.accessKeyId) fault.accessKeyId = spec.accessKeyId;
    this.faults.push(fault);
    return { ...fault };
  }

  clear(): void {
    this.faults = [];
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /**
   * Counts one authorized call of `operation` (signed with `accessKeyId`, if signed) against every pending
   * fault for it and throws the error of
   * the first that is due. A fault that has failed `times` calls is removed.
   */
  check(service: string, operation: string, accessKeyId?: string): void {
    let due: Fault | undefined;
    for (const f of this.faults) {
      if (f.operation !== operation || (f.service && f.service !== service)) continue;
      if (f.accessKeyId && f.accessKeyId !== accessKeyId) continue;
      if (f.skip > 0) {
        f.skip--;
        continue;
      }
      f.times--;
      due ??= f;
    }
    if (!due) return;
    this.faults = this.faults.filter((f) => f.times > 0);
    const headers: Record<string, string> = due.status === 429 ? { 'Retry-After': '1' } : {};
    throw new AwsError(due.code, due.message, due.status, headers);
  }
}

const invalid = (message: string) => new AwsError('ValidationException', message, 400);

/** The control route's path; nothing else under `/_sandbox/` is served. */
export const FAULTS_PATH = '/_sandbox/faults';

/**
 * `POST` a fault (or an array of them) -> 201 `{ faults: [...] }` (the ones added); `GET` -> 200
 * `{ faults: [...] }` (pending); `DELETE` -> 204 (all cleared).
 */
export function handleFaultsRoute(registry: FaultRegistry, method: string, body: Buffer): { status: number; body?: unknown } {
  if (method === 'GET') return { status: 200, body: { faults: registry.list() } };
  if (method === 'DELETE') {
    registry.clear();
    return { status: 204 };
  }
  if (method !== 'POST') throw new AwsError('MethodNotAllowedException', `${method} is not served on ${FAULTS_PATH}: use POST, GET or DELETE.`, 405);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8') || 'null');
  } catch {
    throw invalid('The fault must be JSON.');
  }
  const specs = Array.isArray(parsed) ? parsed : [parsed];
  // Validate every spec before adding any, so a bad one in a batch adds nothing.
  const scratch = new FaultRegistry();
  for (const s of specs) scratch.add(s as FaultSpec);
  return { status: 201, body: { faults: specs.map((s) => registry.add(s as FaultSpec)) } };
}
