import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useCanOperate } from '../../../aws/caller.js';
import { secondaryButton } from '../../../components/buttons.js';
import { formatDateTime } from '../../../components/format.js';
import type { ApiKey } from '../../../domain/api-key.js';
import { findRotations, rotationStatus, type Rotation } from '../../../domain/rotation.js';
import type { StepEvent } from '../api/rotate-api-key.js';
import { useRotationAction } from '../api/rotation-actions.js';
import { RotationReport } from './rotation-report.js';

/**
 * Rotations found on the keys' tags: interrupted ones (resume or roll back), overlaps with their
 * deadlines, and those whose grace period has ended, which an operator's visit finishes (the old key
 * is disabled, never deleted, so it can still be switched back on).
 */
export function RotationsBanner({ keys }: { keys: readonly ApiKey[] }) {
  const canOperate = useCanOperate();
  const [now] = useState(() => new Date());
  const rotations = useMemo(() => findRotations(keys).filter((r) => rotationStatus(r, now) !== 'finished'), [keys, now]);
  const names = useMemo(() => new Map(keys.map((k) => [k.id, k.name])), [keys]);
  const [steps, setSteps] = useState<StepEvent[]>([]);
  const action = useRotationAction((e) => setSteps((s) => [...s.filter((x) => x.step !== e.step), e]));
  const [finishedDue, setFinishedDue] = useState<string[]>([]);
  const autoFinished = useRef(false);

  const due = rotations.filter((r) => rotationStatus(r, now) === 'due');
  useEffect(() => {
    if (!canOperate || autoFinished.current || due.length === 0) return;
    autoFinished.current = true;
    void (async () => {
      for (const r of due) {
        const out = await action.mutateAsync({ kind: 'finish', rotation: r, mode: 'disable' });
        if (out.result === 'finished') setFinishedDue((f) => [...f, names.get(r.oldKeyId) ?? r.oldKeyId]);
      }
    })();
    // Once per visit, for the rotations due when the page opened.
  }, [canOperate, due, action, names]);

  if (rotations.length === 0 && finishedDue.length === 0) return null;
  const label = (r: Rotation) => names.get(r.oldKeyId) ?? r.oldKeyName ?? r.oldKeyId;
  const run = (a: Parameters<typeof action.mutate>[0]) => {
    setSteps([]);
    action.mutate(a);
  };

  return (
    <section aria-label="Key rotations" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      <h2 className="font-semibold">Key rotations</h2>
      {finishedDue.length > 0 && (
        <p role="status">
          Finished {finishedDue.length} rotation{finishedDue.length > 1 ? 's' : ''} whose grace period had ended (old key disabled): {finishedDue.join(', ')}.
        </p>
      )}
      <ul className="space-y-1">
        {rotations.map((r) => {
          const status = rotationStatus(r, now);
          return (
            <li key={r.oldKeyId} className="flex flex-wrap items-center gap-2">
              <Link to={`/keys/${r.oldKeyId}`} className="font-medium text-indigo-800 underline">
                {label(r)}
              </Link>
              {status === 'interrupted' && <span>was interrupted at “{r.state}” (started {formatDateTime(r.started)}).</span>}
              {status === 'running-elsewhere' && <span>is being rotated, probably in another console (started {formatDateTime(r.started)}).</span>}
              {status === 'overlap' && <span>and its successor both work until {formatDateTime(r.graceEnds)}.</span>}
              {status === 'due' && <span>reached the end of its grace period ({formatDateTime(r.graceEnds)}).</span>}
              {canOperate && status === 'interrupted' && (
                <>
                  <button type="button" className={secondaryButton} disabled={action.isPending} onClick={() => run({ kind: 'resume', rotation: r })}>
                    Resume<span className="sr-only"> rotation of {label(r)}</span>
                  </button>
                  <button type="button" className={secondaryButton} disabled={action.isPending} onClick={() => run({ kind: 'roll-back', rotation: r })}>
                    Roll back<span className="sr-only"> rotation of {label(r)}</span>
                  </button>
                </>
              )}
              {canOperate && status === 'overlap' && (
                <button type="button" className={secondaryButton} disabled={action.isPending} onClick={() => run({ kind: 'finish', rotation: r, mode: 'disable' })}>
                  Finish now<span className="sr-only">: disable {label(r)}</span>
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {steps.length > 0 && <RotationReport steps={steps} outcome={action.data} />}
    </section>
  );
}
