import type { WidgetUnit } from '../../../domain/dashboard-widgets.js';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatValue(v: number | undefined | null, unit: WidgetUnit): string {
  if (v === undefined || v === null || !Number.isFinite(v)) return '—';
  if (unit === 'ms') return `${v >= 100 ? integer.format(v) : oneDecimal.format(v)} ms`;
  if (unit === 'percent') return `${twoDecimals.format(v)} %`;
  return integer.format(v);
}

export function formatTime(t: number, spanMs: number): string {
  const d = new Date(t);
  if (spanMs <= 36 * 3600_000) return d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return d.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function formatClock(d: Date): string {
  return d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** Axis ticks: short enough to sit in a narrow column. */
export function formatAxis(v: number, unit: WidgetUnit): string {
  if (unit === 'ms') return v >= 1000 ? `${compact.format(v / 1000)} s` : `${compact.format(v)} ms`;
  if (unit === 'percent') return `${compact.format(v)}%`;
  return compact.format(v);
}
