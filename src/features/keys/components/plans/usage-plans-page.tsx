import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useCanOperate } from '../../../../aws/caller.js';
import { DataTable, type Column } from '../../../../components/data-table.js';
import { ErrorPanel } from '../../../../components/error-panel.js';
import { Loading } from '../../../../components/loading.js';
import { primaryButton, secondaryButton } from '../../../../components/buttons.js';
import type { UsagePlan } from '../../../../domain/usage-plan.js';
import { stageRef } from '../../../../domain/usage-plan-change.js';
import { useUsagePlans } from '../../api/get-usage-plans.js';
import { useMemberships } from '../../api/get-usage-plan-keys.js';
import { useApiNamer } from './api-catalog.js';
import { CreatePlanPanel } from './create-plan.js';
import { quotaText, throttleText } from './plan-format.js';

/** Whether a plan matches a search: name, id, description or any of its API stages (id or API name). */
function matches(p: UsagePlan, q: string, apiName: (id: string) => string | undefined): boolean {
  if (!q) return true;
  const needle = q.toLowerCase();
  const hay = [p.name, p.id, p.description ?? '', ...p.stages.flatMap((s) => [stageRef(s.apiId, s.stage), `${apiName(s.apiId) ?? ''}:${s.stage}`])];
  return hay.some((h) => h.toLowerCase().includes(needle));
}

/**
 * Every usage plan with its limits, API stages and number of keys. The search lives in the URL (`?q=`);
 * the key counts come from each plan's key list, read once for all plans.
 */
export function UsagePlansPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const canOperate = useCanOperate();
  const [creating, setCreating] = useState(false);
  const plans = useUsagePlans();
  const planIds = useMemo(() => plans.data?.map((p) => p.id), [plans.data]);
  const memberships = useMemberships(planIds);
  const apiName = useApiNamer();

  const keyCounts = useMemo(() => {
    if (!memberships.data) return undefined;
    const counts = new Map<string, number>();
    for (const planIdsOfKey of memberships.data.values()) for (const id of planIdsOfKey) counts.set(id, (counts.get(id) ?? 0) + 1);
    return counts;
  }, [memberships.data]);

  const shown = useMemo(() => (plans.data ?? []).filter((p) => matches(p, q, apiName)), [plans.data, q, apiName]);

  const columns: Column<UsagePlan>[] = [
    {
      id: 'name',
      header: 'Name',
      className: 'min-w-44',
      cell: (p) => (
        <div>
          <Link to={`/usage-plans/${encodeURIComponent(p.id)}`} className="font-medium break-words text-indigo-700 hover:underline">
            {p.name}
          </Link>
          {p.description && <p className="text-xs break-words text-slate-600">{p.description}</p>}
        </div>
      ),
    },
    { id: 'id', header: 'ID', cell: (p) => <span className="font-mono text-xs">{p.id}</span> },
    { id: 'throttle', header: 'Throttle', cell: (p) => throttleText(p.throttle), className: 'whitespace-nowrap' },
    { id: 'quota', header: 'Quota', cell: (p) => quotaText(p.quota) },
    {
      id: 'stages',
      header: 'API stages',
      cell: (p) =>
        p.stages.length ? (
          <ul className="space-y-0.5">
            {p.stages.map((s) => (
              <li key={stageRef(s.apiId, s.stage)} className="break-all" title={stageRef(s.apiId, s.stage)}>
                {apiName(s.apiId) ?? <span className="font-mono text-xs">{s.apiId}</span>}:{s.stage}
              </li>
            ))}
          </ul>
        ) : (
          <span className="text-slate-600">None</span>
        ),
    },
    {
      id: 'keys',
      header: 'Keys',
      className: 'text-right',
      cell: (p) => (keyCounts ? (keyCounts.get(p.id) ?? 0).toLocaleString('en-US') : memberships.isError ? '?' : '…'),
    },
  ];

  return (
    <section aria-labelledby="plans-heading" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 id="plans-heading" className="text-2xl font-semibold text-slate-900">
            Usage plans
          </h1>
          <p className="text-sm text-slate-600" aria-live="polite">
            {plans.isPending ? 'Loading usage plans…' : plans.data ? `${plans.data.length} usage plan${plans.data.length === 1 ? '' : 's'}: throttling, quota and the API stages their keys reach` : ''}
          </p>
        </div>
        <div className="flex gap-2">
          <button type="button" className={secondaryButton} onClick={() => void Promise.all([plans.refetch(), memberships.refetch()])} disabled={plans.isFetching}>
            {plans.isFetching ? 'Refreshing…' : 'Refresh'}
          </button>
          {canOperate && !creating && (
            <button type="button" className={primaryButton} onClick={() => setCreating(true)}>
              Create usage plan
            </button>
          )}
        </div>
      </div>

      {creating && <CreatePlanPanel onClose={() => setCreating(false)} />}

      <label className="flex max-w-xl items-center gap-2 text-sm">
        <span className="sr-only">Search usage plans</span>
        <input
          type="search"
          placeholder="Search by name, ID, description or API stage"
          value={q}
          onChange={(e) => setParams(e.target.value ? { q: e.target.value } : {}, { replace: true })}
          className="w-full rounded border border-slate-300 px-3 py-1.5 focus:border-indigo-600 focus:ring-1 focus:ring-indigo-600 focus:outline-none"
        />
      </label>

      {plans.isError && <ErrorPanel title="Usage plans could not be listed" error={plans.error} onRetry={() => void plans.refetch()} />}
      {memberships.isError && <ErrorPanel title="The keys of each plan could not be counted" error={memberships.error} onRetry={() => void memberships.refetch()} />}
      {plans.isPending ? (
        <Loading label="Loading usage plans…" />
      ) : plans.data ? (
        <DataTable
          caption="Usage plans"
          columns={columns}
          rows={shown}
          rowKey={(p) => p.id}
          empty={plans.data.length === 0 ? 'No usage plans in this region yet.' : 'No usage plan matches this search.'}
        />
      ) : null}
    </section>
  );
}
