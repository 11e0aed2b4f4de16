import { useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { useCanOperate } from '../../../aws/caller.js';
import type { ApiKind } from '../../../aws/query-scope.js';
import type { ApiType } from '../../../domain/api.js';
import { assessTracking, type Assessment, type SetupPlan } from '../../../domain/throttle-tracking.js';
import type { TimeRangeView } from '../../../domain/time-range.js';
import { primaryButton } from '../../../components/buttons.js';
import { ErrorPanel } from '../../../components/error-panel.js';
import { Loading } from '../../../components/loading.js';
import { ReadOnlyNote } from '../../../components/read-only-note.js';
import { useThrottleTracking, type TrackedStage } from '../api/throttle-tracking.js';
import { useThrottledMetrics } from '../api/throttled-metrics.js';
import { formatValue } from './format.js';
import { ThrottleSetupFlow } from './throttle-setup-flow.js';
import { WidgetCard, type WidgetState } from './widget-card.js';

const MAX_KEY_LINES = 8;

const MARK = { ok: '✓', missing: '✗', 'not-applicable': '–' } as const;
const MARK_TONE = { ok: 'text-emerald-700', missing: 'text-red-700', 'not-applicable': 'text-slate-400' } as const;
const MARK_WORD = { ok: 'set up', missing: 'missing', 'not-applicable': 'does not apply' } as const;

/**
 * 429s on one stage: whether they are counted (access logs in JSON with the status to a log group, and a metric
 * filter on `status = 429`), the setup for operators when something is missing, and the counts once they are.
 */
export function ThrottlePanel({ kind, apiType, apiId, stageName, view }: { kind: ApiKind; apiType: ApiType; apiId: string; stageName: string; view: TimeRangeView }) {
  const config = useConsoleConfig();
  const headingId = useId();
  const stage: TrackedStage = useMemo(() => ({ kind, apiType, apiId, stageName, region: config.region }), [kind, apiType, apiId, stageName, config.region]);
  const tracking = useThrottleTracking(stage);
  const assessment = useMemo(() => (tracking.data ? assessTracking(stage, tracking.data) : undefined), [stage, tracking.data]);
  const canOperate = useCanOperate();
  // The plan being reviewed stays on screen through apply and report, while the read behind it refreshes.
  const [reviewing, setReviewing] = useState<SetupPlan>();

  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-lg font-semibold text-slate-900">
        429 Too Many Requests
      </h2>
      <p className="text-sm text-slate-600">
        API Gateway publishes no metric for throttled requests: they are counted among the 4xx. The console counts them from the stage’s JSON access
        logs with a CloudWatch Logs metric filter on <code className="font-mono">$context.status</code> = 429.
      </p>
      {tracking.isPending ? (
        <Loading label="Checking how this stage counts 429s…" />
      ) : tracking.isError ? (
        <ErrorPanel title="The 429 setup could not be read" error={tracking.error} onRetry={() => void tracking.refetch()} />
      ) : assessment ? (
        <>
          <Checklist assessment={assessment} />
          {assessment.blockers.map((b) => (
            <p key={b} role="note" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {b}
            </p>
          ))}
          {assessment.plan && !reviewing && (
            canOperate ? (
              <button type="button" className={primaryButton} onClick={() => setReviewing(assessment.plan)}>
                {assessment.counting ? 'Finish setting up 429 counting' : 'Set up 429 counting'}
              </button>
            ) : (
              <ReadOnlyNote what="how this stage counts 429s" />
            )
          )}
          {reviewing && (
            <ThrottleSetupFlow
              stage={stage}
              plan={reviewing}
              onDone={() => {
                setReviewing(undefined);
                void tracking.refetch();
              }}
            />
          )}
          {assessment.counting && <ThrottleCharts stage={stage} assessment={assessment} view={view} />}
        </>
      ) : null}
    </section>
  );
}

function Checklist({ assessment }: { assessment: Assessment }) {
  return (
    <ul aria-label="429 counting setup" className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white text-sm">
      {assessment.checks.map((c) => (
        <li key={c.label} className="flex flex-wrap items-baseline gap-x-3 px-3 py-2">
          <span aria-hidden="true" className={`w-4 font-bold ${MARK_TONE[c.state]}`}>
            {MARK[c.state]}
          </span>
          <span className="font-medium text-slate-800">
            {c.label}
            <span className="sr-only">: {MARK_WORD[c.state]}</span>
          </span>
          <span className="min-w-0 break-all text-slate-600">{c.detail}</span>
        </li>
      ))}
    </ul>
  );
}

function ThrottleCharts({ stage, assessment, view }: { stage: TrackedStage; assessment: Assessment; view: TimeRangeView }) {
  const q = useThrottledMetrics(stage.kind, stage.apiId, stage.stageName, assessment.total, assessment.perKey, view.range, view.refresh);
  const data = q.data;
  const state: WidgetState = q.isPending
    ? { status: 'loading' }
    : q.isError && !data
      ? { status: 'error', error: q.error, retry: () => void q.refetch() }
      : { status: 'ready' };
  const start = data?.start.getTime() ?? 0;
  const end = data?.end.getTime() ?? 0;
  const shownKeys = data?.perKey.slice(0, MAX_KEY_LINES) ?? [];
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <WidgetCard
        title="429s"
        description={`Throttled requests on this stage, from ${assessment.total!.namespace} ${assessment.total!.metricName} (metric filter ${assessment.total!.filterName}).`}
        unit="count"
        state={state}
        grid={data?.grid ?? []}
        series={data ? [{ key: 'total', label: '429s', values: data.total.values }] : []}
        start={start}
        end={end}
        hasData={!!data && data.total.total > 0}
        emptyText="No 429s in this range."
      />
      {assessment.perKey ? (
        <WidgetCard
          title="429s per API key"
          description={`By ${assessment.perKey.keyDimension} (metric filter ${assessment.perKey.filterName}); requests without a key are in the total only.`}
          unit="count"
          state={state}
          grid={data?.grid ?? []}
          series={shownKeys.map((k) => ({ key: `k_${k.keyId}`, label: k.keyId, values: k.values }))}
          start={start}
          end={end}
          hasData={!!data && data.perKey.length > 0}
          emptyText="No API key was throttled in this range."
          notes={data && data.perKey.length > MAX_KEY_LINES ? [`The chart draws the ${MAX_KEY_LINES} keys with the most 429s; the table lists all ${data.perKey.length}.`] : []}
        >
          {data && data.perKey.length > 0 && (
            <table className="min-w-full text-sm">
              <caption className="sr-only">429s per API key</caption>
              <thead>
                <tr className="text-left text-xs text-slate-600">
                  <th scope="col" className="py-1 font-semibold">
                    API key
                  </th>
                  <th scope="col" className="py-1 text-right font-semibold">
                    429s
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.perKey.map((k) => (
                  <tr key={k.keyId}>
                    <td className="py-1 font-mono text-xs">
                      <Link to={`/keys/${encodeURIComponent(k.keyId)}`} className="text-indigo-700 hover:underline">
                        {k.keyId}
                      </Link>
                    </td>
                    <td className="py-1 text-right tabular-nums">{formatValue(k.total, 'count')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </WidgetCard>
      ) : null}
    </div>
  );
}
