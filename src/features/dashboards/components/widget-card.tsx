import { lazy, Suspense, useId, type ReactNode } from 'react';
import type { WidgetUnit } from '../../../domain/dashboard-widgets.js';
import { ErrorBoundary } from '../../../components/error-boundary.js';
import { ErrorPanel } from '../../../components/error-panel.js';
import { Loading } from '../../../components/loading.js';
import type { ChartMarker, ChartSeries } from './metric-chart.js';
import { formatValue } from './format.js';

const MetricChart = lazy(() => import('./metric-chart.js'));

export interface WidgetState {
  status: 'loading' | 'error' | 'ready';
  error?: unknown;
  retry?(): void;
}

/** What a series adds up to, in words: totals for counts, the peak for latencies and rates. */
export function summarize(values: readonly (number | null)[], unit: WidgetUnit): string {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (!present.length) return 'no data';
  if (unit === 'count') return `${formatValue(present.reduce((a, b) => a + b, 0), 'count')} in total`;
  return `peak ${formatValue(Math.max(...present), unit)}`;
}

/**
 * A dashboard widget's frame: title, description, and its own loading, error and empty states. The chart sits
 * in its own error boundary, so one that fails to draw shows an error with a retry and the page carries on.
 */
export function WidgetCard({
  title,
  description,
  unit,
  state,
  grid,
  series,
  start,
  end,
  markers,
  notes,
  hasData: hasDataProp,
  emptyText = 'No data in this range.',
  children,
}: {
  title: string;
  description: string;
  unit: WidgetUnit;
  state: WidgetState;
  grid: readonly number[];
  series: readonly ChartSeries[];
  start: number;
  end: number;
  markers?: readonly ChartMarker[];
  notes?: readonly string[];
  /** Whether CloudWatch returned any datapoint (a series of zeros is data: no errors); by default, any value on the grid. */
  hasData?: boolean;
  emptyText?: string;
  children?: ReactNode;
}) {
  const id = useId();
  const hasData = hasDataProp ?? series.some((s) => s.values.some((v) => v !== null));
  const summary = series.map((s) => `${s.label}: ${summarize(s.values, unit)}`);
  return (
    <section aria-labelledby={id} className="flex min-w-0 flex-col gap-2 rounded-md border border-slate-200 bg-white p-3">
      <div>
        <h2 id={id} className="font-semibold text-slate-900">
          {title}
        </h2>
        <p className="text-xs text-slate-600">{description}</p>
      </div>
      {state.status === 'loading' ? (
        <Loading label={`Loading ${title.toLowerCase()}…`} />
      ) : state.status === 'error' ? (
        <ErrorPanel title={`${title} could not be loaded`} error={state.error} onRetry={state.retry} />
      ) : !hasData ? (
        <p className="flex h-24 items-center justify-center rounded bg-slate-50 px-3 text-center text-sm text-slate-600">{emptyText}</p>
      ) : (
        <ErrorBoundary title={`${title} could not be drawn`}>
          <Suspense fallback={<div className="h-56" aria-hidden="true" />}>
            <MetricChart label={`${title}: ${summary.join('; ')}`} unit={unit} grid={grid} series={series} start={start} end={end} markers={markers} />
          </Suspense>
        </ErrorBoundary>
      )}
      {state.status === 'ready' && hasData && (
        <ul className="flex flex-wrap gap-x-4 gap-y-0.5 text-xs text-slate-700" aria-label={`${title} figures`}>
          {summary.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      )}
      {notes?.map((n) => (
        <p key={n} className="text-xs text-amber-800">
          {n}
        </p>
      ))}
      {children}
    </section>
  );
}
