import { useRef, useState, type ReactNode } from 'react';
import type { Column } from './data-table.js';

const ROW_HEIGHT = 44;
const OVERSCAN = 12;

interface Props<T> {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey(row: T): string;
  /** Pixel height of the scrolling body. */
  height?: number;
  empty?: ReactNode;
  selection?: { selected: ReadonlySet<string>; onToggle(key: string): void; onToggleAll(keys: string[], select: boolean): void };
  /** How a row is named to screen readers (its select checkbox). */
  rowLabel?(row: T): string;
}

/**
 * A table that renders only the rows in view (plus a margin), so 10,000 keys cost as much DOM as forty.
 * Rows have one fixed height; spacer rows above and below keep the scrollbar true. Screen readers get
 * the full count through aria-rowcount and each row's aria-rowindex.
 */
export function VirtualTable<T>({ caption, columns, rows, rowKey, height = 560, empty, selection, rowLabel }: Props<T>) {
  const [scrollTop, setScrollTop] = useState(0);
  const ref = useRef<HTMLDivElement>(null);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const visible = rows.slice(first, last);
  const allKeys = selection ? rows.map(rowKey) : [];
  const allSelected = selection !== undefined && allKeys.length > 0 && allKeys.every((k) => selection.selected.has(k));
  const colCount = columns.length + (selection ? 1 : 0);

  return (
    <div ref={ref} className="overflow-auto rounded-md border border-slate-200 bg-white" style={{ maxHeight: height }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <table className="min-w-full text-sm" aria-rowcount={rows.length + 1}>
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 z-10 bg-slate-50 shadow-[0_1px_0_#e2e8f0]">
          <tr aria-rowindex={1}>
            {selection && (
              <th scope="col" className="w-10 px-3 py-2">
                <input
                  type="checkbox"
                  aria-label={allSelected ? 'Clear the selection' : `Select all ${rows.length} shown`}
                  checked={allSelected}
                  onChange={() => selection.onToggleAll(allKeys, !allSelected)}
                />
              </th>
            )}
            {columns.map((c) => (
              <th key={c.id} scope="col" className={`px-3 py-2 text-left font-semibold whitespace-nowrap text-slate-700 ${c.className ?? ''}`}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={colCount} className="px-3 py-8 text-center text-slate-600">
                {empty ?? 'Nothing to show.'}
              </td>
            </tr>
          ) : (
            <>
              {first > 0 && <tr aria-hidden="true" style={{ height: first * ROW_HEIGHT }} />}
              {visible.map((row, i) => {
                const key = rowKey(row);
                return (
                  <tr key={key} aria-rowindex={first + i + 2} className="border-t border-slate-100 hover:bg-slate-50" style={{ height: ROW_HEIGHT }}>
                    {selection && (
                      <td className="px-3">
                        <input type="checkbox" aria-label={`Select ${rowLabel?.(row) ?? key}`} checked={selection.selected.has(key)} onChange={() => selection.onToggle(key)} />
                      </td>
                    )}
                    {columns.map((c) => (
                      <td key={c.id} className={`px-3 whitespace-nowrap ${c.className ?? ''}`}>
                        {c.cell(row)}
                      </td>
                    ))}
                  </tr>
                );
              })}
              {last < rows.length && <tr aria-hidden="true" style={{ height: (rows.length - last) * ROW_HEIGHT }} />}
            </>
          )}
        </tbody>
      </table>
    </div>
  );
}
