import type { AwsProblem } from '../aws/errors.js';
import { toAwsProblem } from '../aws/errors.js';

/** An AWS failure where it happened: code, message and request id, with a retry when there is one. */
export function ErrorPanel({ error, title = 'Something went wrong', onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  const p: AwsProblem = toAwsProblem(error);
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900">
      <p className="font-semibold">{title}</p>
      <p className="mt-1 break-words">
        <span className="font-mono font-semibold">{p.code}</span>: {p.message}
      </p>
      {p.code === 'AccessDeniedException' && (
        <p className="mt-1">Your role does not allow this. If your role changed while you were signed in, sign out and in again; otherwise ask an admin.</p>
      )}
      {p.requestId && (
        <p className="mt-1 text-xs text-red-800">
          Request id: <span className="font-mono select-all">{p.requestId}</span>
        </p>
      )}
      {onRetry && (
        <button
          type="button"
          onClick={onRetry}
          className="mt-3 rounded border border-red-400 bg-white px-3 py-1 font-medium text-red-900 hover:bg-red-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-600"
        >
          Try again
        </button>
      )}
    </div>
  );
}
