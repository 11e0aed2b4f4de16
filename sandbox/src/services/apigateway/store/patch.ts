import type { PatchOperation } from '@aws-sdk/client-api-gateway';
import { badRequest, validationError } from '../errors.js';

const OPS = ['add', 'remove', 'move', 'test', 'replace', 'copy'] as const;

/**
 * Checks patch operations the way AWS's request validation does before any service logic runs: every
 * `op` outside the JSON-Patch set is reported, numbered from 1, in one ValidationException.
 */
export function checkPatchOps(ops: PatchOperation[] | undefined, inputName: string): PatchOperation[] {
  const list = ops ?? [];
  const problems: string[] = [];
  list.forEach((op, i) => {
    if (!OPS.includes(op.op as (typeof OPS)[number])) {
      problems.push(
        `Value '${String(op.op)}' at '${inputName}.patchOperations.${i + 1}.member.op' failed to satisfy constraint: Member must satisfy enum value set: [${OPS.join(', ')}]`,
      );
    }
  });
  if (problems.length) throw validationError(problems);
  return list;
}

/** The message AWS gives for a path an operation does not accept (two spaces after "path" are AWS's). */
export const invalidPathFor = (path: string | undefined, op: string | undefined, allowed: readonly string[]) =>
  badRequest(`Invalid patch path  '${path ?? ''}' specified for op '${op ?? ''}'. Must be one of: [${allowed.join(', ')}]`);

export const unsupportedOpFor = (path: string | undefined, op: string | undefined) =>
  badRequest(`Invalid patch path  '${path ?? ''}' specified for op '${op ?? ''}'. Please choose supported operations`);

/** JSON-Pointer segment unescaping (`~1` is `/`, `~0` is `~`). */
export const unescapePointer = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

export function patchBoolean(value: string | undefined): boolean {
  return String(value).toLowerCase() === 'true';
}
