import { createContext, useContext } from 'react';

/**
 * What the usage plan screens need to know about REST APIs (names, stages, methods) without importing
 * the apis feature: features do not import each other, so app/ provides these hooks (see
 * app/routes/usage-plan-routes.tsx). Without a provider, screens show ids and take typed names.
 */
export interface CatalogResult<T> {
  data: T | undefined;
  isPending: boolean;
  error: unknown;
}

export interface ApiChoice {
  id: string;
  name: string;
}

export interface MethodChoice {
  /** AWS's key for a per-method throttle: `/pets/GET`. */
  key: string;
  label: string;
}

export interface ApiCatalog {
  /** Every REST API (usage plans cover REST API stages only). */
  useApis(): CatalogResult<readonly ApiChoice[]>;
  /** The stages of one REST API; nothing is fetched for an empty id. */
  useStages(apiId: string): CatalogResult<readonly string[]>;
  /** The methods of one REST API; nothing is fetched for an empty id. */
  useMethods(apiId: string): CatalogResult<readonly MethodChoice[]>;
}

const none = { data: undefined, isPending: false, error: null };
const NO_CATALOG: ApiCatalog = { useApis: () => none, useStages: () => none, useMethods: () => none };

export const ApiCatalogContext = createContext<ApiCatalog>(NO_CATALOG);

export function useApiCatalog(): ApiCatalog {
  return useContext(ApiCatalogContext);
}

/** `Pet Store` for a known API id, the id itself otherwise. */
export function useApiNamer(): (apiId: string) => string | undefined {
  const apis = useApiCatalog().useApis();
  const byId = new Map((apis.data ?? []).map((a) => [a.id, a.name]));
  return (apiId) => byId.get(apiId);
}
