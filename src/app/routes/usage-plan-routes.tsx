import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useConsoleConfig } from '../../aws/config-context.js';
import { methodKey, methodLabel } from '../../domain/usage-plan-change.js';
import { useRestApis } from '../../features/apis/api/get-rest-apis.js';
import { restStagesQuery } from '../../features/apis/api/get-stages.js';
import { restResourcesQuery } from '../../features/apis/api/get-resources.js';
import { ApiCatalogContext, type ApiCatalog } from '../../features/keys/components/plans/api-catalog.js';
import { UsagePlansPage } from '../../features/keys/components/plans/usage-plans-page.js';
import { UsagePlanPage } from '../../features/keys/components/plans/usage-plan-page.js';

/**
 * The usage plan screens with what they know of REST APIs from the apis feature: names for API stages,
 * and each API's stages and methods for the pickers (fetched only for the API an operator picks).
 */
const catalog: ApiCatalog = {
  useApis() {
    const q = useRestApis();
    const data = useMemo(() => q.data?.map((a) => ({ id: a.id, name: a.name })).sort((a, b) => a.name.localeCompare(b.name)), [q.data]);
    return { data, isPending: q.isPending, error: q.error };
  },
  useStages(apiId) {
    const q = useQuery({ ...restStagesQuery(useConsoleConfig(), apiId), enabled: !!apiId });
    const data = useMemo(() => q.data?.map((s) => s.name), [q.data]);
    return { data, isPending: q.isPending, error: q.error };
  },
  useMethods(apiId) {
    const q = useQuery({ ...restResourcesQuery(useConsoleConfig(), apiId), enabled: !!apiId });
    const data = useMemo(
      () =>
        q.data?.flatMap((r) =>
          r.methods.map((m) => {
            const key = methodKey(r.path, m.httpMethod);
            return { key, label: methodLabel(key) };
          }),
        ),
      [q.data],
    );
    return { data, isPending: q.isPending, error: q.error };
  },
};

export function UsagePlansRoute() {
  return (
    <ApiCatalogContext.Provider value={catalog}>
      <UsagePlansPage />
    </ApiCatalogContext.Provider>
  );
}

export function UsagePlanRoute() {
  return (
    <ApiCatalogContext.Provider value={catalog}>
      <UsagePlanPage />
    </ApiCatalogContext.Provider>
  );
}
