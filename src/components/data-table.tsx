import type { ReactNode } from 'react';

/** A column as data (Cloudscape-style definitions): the table stays dumb, screens declare columns. */
export interface Column<T, K extends string = string> {
  id: string;
  header: string;
  cell(row: T): ReactNode;
  /** Set when the column sorts; the key goes into the URL. */
  sortKey?: K;
  className?: string;
}

interface Props<T, K extends string> {
  caption: string;
  columns: readonly Column<T, K>[];
  rows: readonly T[];
  rowKey(row: T): string;
  sort?: { key: K; dir: 'asc' | 'desc'; onSort(key: K): void };
  empty?: ReactNode;
}

export function DataTable<T, K extends string = string>({ caption, columns, rows, rowKey, sort, empty }: Props<T, K>) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            {columns.map((c) => {
              const active = sort && c.sortKey && sort.key === c.sortKey;
              return (
                <th
                  key={c.id}
                  scope="col"
                  aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
                  className={`px-3 py-2 text-left font-semibold whitespace-nowrap text-slate-700 ${c.className ?? ''}`}
                >
                  {sort && c.sortKey ? (
                    <button
                      type="button"
                      onClick={() => sort.onSort(c.sortKey!)}
                      className="inline-flex items-center gap-1 rounded hover:text-indigo-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600"
                    >
                      {c.header}
                      <span aria-hidden="true" className="text-xs text-slate-400">
                        {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  ) : (
                    c.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="px-3 py-8 text-center text-slate-600">
                {empty ?? 'Nothing to show.'}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)} className="hover:bg-slate-50">
                {columns.map((c) => (
                  <td key={c.id} className={`px-3 py-2 align-top ${c.className ?? ''}`}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
