import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useCanOperate } from '../../../aws/caller.js';
import { secondaryButton, primaryButton } from '../../../components/buttons.js';
import { ErrorPanel } from '../../../components/error-panel.js';
import { Loading } from '../../../components/loading.js';
import { VirtualTable } from '../../../components/virtual-table.js';
import { ReadOnlyNote } from '../../../components/read-only-note.js';
import { exportKeysCsv } from '../../../domain/api-key-csv.js';
import { filterKeys, indexKeys, parseKeyView, serializeKeyView, type KeyListView } from '../../../domain/api-key-list-view.js';
import { useApiKeys } from '../api/get-api-keys.js';
import { useUsagePlans } from '../api/get-usage-plans.js';
import { useMemberships } from '../api/get-usage-plan-keys.js';
import { keyColumns } from './key-columns.js';
import { CreateKeyForm } from './create-key-form.js';
import { ImportKeysPanel } from './import-keys-panel.js';
import { BulkPanel } from './bulk-panel.js';
import { RotationsBanner } from './rotations-banner.js';

/**
 * Every API key of the region (10,000 is AWS's limit and normal) in one virtualized table: search and
 * filters in the URL, the plans each key is in from one listing per plan, bulk actions on a selection.
 */
export function KeysPage() {
  const [params, setParams] = useSearchParams();
  const view = parseKeyView(params);
  const keys = useApiKeys();
  const plans = useUsagePlans();
  const memberships = useMemberships(plans.data?.map((p) => p.id), keys.isSuccess);
  const canOperate = useCanOperate();
  const [panel, setPanel] = useState<'create' | 'import' | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());

  const setView = useCallback((next: Partial<KeyListView>) => setParams(serializeKeyView({ ...view, ...next }), { replace: true }), [view, setParams]);
  const index = useMemo(() => indexKeys(keys.data ?? []), [keys.data]);
  // Typing stays responsive: the filter runs on the deferred view, the input on the live one.
  const deferredView = useDeferredValue(view);
  const shown = useMemo(() => filterKeys(index, deferredView, memberships.data), [index, deferredView, memberships.data]);
  const planById = useMemo(() => new Map((plans.data ?? []).map((p) => [p.id, p.name])), [plans.data]);
  const planNames = useCallback(
    (keyId: string) => (memberships.data ? (memberships.data.get(keyId) ?? []).map((id) => planById.get(id) ?? id) : undefined),
    [memberships.data, planById],
  );
  const columns = useMemo(() => keyColumns(planNames), [planNames]);
  const byId = useMemo(() => new Map((keys.data ?? []).map((k) => [k.id, k])), [keys.data]);

  const exportCsv = () => {
    const blob = new Blob([exportKeysCsv(shown, (id) => planNames(id) ?? [])], { type: 'text/csv' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `api-keys-${new Date().toISOString().slice(0, 10)}.csv`;
    a.click();
    URL.revokeObjectURL(a.href);
  };

  return (
    <section aria-labelledby="keys-heading" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 id="keys-heading" className="text-2xl font-semibold text-slate-900">
            API keys
          </h1>
          <p className="text-sm text-slate-600" aria-live="polite">
            {keys.isPending
              ? 'Loading API keys…'
              : keys.data
                ? `${shown.length === keys.data.length ? '' : `${shown.length} of `}${keys.data.length} keys${memberships.isPending ? ' · reading usage plan memberships…' : ''}`
                : ''}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {canOperate && (
            <>
              <button type="button" className={primaryButton} onClick={() => setPanel('create')}>
                Create key
              </button>
              <button type="button" className={secondaryButton} onClick={() => setPanel('import')}>
                Import CSV
              </button>
            </>
          )}
          <button type="button" className={secondaryButton} onClick={exportCsv} disabled={!keys.data}>
            Export CSV
          </button>
        </div>
      </div>

      <ReadOnlyNote what="API keys and rotations" />
      {keys.data && <RotationsBanner keys={keys.data} />}
      {panel === 'create' && plans.data && <CreateKeyForm plans={plans.data} onClose={() => setPanel(null)} />}
      {panel === 'import' && plans.data && <ImportKeysPanel plans={plans.data} onClose={() => setPanel(null)} />}

      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label className="flex min-w-64 flex-1 flex-col">
          <span className="text-slate-700">Search</span>
          <input
            type="search"
            value={view.query}
            onChange={(e) => setView({ query: e.target.value })}
            placeholder="Name, ID, customer or description"
            className="mt-1 rounded border border-slate-300 px-3 py-1.5 focus:border-indigo-600 focus:outline-none"
          />
        </label>
        <label className="flex flex-col">
          <span className="text-slate-700">State</span>
          <select value={view.enabled} onChange={(e) => setView({ enabled: e.target.value as KeyListView['enabled'] })} className="mt-1 rounded border border-slate-300 px-2 py-1.5">
            <option value="all">All</option>
            <option value="enabled">Enabled</option>
            <option value="disabled">Disabled</option>
          </select>
        </label>
        <label className="flex flex-col">
          <span className="text-slate-700">Usage plan</span>
          <select value={view.plan} onChange={(e) => setView({ plan: e.target.value })} className="mt-1 max-w-56 rounded border border-slate-300 px-2 py-1.5">
            <option value="">Any</option>
            <option value="none">In no plan</option>
            {plans.data?.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          <span className="text-slate-700">Tag</span>
          <input value={view.tag} onChange={(e) => setView({ tag: e.target.value })} placeholder="team or team=payments" className="mt-1 w-48 rounded border border-slate-300 px-2 py-1.5 font-mono" />
        </label>
      </div>

      {canOperate && plans.data && (
        <BulkPanel
          selection={[...selected].filter((id) => byId.has(id)).map((id) => ({ keyId: id, label: byId.get(id)!.name }))}
          plans={plans.data}
          onClear={() => setSelected(new Set())}
        />
      )}

      {keys.isError && <ErrorPanel title="API keys could not be listed" error={keys.error} onRetry={() => void keys.refetch()} />}
      {plans.isError && <ErrorPanel title="Usage plans could not be listed" error={plans.error} onRetry={() => void plans.refetch()} />}
      {memberships.isError && <ErrorPanel title="Usage plan memberships could not be read" error={memberships.error} onRetry={() => void memberships.refetch()} />}
      {keys.isPending ? (
        <Loading label="Loading API keys…" />
      ) : keys.data ? (
        <VirtualTable
          caption="API keys"
          columns={columns}
          rows={shown}
          rowKey={(k) => k.id}
          rowLabel={(k) => k.name}
          empty={keys.data.length === 0 ? 'No API keys in this region yet.' : 'No key matches this search and these filters.'}
          selection={
            canOperate
              ? {
                  selected,
                  onToggle: (id) =>
                    setSelected((s) => {
                      const n = new Set(s);
                      if (n.has(id)) n.delete(id);
                      else n.add(id);
                      return n;
                    }),
                  onToggleAll: (ids, select) => setSelected(select ? new Set(ids) : new Set()),
                }
              : undefined
          }
        />
      ) : null}
    </section>
  );
}
