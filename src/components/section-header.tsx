import type { ReactNode } from 'react';

/** A section's heading with its actions on the right; `id` labels the section for screen readers. */
export function SectionHeader({ id, title, children }: { id: string; title: string; children?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-2">
      <h2 id={id} className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </div>
  );
}
