import { Link } from 'react-router';

export interface Crumb {
  label: string;
  /** Absent on the current page, the last crumb. */
  href?: string;
}

/** Where this screen sits, as data: `[{label: 'APIs', href: '/apis'}, {label: 'Pet Store'}]`. */
export function Breadcrumbs({ items }: { items: readonly Crumb[] }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm">
      <ol className="flex flex-wrap gap-1 text-slate-600">
        {items.map((c, i) => (
          <li key={i} className="flex gap-1" aria-current={c.href ? undefined : 'page'}>
            {i > 0 && <span aria-hidden="true">/</span>}
            {c.href ? (
              <Link to={c.href} className="break-words text-indigo-700 hover:underline">
                {c.label}
              </Link>
            ) : (
              <span className="break-all">{c.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
