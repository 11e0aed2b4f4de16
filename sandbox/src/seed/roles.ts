import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AuthState, PolicyDocument, PolicyStatement, RoleRecord } from '../auth/credentials.js';
import { roleArn } from './ids.js';

/** The console's three roles, one per Cognito group; each has a policy document in infra/policies. */
export const ROLE_GROUPS = ['admin', 'operator', 'viewer'] as const;
export type RoleGroup = (typeof ROLE_GROUPS)[number];

/**
 * The one definition of the roles: the same files the CDK deployment (infra/) turns into IAM roles,
 * so what the sandbox enforces and what AWS enforces cannot drift apart.
 */
export const ROLE_POLICY_DIR = fileURLToPath(new URL('../../../infra/policies/', import.meta.url));

/** Where the policy documents name the deployment's region and account (CloudFormation's pseudo parameters). */
export const POLICY_PLACEHOLDERS = { region: '${AWS::Region}', account: '${AWS::AccountId}' } as const;

export function rolePolicyFile(group: RoleGroup): string {
  return `${ROLE_POLICY_DIR}${group}.json`;
}

/** A role's policy document as the repository holds it, placeholders and all. */
export function rolePolicySource(group: RoleGroup): string {
  return readFileSync(rolePolicyFile(group), 'utf8');
}

/**
 * A role's policy with the region and account filled in. Refuses what the sandbox's evaluator does not
 * implement (conditions, NotAction, NotResource), so a document can never mean more on AWS than here.
 */
export function rolePolicy(group: RoleGroup, where: { region: string; account: string }): PolicyDocument {
  const file = rolePolicyFile(group);
  const text = rolePolicySource(group)
    .replaceAll(POLICY_PLACEHOLDERS.region, where.region)
    .replaceAll(POLICY_PLACEHOLDERS.account, where.account);
  if (text.includes('${')) throw new Error(`${file}: a placeholder other than ${Object.values(POLICY_PLACEHOLDERS).join(' and ')} is left`);
  const doc = JSON.parse(text) as PolicyDocument;
  if (doc.Version !== '2012-10-17' || !Array.isArray(doc.Statement)) throw new Error(`${file}: not an IAM policy document of Version 2012-10-17`);
  const known = new Set(['Sid', 'Effect', 'Action', 'Resource']);
  for (const s of doc.Statement as PolicyStatement[]) {
    const extra = Object.keys(s).filter((k) => !known.has(k));
    if (extra.length) throw new Error(`${file}: statement ${s.Sid ?? '?'} uses ${extra.join(', ')}, which the sandbox does not evaluate`);
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') throw new Error(`${file}: statement ${s.Sid ?? '?'} has no Effect Allow or Deny`);
  }
  return doc;
}

/** The console's three IAM roles, one per Cognito group, with the policies of infra/policies. */
export function seedRoles(auth: AuthState, where: { region: string; account: string }): void {
  for (const group of ROLE_GROUPS) {
    const arn = roleArn(group);
    const role: RoleRecord = { roleName: `gateway-console-${group}`, roleArn: arn, policy: rolePolicy(group, where) };
    auth.roles[arn] = role;
  }
}

/**
 * A state saved by an earlier run keeps its users and APIs, but its roles take today's documents: a
 * policy changed in infra/policies applies at the next start, as a redeployment would on AWS.
 */
export function refreshRolePolicies(auth: AuthState, where: { region: string; account: string }): void {
  for (const group of ROLE_GROUPS) {
    const role = auth.roles[roleArn(group)];
    if (role) role.policy = rolePolicy(group, where);
  }
}
