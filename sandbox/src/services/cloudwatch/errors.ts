import { AwsError } from '../../core/errors.js';

/**
 * CloudWatch speaks awsJson 1.0 in "query compatible" mode: the body's `__type` names the JSON shape
 * (`com.amazonaws.cloudwatch.v2010_08_01#InvalidParameterValueException`) and the `x-amzn-query-error`
 * header carries the old Query code and fault (`InvalidParameterValue;Sender`), which the SDK prefers.
 * Both forms are in the recordings (test_cloudwatch.snapshot.json, json variants).
 */
const NS = 'com.amazonaws.cloudwatch.v2010_08_01';

function queryCompatible(shape: string, queryCode: string, message: string, status = 400): AwsError {
  return new AwsError(`${NS}#${shape}`, message, status, { 'x-amzn-query-error': `${queryCode};Sender` });
}

export const invalidParameterValue = (message: string) => queryCompatible('InvalidParameterValueException', 'InvalidParameterValue', message);
export const invalidParameterCombination = (message: string) =>
  queryCompatible('InvalidParameterCombinationException', 'InvalidParameterCombination', message);
export const missingParameter = (message: string) => queryCompatible('MissingRequiredParameterException', 'MissingParameter', message);
export const invalidNextToken = (message: string) => queryCompatible('InvalidNextToken', 'InvalidNextToken', message);

/**
 * Constraint violations from the service model (required members, lengths, enums, ranges) are reported by
 * AWS's request validator before the service runs: `com.amazon.coral.validate#ValidationException` with the
 * Query code `ValidationError` and coral's message form, e.g. "1 validation error detected: Value 'INVALID'
 * at 'stateValue' failed to satisfy constraint: Member must satisfy enum value set: [...]" (recorded).
 */
export function validationError(problems: string[]): AwsError {
  const n = problems.length;
  return new AwsError(
    'com.amazon.coral.validate#ValidationException',
    `${n} validation error${n === 1 ? '' : 's'} detected: ${problems.join('; ')}`,
    400,
    { 'x-amzn-query-error': 'ValidationError;Sender' },
  );
}

/** Collects coral-style constraint problems for one request. */
export class Problems {
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
    const len = value.length;
    if (len < min) this.list.push(`Value '${show(value)}' at '${path}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`);
    else if (len > max) this.list.push(`Value '${show(value)}' at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
  }

  pattern(value: string | undefined, path: string, re: RegExp, source: string): void {
    if (typeof value === 'string' && !re.test(value)) {
      this.list.push(`Value '${value}' at '${path}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${source}`);
    }
  }

  enumeration(value: unknown, path: string, allowed: readonly string[], shown: readonly string[] = allowed): void {
    if (value !== undefined && value !== null && !allowed.includes(String(value))) {
      this.list.push(`Value '${String(value)}' at '${path}' failed to satisfy constraint: Member must satisfy enum value set: [${shown.join(', ')}]`);
    }
  }

  min(value: number | undefined, path: string, min: number): void {
    if (typeof value === 'number' && value < min) {
      this.list.push(`Value '${value}' at '${path}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`);
    }
  }

  max(value: number | undefined, path: string, max: number): void {
    if (typeof value === 'number' && value > max) {
      this.list.push(`Value '${value}' at '${path}' failed to satisfy constraint: Member must have value less than or equal to ${max}`);
    }
  }

  throwIfAny(): void {
    if (this.list.length) throw validationError(this.list);
  }
}

function show(value: string | unknown[]): string {
  return typeof value === 'string' ? value : `[${value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ')}]`;
}
