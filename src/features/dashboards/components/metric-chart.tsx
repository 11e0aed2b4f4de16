import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { WidgetUnit } from '../../../domain/dashboard-widgets.js';
import { formatAxis, formatTime, formatValue } from './format.js';

// Distinct at a glance and readable on white.
export const SERIES_COLORS = ['#4f46e5', '#059669', '#d97706', '#dc2626', '#0891b2', '#7c3aed', '#65a30d', '#db2777'];

export interface ChartSeries {
  key: string;
  label: string;
  values: readonly (number | null)[];
}

export interface ChartMarker {
  t: number;
  label: string;
}

export interface MetricChartProps {
  label: string;
  unit: WidgetUnit;
  grid: readonly number[];
  series: readonly ChartSeries[];
  start: number;
  end: number;
  markers?: readonly ChartMarker[];
}

/**
 * One time-series chart, loaded on its own with recharts (about 110 KB gzip) only on dashboard screens.
 * Deployments are drawn as dashed vertical lines; the same figures are in the widget's text for screen readers.
 */
export default function MetricChart({ label, unit, grid, series, start, end, markers = [] }: MetricChartProps) {
  const data = grid.map((t, i) => {
    const row: Record<string, number | null> = { t };
    for (const s of series) row[s.key] = s.values[i] ?? null;
    return row;
  });
  const span = end - start;
  return (
    <figure role="img" aria-label={label} className="h-56 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 12, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="t" type="number" scale="time" domain={[start, end]} tickFormatter={(t: number) => formatTime(t, span)} tick={{ fontSize: 11 }} minTickGap={24} />
          <YAxis
            tick={{ fontSize: 11 }}
            width={unit === 'ms' ? 68 : 52}
            allowDecimals={unit !== 'count'}
            tickFormatter={(v: number) => formatAxis(v, unit)}
            domain={unit === 'percent' ? [0, (max: number) => Math.max(1, Math.ceil(max))] : [0, 'auto']}
          />
          <Tooltip
            labelFormatter={(t) => new Date(Number(t)).toLocaleString()}
            formatter={(v) => (typeof v === 'number' ? formatValue(v, unit) : String(v))}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {markers.map((m) => (
            <ReferenceLine key={`${m.t}-${m.label}`} x={m.t} stroke="#64748b" strokeDasharray="4 3" label={{ value: '▼', position: 'insideTop', fontSize: 10, fill: '#64748b' }} />
          ))}
          {series.map((s, i) => (
            <Line key={s.key} type="linear" dataKey={s.key} name={s.label} stroke={SERIES_COLORS[i % SERIES_COLORS.length]} dot={false} strokeWidth={1.75} isAnimationActive={false} connectNulls={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
