/** Query keys of the keys feature (API keys and usage plans), scoped by region. */
export const keysKeys = {
  all: (region: string) => ['keys', region] as const,
  apiKeys: (region: string) => ['keys', region, 'api-keys'] as const,
  plans: (region: string) => ['keys', region, 'plans'] as const,
  memberships: (region: string) => ['keys', region, 'memberships'] as const,
  plan: (region: string, planId: string) => ['keys', region, 'plan', planId] as const,
  planKeys: (region: string, planId: string) => ['keys', region, 'plan', planId, 'keys'] as const,
  usage: (region: string, planId: string, from: string, to: string) => ['keys', region, 'plan', planId, 'usage', from, to] as const,
};
