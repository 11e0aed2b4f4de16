import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { UsageTable } from '../../../../domain/usage.js';

// Distinct at a glance and readable on white; repeats after eight keys.
const COLORS = ['#4f46e5', '#059669', '#d97706', '#dc2626', '#0891b2', '#7c3aed', '#65a30d', '#db2777'];

/**
 * Requests per key per day, stacked: loaded on its own (recharts is about 110 KB gzip) only when a plan's
 * usage is shown. The same numbers are in the table next to it for screen readers.
 */
export default function UsageChart({ table, label }: { table: UsageTable; label: string }) {
  return (
    <figure role="img" aria-label={label} className="h-72 w-full rounded-md border border-slate-200 bg-white p-2">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={table.rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={56} tickFormatter={(n: number) => n.toLocaleString('en-US')} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toLocaleString('en-US') : String(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {table.keys.map((k, i) => (
            <Bar key={k.keyId} dataKey={k.keyId} name={k.name} stackId="used" fill={COLORS[i % COLORS.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
