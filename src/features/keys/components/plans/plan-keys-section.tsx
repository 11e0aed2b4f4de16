import { useId, useMemo, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useCanOperate } from '../../../../aws/caller.js';
import { useConsoleConfig } from '../../../../aws/config-context.js';
import { isAwsCode } from '../../../../aws/errors.js';
import { RequestPreview } from '../../../../components/change-table.js';
import { ErrorPanel } from '../../../../components/error-panel.js';
import { Loading } from '../../../../components/loading.js';
import { SectionHeader } from '../../../../components/section-header.js';
import { primaryButton, secondaryButton } from '../../../../components/buttons.js';
import type { UsagePlan } from '../../../../domain/usage-plan.js';
import { useApiKeys } from '../../api/get-api-keys.js';
import { fetchUsagePlanKeys, useUsagePlanKeys } from '../../api/get-usage-plan-keys.js';
import { useAddKeyToPlan } from '../../api/create-usage-plan-key.js';
import { useRemoveKeyFromPlan } from '../../api/delete-usage-plan-key.js';

interface KeyRef {
  id: string;
  name: string;
}

interface KeyChange {
  op: 'add' | 'remove';
  planId: string;
  planName: string;
  key: KeyRef;
}

const invert = (c: KeyChange): KeyChange => ({ ...c, op: c.op === 'add' ? 'remove' : 'add' });

function requestOf(c: KeyChange) {
  return c.op === 'add'
    ? { operation: 'CreateUsagePlanKey', input: { usagePlanId: c.planId, keyId: c.key.id, keyType: 'API_KEY' } }
    : { operation: 'DeleteUsagePlanKey', input: { usagePlanId: c.planId, keyId: c.key.id } };
}

const describe = (c: KeyChange) => (c.op === 'add' ? `Add ${c.key.name} to ${c.planName}` : `Remove ${c.key.name} from ${c.planName}`);

/** The keys of a plan (names and ids, never values), and adding or removing one with the same review-then-apply steps as every change. */
export function PlanKeysSection({ plan }: { plan: UsagePlan }) {
  const keys = useUsagePlanKeys(plan.id);
  const canOperate = useCanOperate();
  const [picking, setPicking] = useState(false);
  const [change, setChange] = useState<KeyChange | null>(null);

  return (
    <section aria-labelledby="plan-keys-heading" className="space-y-3">
      <SectionHeader id="plan-keys-heading" title="API keys in this plan">
        {canOperate && !picking && !change && (
          <button type="button" className={secondaryButton} onClick={() => setPicking(true)}>
            Add API key
          </button>
        )}
      </SectionHeader>
      {change && <KeyChangeFlow change={change} onDone={() => setChange(null)} />}
      {picking && !change && (
        <KeyPicker
          exclude={keys.data ?? []}
          onCancel={() => setPicking(false)}
          onPick={(key) => {
            setPicking(false);
            setChange({ op: 'add', planId: plan.id, planName: plan.name, key });
          }}
        />
      )}
      {keys.isPending ? (
        <Loading label="Loading the plan's keys…" />
      ) : keys.isError ? (
        <ErrorPanel title="The plan's keys could not be listed" error={keys.error} onRetry={() => void keys.refetch()} />
      ) : (
        <div className="relative overflow-x-auto rounded-md border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">API keys in this plan</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className="px-3 py-2 text-left font-semibold text-slate-700">Name</th>
                <th scope="col" className="px-3 py-2 text-left font-semibold text-slate-700">ID</th>
                {canOperate && (
                  <th scope="col" className="px-3 py-2">
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {keys.data.length === 0 && (
                <tr>
                  <td colSpan={3} className="px-3 py-4 text-slate-600">
                    No API keys in this plan.
                  </td>
                </tr>
              )}
              {keys.data.map((k) => (
                <tr key={k.id}>
                  <th scope="row" className="px-3 py-2 text-left font-medium">{k.name || k.id}</th>
                  <td className="px-3 py-2 font-mono text-xs">{k.id}</td>
                  {canOperate && (
                    <td className="px-3 py-2 text-right">
                      <button
                        type="button"
                        className="text-sm text-red-700 hover:underline disabled:opacity-50"
                        disabled={!!change}
                        onClick={() => setChange({ op: 'remove', planId: plan.id, planName: plan.name, key: { id: k.id, name: k.name || k.id } })}
                      >
                        Remove<span className="sr-only"> {k.name || k.id} from this plan</span>
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Searches the account's API keys by name; the ones already in the plan are left out. */
function KeyPicker({ exclude, onPick, onCancel }: { exclude: readonly KeyRef[]; onPick(k: KeyRef): void; onCancel(): void }) {
  const all = useApiKeys();
  const [query, setQuery] = useState('');
  const id = useId();
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    const taken = new Set(exclude.map((k) => k.id));
    return (all.data ?? []).filter((k) => !taken.has(k.id) && (!q || k.name.toLowerCase().includes(q) || k.id.toLowerCase() === q));
  }, [all.data, exclude, query]);
  const shown = matches.slice(0, 20);

  return (
    <div className="space-y-2 rounded-md border border-slate-200 bg-white p-4">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        Search API keys by name
      </label>
      <input
        id={id}
        type="search"
        autoFocus
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        className="w-full max-w-md rounded border border-slate-300 px-3 py-1.5 text-sm focus:border-indigo-600 focus:ring-1 focus:ring-indigo-600 focus:outline-none"
      />
      {all.isPending && <Loading label="Loading API keys…" />}
      {all.isError && <ErrorPanel title="API keys could not be listed" error={all.error} onRetry={() => void all.refetch()} />}
      {all.data && (
        <>
          <p className="text-xs text-slate-600" aria-live="polite">
            {matches.length === 0 ? 'No key outside this plan matches.' : matches.length > shown.length ? `${matches.length} keys match; the first ${shown.length} are shown.` : `${matches.length} key${matches.length === 1 ? '' : 's'} match.`}
          </p>
          <ul aria-label="Matching API keys" className="divide-y divide-slate-100 rounded border border-slate-200">
            {shown.map((k) => (
              <li key={k.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-1.5 text-sm">
                <span>
                  <span className="font-medium">{k.name}</span> <span className="font-mono text-xs text-slate-600">{k.id}</span>
                  {!k.enabled && <span className="ml-2 text-xs text-amber-800">disabled</span>}
                </span>
                <button type="button" className="text-sm font-medium text-indigo-700 hover:underline" onClick={() => onPick({ id: k.id, name: k.name })}>
                  Add<span className="sr-only"> {k.name}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <button type="button" className={secondaryButton} onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

type KeyOutcome = { kind: 'applied' } | { kind: 'drift'; message: string };

/** Review -> apply (after re-reading the plan's keys) -> report -> undo, for one key joining or leaving a plan. */
function KeyChangeFlow({ change: initial, onDone }: { change: KeyChange; onDone(): void }) {
  const config = useConsoleConfig();
  const [change, setChange] = useState(initial);
  const add = useAddKeyToPlan();
  const remove = useRemoveKeyFromPlan();
  const apply = useMutation({
    mutationFn: async (c: KeyChange): Promise<KeyOutcome> => {
      const inPlan = (await fetchUsagePlanKeys(config, c.planId)).some((k) => k.id === c.key.id);
      if (c.op === 'add' && inPlan) return { kind: 'drift', message: `${c.key.name} is already in ${c.planName}: someone added it since you opened this.` };
      if (c.op === 'remove' && !inPlan) return { kind: 'drift', message: `${c.key.name} is no longer in ${c.planName}: someone removed it since you opened this.` };
      await (c.op === 'add' ? add : remove).mutateAsync({ planId: c.planId, keyId: c.key.id });
      return { kind: 'applied' };
    },
  });
  const isUndo = change !== initial;

  if (apply.isSuccess && apply.data.kind === 'drift') {
    return (
      <section aria-label="Change stopped" className="space-y-3 rounded-md border border-amber-400 bg-amber-50 p-4 text-sm text-amber-900">
        <h3 className="font-semibold">Stopped: nothing was sent</h3>
        <p>{apply.data.message}</p>
        <button type="button" className={secondaryButton} onClick={onDone}>
          Close
        </button>
      </section>
    );
  }
  if (apply.isSuccess) {
    return (
      <section aria-label="Change applied" aria-live="polite" className="space-y-3 rounded-md border border-emerald-300 bg-emerald-50 p-4">
        <h3 className="font-semibold text-emerald-900">Applied: {describe(change)}</h3>
        <div className="flex gap-2">
          <button
            type="button"
            className={secondaryButton}
            onClick={() => {
              apply.reset();
              setChange(invert(change));
            }}
          >
            Undo
          </button>
          <button type="button" className={primaryButton} onClick={onDone}>
            Done
          </button>
        </div>
      </section>
    );
  }
  const conflict = apply.isError && isAwsCode(apply.error, 'ConflictException');
  return (
    <section aria-label="Review changes" className="space-y-3 rounded-md border border-indigo-200 bg-indigo-50/40 p-4">
      <h3 className="font-semibold text-slate-900">
        Review: {isUndo ? 'Undo: ' : ''}
        {describe(change)}
      </h3>
      <p className="text-sm text-slate-700">
        {change.op === 'add'
          ? `${change.key.name} gets this plan's API stages, throttling and quota.`
          : `${change.key.name} loses the API stages, throttling and quota this plan gives it; the key itself stays.`}
      </p>
      <RequestPreview requests={[requestOf(change)]} />
      {apply.isError && (
        <ErrorPanel
          title={
            conflict
              ? `AWS refused to add ${change.key.name}: a key may reach an API stage through one plan only, and it is already in another plan with one of these API stages. Nothing was changed.`
              : 'The change was refused; nothing was changed'
          }
          error={apply.error}
        />
      )}
      <div className="flex gap-2">
        <button type="button" className={primaryButton} disabled={apply.isPending} onClick={() => apply.mutate(change)}>
          {apply.isPending ? 'Applying…' : 'Apply'}
        </button>
        <button type="button" className={secondaryButton} disabled={apply.isPending} onClick={onDone}>
          {isUndo ? 'Keep the change' : 'Cancel'}
        </button>
      </div>
    </section>
  );
}
