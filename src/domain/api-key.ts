import type { ApiKey as SdkApiKey } from '@aws-sdk/client-api-gateway';

/**
 * An API key as the console holds it: never its value. Values are fetched one at a time when an
 * operator asks to reveal one, and live only in that component's state.
 */
export interface ApiKey {
  id: string;
  name: string;
  description?: string;
  enabled: boolean;
  customerId?: string;
  createdDate?: Date;
  lastUpdatedDate?: Date;
  tags: Record<string, string>;
}

export function fromSdkApiKey(k: Omit<SdkApiKey, 'value'> & { value?: unknown }): ApiKey {
  return {
    id: k.id ?? '',
    name: k.name ?? k.id ?? '',
    description: k.description || undefined,
    enabled: k.enabled ?? false,
    customerId: k.customerId || undefined,
    createdDate: k.createdDate,
    lastUpdatedDate: k.lastUpdatedDate,
    tags: { ...(k.tags ?? {}) },
  };
}

/** Which usage plans each key belongs to, built from each plan's key list (never one request per key). */
export type Memberships = ReadonlyMap<string, readonly string[]>;

export function membershipsFrom(planKeys: readonly { planId: string; keyIds: readonly string[] }[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const { planId, keyIds } of planKeys) {
    for (const keyId of keyIds) {
      const list = m.get(keyId);
      if (list) list.push(planId);
      else m.set(keyId, [planId]);
    }
  }
  return m;
}
