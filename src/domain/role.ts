/**
 * The console's three roles, from the user's Cognito groups. The UI mirrors them (a viewer sees no edit
 * buttons) but IAM decides: every call is checked against the role's policy by AWS itself.
 */
export type Role = 'admin' | 'operator' | 'viewer';

export function roleOf(groups: readonly string[]): Role | undefined {
  if (groups.includes('admin')) return 'admin';
  if (groups.includes('operator')) return 'operator';
  if (groups.includes('viewer')) return 'viewer';
  return undefined;
}
