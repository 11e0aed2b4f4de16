import { lazy, Suspense, useId, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { useCanOperate } from '../../../../aws/caller.js';
import { useConsoleConfig } from '../../../../aws/config-context.js';
import { ChangeTable, RequestPreview } from '../../../../components/change-table.js';
import { ErrorPanel } from '../../../../components/error-panel.js';
import { Loading } from '../../../../components/loading.js';
import { SectionHeader } from '../../../../components/section-header.js';
import { primaryButton, secondaryButton } from '../../../../components/buttons.js';
import type { UsagePlan } from '../../../../domain/usage-plan.js';
import { defaultRange, parseRange, rangeProblem, remainingOf, updateUsageInput, usageTable, utcDay, validateRemaining, type DateRange } from '../../../../domain/usage.js';
import { fetchUsage, useUsage } from '../../api/get-usage.js';
import { useSetRemainingQuota } from '../../api/update-usage.js';
import { num } from './plan-format.js';

const UsageChart = lazy(() => import('./usage-chart.js'));

const THIS_PERIOD = { DAY: 'today', WEEK: 'this week', MONTH: 'this month' } as const;

const dateInput =
  'mt-1 rounded border border-slate-300 px-2 py-1.5 text-sm focus:border-indigo-600 focus:ring-1 focus:ring-indigo-600 focus:outline-none aria-invalid:border-red-500';

/** Per key per day usage over a range from the URL (`?from=&to=`, default the last 14 days), and each key's remaining quota. */
export function UsageSection({ plan, keys }: { plan: UsagePlan; keys: readonly { id: string; name: string }[] | undefined }) {
  const [params, setParams] = useSearchParams();
  const today = useMemo(() => new Date(), []);
  const { range, problem } = parseRange(params.get('from'), params.get('to'), today);
  const usage = useUsage(plan.id, range.from, range.to);
  // While another range loads, the one on screen stays, labelled with its own dates.
  const table = useMemo(
    () => (usage.data ? usageTable(usage.data.usage, { from: usage.data.from, to: usage.data.to }, (keys ?? []).map((k) => ({ id: k.id, name: k.name || k.id }))) : undefined),
    [usage.data, keys],
  );
  const shown = usage.data ?? range;
  const total = table?.keys.reduce((a, k) => a + k.total, 0) ?? 0;

  const setRange = (r: DateRange) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set('from', r.from);
        next.set('to', r.to);
        return next;
      },
      { replace: true },
    );

  return (
    <section aria-labelledby="usage-heading" className="space-y-3">
      <SectionHeader id="usage-heading" title="Usage" />
      <RangeForm key={`${range.from}|${range.to}`} range={range} today={today} onRange={setRange} />
      {problem && <p className="text-sm text-amber-800">{problem}</p>}
      {usage.isPending ? (
        <Loading label="Loading usage…" />
      ) : usage.isError ? (
        <ErrorPanel title="Usage could not be read" error={usage.error} onRetry={() => void usage.refetch()} />
      ) : table && table.keys.length === 0 ? (
        <p className="rounded-md border border-slate-200 bg-white p-4 text-sm text-slate-600">No keys in this plan, so no usage to show.</p>
      ) : table ? (
        <>
          <p className="text-sm text-slate-700" aria-live="polite">
            {num(total)} requests from {shown.from} to {shown.to} (UTC days), by {table.keys.length} key{table.keys.length === 1 ? '' : 's'}.
            {usage.isPlaceholderData && ` Loading ${range.from} to ${range.to}…`}
          </p>
          <Suspense fallback={<Loading label="Loading the chart…" />}>
            <UsageChart table={table} label={`Requests per key per day, ${shown.from} to ${shown.to}`} />
          </Suspense>
          <details className="rounded-md border border-slate-200 bg-white text-sm">
            <summary className="cursor-pointer px-3 py-2 font-medium text-slate-800">Usage as a table</summary>
            <div className="relative overflow-x-auto border-t border-slate-200">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <caption className="sr-only">Requests per key per day</caption>
                <thead className="bg-slate-50">
                  <tr>
                    <th scope="col" className="px-3 py-2 text-left font-semibold text-slate-700">Day</th>
                    {table.keys.map((k) => (
                      <th key={k.keyId} scope="col" className="px-3 py-2 text-right font-semibold whitespace-nowrap text-slate-700">
                        {k.name}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {table.days.map((day, i) => (
                    <tr key={day}>
                      <th scope="row" className="px-3 py-1 text-left font-mono font-normal">{day}</th>
                      {table.keys.map((k) => (
                        <td key={k.keyId} className="px-3 py-1 text-right font-mono">
                          {num(k.used[i])}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      ) : null}
      <RemainingQuota plan={plan} keys={keys} />
    </section>
  );
}

function RangeForm({ range, today, onRange }: { range: DateRange; today: Date; onRange(r: DateRange): void }) {
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const [error, setError] = useState<string>();
  const fromId = useId();
  const toId = useId();
  return (
    <form
      aria-label="Date range"
      noValidate
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        const problem = rangeProblem({ from, to });
        setError(problem);
        if (!problem) onRange({ from, to });
      }}
    >
      <div className="text-sm">
        <label htmlFor={fromId} className="block text-slate-700">
          From
        </label>
        <input id={fromId} type="date" value={from} max={utcDay(today)} onChange={(e) => setFrom(e.target.value)} aria-invalid={error ? true : undefined} className={dateInput} />
      </div>
      <div className="text-sm">
        <label htmlFor={toId} className="block text-slate-700">
          To
        </label>
        <input id={toId} type="date" value={to} onChange={(e) => setTo(e.target.value)} aria-invalid={error ? true : undefined} className={dateInput} />
      </div>
      <button type="submit" className={secondaryButton}>
        Show
      </button>
      <div role="group" aria-label="Quick ranges" className="flex gap-1">
        {[7, 14, 30, 90].map((d) => (
          <button key={d} type="button" className="rounded-full border border-slate-300 px-3 py-1 text-sm text-slate-700 hover:bg-slate-50" onClick={() => onRange(defaultRange(today, d))}>
            {d} days
          </button>
        ))}
      </div>
      {error && (
        <p role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}

function RemainingQuota({ plan, keys }: { plan: UsagePlan; keys: readonly { id: string; name: string }[] | undefined }) {
  const canOperate = useCanOperate();
  const today = useMemo(() => utcDay(new Date()), []);
  const usage = useUsage(plan.id, today, today, !!plan.quota);
  const [editing, setEditing] = useState<{ id: string; name: string } | null>(null);

  return (
    <div className="space-y-2">
      <h3 className="font-semibold text-slate-900">Remaining quota</h3>
      {!plan.quota ? (
        <p className="text-sm text-slate-600">This plan has no quota: its keys have no request count to run out of.</p>
      ) : usage.isPending ? (
        <Loading label="Loading remaining quota…" />
      ) : usage.isError ? (
        <ErrorPanel title="The remaining quota could not be read" error={usage.error} onRetry={() => void usage.refetch()} />
      ) : (
        <>
          <p className="text-xs text-slate-600">
            For the current {plan.quota.period.toLowerCase()} (as of {today}, UTC) out of {num(plan.quota.limit)} requests per key.
          </p>
          {editing && (
            <RemainingFlow
              plan={plan}
              keyRef={editing}
              current={remainingOf(usage.data.usage.get(editing.id)) ?? plan.quota.limit}
              onDone={() => setEditing(null)}
            />
          )}
          <div className="relative overflow-x-auto rounded-md border border-slate-200 bg-white">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">Remaining quota</caption>
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className="px-3 py-2 text-left font-semibold text-slate-700">Key</th>
                  <th scope="col" className="px-3 py-2 text-right font-semibold text-slate-700">Used today</th>
                  <th scope="col" className="px-3 py-2 text-right font-semibold text-slate-700">Remaining</th>
                  {canOperate && (
                    <th scope="col" className="px-3 py-2">
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {(keys ?? []).length === 0 && (
                  <tr>
                    <td colSpan={4} className="px-3 py-4 text-slate-600">
                      No keys in this plan.
                    </td>
                  </tr>
                )}
                {(keys ?? []).map((k) => {
                  const days = usage.data.usage.get(k.id);
                  const remaining = remainingOf(days);
                  const name = k.name || k.id;
                  return (
                    <tr key={k.id}>
                      <th scope="row" className="px-3 py-2 text-left font-medium">{name}</th>
                      <td className="px-3 py-2 text-right font-mono">{num(days?.at(-1)?.used ?? 0)}</td>
                      <td className="px-3 py-2 text-right font-mono">{remaining === undefined ? <span title="No usage recorded">{num(plan.quota!.limit)}</span> : num(remaining)}</td>
                      {canOperate && (
                        <td className="px-3 py-2 text-right">
                          <button type="button" className="text-sm font-medium text-indigo-700 hover:underline disabled:opacity-50" disabled={!!editing} onClick={() => setEditing({ id: k.id, name })}>
                            Change<span className="sr-only"> the remaining quota of {name}</span>
                          </button>
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

interface RemainingChange {
  keyId: string;
  keyName: string;
  before: number;
  after: number;
}

type RemainingOutcome = { kind: 'applied'; now?: number } | { kind: 'drift'; now: number | undefined };

/** Extend or reset one key's remaining quota: form -> before/after and the exact UpdateUsage -> re-read -> apply -> undo. */
function RemainingFlow({ plan, keyRef, current, onDone }: { plan: UsagePlan; keyRef: { id: string; name: string }; current: number; onDone(): void }) {
  const config = useConsoleConfig();
  const limit = plan.quota!.limit;
  const [text, setText] = useState(String(current));
  const [extendBy, setExtendBy] = useState('');
  const [error, setError] = useState<string>();
  const [change, setChange] = useState<RemainingChange | null>(null);
  const [isUndo, setIsUndo] = useState(false);
  const set = useSetRemainingQuota();
  const inputId = useId();
  const extendId = useId();
  const apply = useMutation({
    mutationFn: async (c: RemainingChange): Promise<RemainingOutcome> => {
      const today = utcDay(new Date());
      const now = remainingOf((await fetchUsage(config, plan.id, today, today, c.keyId)).get(c.keyId)) ?? limit;
      if (now !== c.before) return { kind: 'drift', now };
      await set.mutateAsync({ planId: plan.id, keyId: c.keyId, remaining: c.after });
      const after = remainingOf((await fetchUsage(config, plan.id, today, today, c.keyId)).get(c.keyId));
      return { kind: 'applied', now: after };
    },
  });

  if (change && apply.isSuccess && apply.data.kind === 'drift') {
    return (
      <section aria-label="Change stopped" className="space-y-3 rounded-md border border-amber-400 bg-amber-50 p-4 text-sm text-amber-900">
        <h4 className="font-semibold">Stopped: the remaining quota of {change.keyName} changed since you opened this</h4>
        <ChangeTable caption="Changed underneath" rows={[{ label: `Remaining quota of ${change.keyName}`, before: num(change.before), after: num(apply.data.now) }]} />
        <p>Nothing was applied. Requests made with the key, or another operator, moved it. Start again from the current value.</p>
        <button type="button" className={secondaryButton} onClick={onDone}>
          Start again
        </button>
      </section>
    );
  }
  if (change && apply.isSuccess && apply.data.kind === 'applied') {
    const now = apply.data.now;
    return (
      <section aria-label="Change applied" aria-live="polite" className="space-y-3 rounded-md border border-emerald-300 bg-emerald-50 p-4">
        <h4 className="font-semibold text-emerald-900">
          Applied: {isUndo ? 'undo, ' : ''}remaining quota of {change.keyName} set to {num(change.after)}
        </h4>
        {now !== undefined && now !== change.after && (
          <p role="alert" className="text-sm text-amber-900">
            AWS now reports {num(now)} remaining.
          </p>
        )}
        <div className="flex gap-2">
          <button
            type="button"
            className={secondaryButton}
            onClick={() => {
              apply.reset();
              setIsUndo(true);
              setChange({ ...change, before: change.after, after: change.before });
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
  if (change) {
    return (
      <section aria-label="Review changes" className="space-y-3 rounded-md border border-indigo-200 bg-indigo-50/40 p-4">
        <h4 className="font-semibold text-slate-900">
          Review: {isUndo ? 'Undo: ' : ''}remaining quota of {change.keyName}
        </h4>
        <ChangeTable
          caption="Changes"
          rows={[{ label: `Remaining quota of ${change.keyName} (${THIS_PERIOD[plan.quota!.period]})`, before: num(change.before), after: num(change.after) }]}
        />
        <RequestPreview requests={[{ operation: 'UpdateUsage', input: updateUsageInput(plan.id, change.keyId, change.after) }]} />
        <p className="text-xs text-slate-600">Just before applying, the console reads the key&apos;s usage again and stops if the remaining quota moved.</p>
        {apply.isError && <ErrorPanel title="The change was refused; nothing was changed" error={apply.error} />}
        <div className="flex gap-2">
          <button type="button" className={primaryButton} disabled={apply.isPending} onClick={() => apply.mutate(change)}>
            {apply.isPending ? 'Applying…' : 'Apply'}
          </button>
          <button type="button" className={secondaryButton} disabled={apply.isPending} onClick={isUndo ? onDone : () => setChange(null)}>
            {isUndo ? 'Keep the change' : 'Back'}
          </button>
        </div>
      </section>
    );
  }

  return (
    <form
      aria-label={`Change the remaining quota of ${keyRef.name}`}
      noValidate
      className="space-y-3 rounded-md border border-slate-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        const v = validateRemaining(text);
        setError(v.error);
        if (v.value !== undefined) setChange({ keyId: keyRef.id, keyName: keyRef.name, before: current, after: v.value });
      }}
    >
      <p className="text-sm text-slate-700">
        {keyRef.name} has {num(current)} of {num(limit)} requests left {THIS_PERIOD[plan.quota!.period]}. Extend it for now, or reset it to the full quota;
        the next period starts from the full quota again.
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <div className="text-sm">
          <label htmlFor={inputId} className="block font-medium text-slate-800">
            Remaining requests
          </label>
          <input
            id={inputId}
            inputMode="numeric"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${inputId}-err` : undefined}
            className="mt-1 w-40 rounded border border-slate-300 px-2 py-1.5 font-mono text-sm focus:border-indigo-600 focus:ring-1 focus:ring-indigo-600 focus:outline-none aria-invalid:border-red-500"
          />
        </div>
        <button type="button" className={secondaryButton} onClick={() => setText(String(limit))}>
          Reset to the full quota ({num(limit)})
        </button>
        <div className="text-sm">
          <label htmlFor={extendId} className="block text-slate-700">
            Extend by
          </label>
          <input id={extendId} inputMode="numeric" value={extendBy} onChange={(e) => setExtendBy(e.target.value)} className="mt-1 w-28 rounded border border-slate-300 px-2 py-1.5 font-mono text-sm" />
        </div>
        <button
          type="button"
          className={secondaryButton}
          disabled={!/^\d+$/.test(extendBy.trim())}
          onClick={() => setText(String(current + Number(extendBy.trim())))}
        >
          Add to remaining
        </button>
      </div>
      {error && (
        <p id={`${inputId}-err`} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="flex gap-2">
        <button type="submit" className={primaryButton}>
          Review
        </button>
        <button type="button" className={secondaryButton} onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
