import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** infra/, wherever the compiled files run from (build/lib/ or build/test/ are two levels down). */
export const INFRA_ROOT = path.resolve(__dirname, '..', '..');

/**
 * The console's roles, one per Cognito group. Their policies are infra/policies/<group>.json: the one
 * definition of what each role may do, deployed here as IAM roles and enforced by the sandbox too.
 */
export const ROLE_GROUPS = ['admin', 'operator', 'viewer'] as const;
export type RoleGroup = (typeof ROLE_GROUPS)[number];

/** Group precedence: a user in several groups takes the role of the lowest number. */
export const GROUP_PRECEDENCE: Record<RoleGroup, number> = { admin: 1, operator: 2, viewer: 3 };

/** How the documents name the deployment's region and account: CloudFormation's pseudo parameters. */
export const PLACEHOLDERS = { region: '${AWS::Region}', account: '${AWS::AccountId}' } as const;

export interface PolicyStatementJson {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: string | string[];
}

export interface PolicyDocumentJson {
  Version: '2012-10-17';
  Statement: PolicyStatementJson[];
}

export function policyFile(group: RoleGroup): string {
  return path.join(INFRA_ROOT, 'policies', `${group}.json`);
}

/**
 * A role's policy with the region and account filled in. They may be CDK tokens (an environment-agnostic
 * stack): the strings then resolve to `Fn::Join`s at synthesis, and the document stays the same.
 */
export function rolePolicy(group: RoleGroup, where: { region: string; account: string }): PolicyDocumentJson {
  const file = policyFile(group);
  const doc = JSON.parse(readFileSync(file, 'utf8')) as PolicyDocumentJson;
  const text = JSON.stringify(doc).replaceAll(PLACEHOLDERS.region, where.region).replaceAll(PLACEHOLDERS.account, where.account);
  const leftover = /\$\{(?!Token\[)[^}]*\}/.exec(text);
  if (leftover) throw new Error(`${file}: unknown placeholder ${leftover[0]} (only ${Object.values(PLACEHOLDERS).join(' and ')} are filled in)`);
  return JSON.parse(text) as PolicyDocumentJson;
}
