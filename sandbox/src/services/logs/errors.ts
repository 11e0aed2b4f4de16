import { AwsError } from '../../core/errors.js';

/** CloudWatch Logs errors: awsJson 1.1, `__type` is the bare shape name, all 400. */
const err = (code: string) => (message: string) => new AwsError(code, message, 400);

export const invalidParameter = err('InvalidParameterException');
export const resourceNotFound = err('ResourceNotFoundException');
export const resourceAlreadyExists = err('ResourceAlreadyExistsException');
export const limitExceeded = err('LimitExceededException');

export const groupNotFound = () => resourceNotFound('The specified log group does not exist.');
export const streamNotFound = () => resourceNotFound('The specified log stream does not exist.');

/**
 * Model constraint violations. CloudWatch Logs reports them as InvalidParameterException carrying the
 * request validator's message: "1 validation error detected: Value 'my group' at 'logGroupName' failed to
 * satisfy constraint: Member must satisfy regular expression pattern: [\.\-_/#A-Za-z0-9]+".
 */
export class Checks {
  readonly list: string[] = [];

  required(value: unknown, path: string): boolean {
    if (value === undefined || value === null) {
      this.list.push(`Value null at '${path}' failed to satisfy constraint: Member must not be null`);
      return false;
    }
    return true;
  }

  length(value: string | unknown[] | undefined, path: string, min: number, max: number): void {
    if (value === undefined || value === null) return;
    const shown = typeof value === 'string' ? value : `[${value.join(', ')}]`;
    if (value.length < min) this.list.push(`Value '${shown}' at '${path}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`);
    else if (value.length > max) this.list.push(`Value '${shown}' at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
  }

  pattern(value: string | undefined, path: string, re: RegExp, source: string): void {
    if (typeof value === 'string' && value.length && !re.test(value)) {
      this.list.push(`Value '${value}' at '${path}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${source}`);
    }
  }

  range(value: number | undefined, path: string, min: number, max: number): void {
    if (typeof value !== 'number') return;
    if (value < min) this.list.push(`Value '${value}' at '${path}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`);
    else if (value > max) this.list.push(`Value '${value}' at '${path}' failed to satisfy constraint: Member must have value less than or equal to ${max}`);
  }

  enumeration(value: unknown, path: string, allowed: readonly (string | number)[]): void {
    if (value !== undefined && value !== null && !allowed.map(String).includes(String(value))) {
      this.list.push(`Value '${String(value)}' at '${path}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`);
    }
  }

  throwIfAny(): void {
    const n = this.list.length;
    if (n) throw invalidParameter(`${n} validation error${n === 1 ? '' : 's'} detected: ${this.list.join('; ')}`);
  }
}

export const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]+$/;
export const LOG_GROUP_NAME_SRC = '[\\.\\-_/#A-Za-z0-9]+';
export const LOG_STREAM_NAME = /^[^:*]*$/;
export const LOG_STREAM_NAME_SRC = '[^:*]*';

/** Model checks of a log group name member. */
export function checkGroupName(c: Checks, name: string | undefined, path = 'logGroupName'): void {
  if (!c.required(name, path)) return;
  c.length(name, path, 1, 512);
  c.pattern(name, path, LOG_GROUP_NAME, LOG_GROUP_NAME_SRC);
}
