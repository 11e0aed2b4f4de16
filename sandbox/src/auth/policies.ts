import { accessDenied } from '../core/errors.js';
import type { Caller, PolicyStatement } from './credentials.js';

/**
 * Evaluates the caller's role policy as IAM does for identity-based policies: an explicit Deny wins,
 * otherwise some Allow must match, otherwise the call is implicitly denied.
 */
export function authorize(caller: Caller, action: string, resource: string): void {
  const matching = caller.role.policy.Statement.filter((s) => matchesAction(s, action) && matchesResource(s, resource));
  if (matching.some((s) => s.Effect === 'Deny')) {
    throw accessDenied(
      `User: ${caller.assumedRoleArn} is not authorized to perform: ${action} on resource: ${resource} with an explicit deny in an identity-based policy`,
    );
  }
  if (!matching.some((s) => s.Effect === 'Allow')) {
    throw accessDenied(
      `User: ${caller.assumedRoleArn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
    );
  }
}

/** Whether a policy allows an action on a resource, without raising: the seed and tests use it. */
export function isAllowed(caller: Caller, action: string, resource: string): boolean {
  try {
    authorize(caller, action, resource);
    return true;
  } catch {
    return false;
  }
}

function matchesAction(s: PolicyStatement, action: string): boolean {
  return list(s.Action).some((pattern) => wildcard(pattern, action, true));
}

function matchesResource(s: PolicyStatement, resource: string): boolean {
  return list(s.Resource).some((pattern) => wildcard(pattern, resource, false));
}

function list(v: string | string[]): string[] {
  return Array.isArray(v) ? v : [v];
}

/** IAM wildcards: `*` is any run of characters (slashes included), `?` exactly one. Actions ignore case. */
export function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  const re = new RegExp(
    `^${pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')}$`,
    ignoreCase ? 'is' : 's',
  );
  return re.test(value);
}
