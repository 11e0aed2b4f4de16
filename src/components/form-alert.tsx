import type { ReactNode } from 'react';

/** A form-level problem the operator can act on, said plainly and announced. */
export function FormAlert({ children }: { children: ReactNode }) {
  return (
    <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
      {children}
    </p>
  );
}
