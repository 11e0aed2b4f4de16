/**
 * A row's trend in a few hundred bytes of SVG: requests per period as a line, server errors per period as red
 * bars from the bottom (the busiest error period reaching half way). Drawn without the charting library, so the
 * fleet screen stays light with 1,000 rows.
 */
export function Sparkline({ values, errors, label }: { values: readonly number[]; errors?: readonly number[]; label: string }) {
  const w = 120;
  const h = 28;
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? w / (values.length - 1) : w;
  const y = (v: number) => h - 2 - (v / max) * (h - 4);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const maxErrors = Math.max(1, ...(errors ?? []));
  const bar = (e: number) => Math.max(2, (e / maxErrors) * (h / 2));
  return (
    <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label} className="block overflow-visible">
      <line x1={0} x2={w} y1={h - 2} y2={h - 2} stroke="#e2e8f0" strokeWidth={1} />
      {values.length > 0 && <polyline points={points} fill="none" stroke="#4f46e5" strokeWidth={1.5} strokeLinejoin="round" />}
      {errors?.map((e, i) => (e > 0 ? <line key={i} x1={i * step} x2={i * step} y1={h - 2 - bar(e)} y2={h - 2} stroke="#dc2626" strokeWidth={2} /> : null))}
    </svg>
  );
}
