import { PAGE_SIZE } from '../../../domain/api-list-view.js';

export function Pager({ page, pages, total, onPage }: { page: number; pages: number; total: number; onPage(p: number): void }) {
  if (total === 0) return null;
  const first = (page - 1) * PAGE_SIZE + 1;
  const last = Math.min(page * PAGE_SIZE, total);
  const btn = 'rounded border border-slate-300 bg-white px-3 py-1 text-sm disabled:opacity-40 hover:bg-slate-50';
  return (
    <nav aria-label="Pages" className="flex items-center justify-between text-sm text-slate-600">
      <span>
        {first}–{last} of {total}
      </span>
      <span className="flex items-center gap-2">
        <button type="button" className={btn} disabled={page <= 1} onClick={() => onPage(page - 1)}>
          Previous
        </button>
        <span>
          Page {page} of {pages}
        </span>
        <button type="button" className={btn} disabled={page >= pages} onClick={() => onPage(page + 1)}>
          Next
        </button>
      </span>
    </nav>
  );
}
