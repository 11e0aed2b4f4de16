import { useContext } from 'react';
import { CallerRoleContext } from '../aws/caller.js';

/** Says why the change controls are missing, instead of leaving a viewer to wonder. */
export function ReadOnlyNote({ what }: { what: string }) {
  const role = useContext(CallerRoleContext);
  if (role === 'admin' || role === 'operator') return null;
  return (
    <p className="rounded border border-slate-200 bg-white px-3 py-2 text-sm text-slate-600">
      Read only: your role ({role ?? 'none'}) can see {what} but not change them. Operators and admins can.
    </p>
  );
}
