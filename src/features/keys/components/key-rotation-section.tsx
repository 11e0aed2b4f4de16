import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { primaryButton, secondaryButton } from '../../../components/buttons.js';
import { DangerConfirmation } from '../../../components/danger-confirmation.js';
import { ErrorPanel } from '../../../components/error-panel.js';
import { formatDateTime } from '../../../components/format.js';
import { SectionHeader } from '../../../components/section-header.js';
import type { ApiKey } from '../../../domain/api-key.js';
import { findRotations, rotationStatus, ROTATION_TAG } from '../../../domain/rotation.js';
import type { RotationOutcome, StepEvent } from '../api/rotate-api-key.js';
import { useRotationAction, type RotationAction } from '../api/rotation-actions.js';
import { RotationReport } from './rotation-report.js';

/**
 * A key's rotation: the one it is in (as the old key or the successor) with what can be done next, or the
 * form that starts one. Finishing by disabling is one click (it can be undone by enabling the key again);
 * deleting the old key or cancelling the rotation cuts someone off, so those ask for a typed name.
 */
export function KeyRotationSection({ apiKey: k, allKeys, canOperate }: { apiKey: ApiKey; allKeys: readonly ApiKey[] | undefined; canOperate: boolean }) {
  const navigate = useNavigate();
  // Finishing by deleting this page's key carries the report over to the successor's page.
  const carried = (useLocation().state as { rotationReport?: RotationOutcome } | null)?.rotationReport;
  const [confirm, setConfirm] = useState<'cancel-rotation' | 'finish-delete' | null>(null);
  const [graceDays, setGraceDays] = useState('7');
  const [graceError, setGraceError] = useState<string>();
  const [steps, setSteps] = useState<StepEvent[]>(carried?.steps ?? []);
  const [carriedOutcome, setCarriedOutcome] = useState(carried);
  const rotation = useRotationAction(
    (e) => setSteps((s) => [...s.filter((x) => x.step !== e.step), e]),
    (out, action) => {
      // The old key of this page is gone: carry on, with the report, on the successor's page.
      const r = action.kind === 'finish' && action.mode === 'delete' && out.result === 'finished' ? action.rotation : undefined;
      if (!r?.newKeyId || r.oldKeyId !== k.id) return;
      // History state is cloned: an SDK error goes over as its name and message.
      const error = out.error && { name: (out.error as Error).name, message: (out.error as Error).message };
      navigate(`/keys/${r.newKeyId}`, { state: { rotationReport: { ...out, error } } });
    },
  );

  const related = findRotations(allKeys ?? []).find((r) => r.oldKeyId === k.id || r.newKeyId === k.id);
  const status = related ? rotationStatus(related, new Date()) : undefined;
  // Deleting the old key is confirmed with the old key's name, whichever of the two pages this is.
  const oldKeyName = related ? (related.oldKeyId === k.id ? k.name : (allKeys?.find((x) => x.id === related.oldKeyId)?.name ?? related.oldKeyId)) : '';

  const run = (action: RotationAction) => {
    setConfirm(null);
    setSteps([]);
    setCarriedOutcome(undefined);
    rotation.mutate(action);
  };
  const rotate = () => {
    const days = Number(graceDays);
    if (!Number.isInteger(days) || days < 1 || days > 90) return setGraceError('Grace period must be a whole number of days from 1 to 90.');
    setGraceError(undefined);
    run({ kind: 'rotate', keyId: k.id, graceDays: days });
  };
  // A finished successor may be rotated again (next year's rotation); one still in a rotation may not.
  const canStart = canOperate && k.enabled && (!k.tags[ROTATION_TAG.predecessor] || k.tags[ROTATION_TAG.state] === 'finished');

  return (
    <section aria-labelledby="rotation-heading" className="space-y-2">
      <SectionHeader id="rotation-heading" title="Rotation" />
      {related && status !== 'finished' ? (
        <div className="space-y-2 text-sm">
          <p>
            {related.oldKeyId === k.id ? (
              <>
                Being replaced by{' '}
                <Link className="font-mono text-indigo-700 underline" to={`/keys/${related.newKeyId}`}>
                  {related.newKeyId ?? '(successor not created yet)'}
                </Link>
              </>
            ) : (
              <>
                Successor of{' '}
                <Link className="font-mono text-indigo-700 underline" to={`/keys/${related.oldKeyId}`}>
                  {related.oldKeyId}
                </Link>
              </>
            )}{' '}
            · state {related.state} · both keys work until {formatDateTime(related.graceEnds)}
          </p>
          {canOperate && (
            <div className="flex flex-wrap gap-2">
              {(status === 'overlap' || status === 'due') && (
                <>
                  <button type="button" className={primaryButton} disabled={rotation.isPending} onClick={() => run({ kind: 'finish', rotation: related, mode: 'disable' })}>
                    Finish: disable the old key
                  </button>
                  <button type="button" className={secondaryButton} disabled={rotation.isPending} onClick={() => setConfirm('finish-delete')}>
                    Finish: delete the old key…
                  </button>
                  <button type="button" className={secondaryButton} disabled={rotation.isPending} onClick={() => setConfirm('cancel-rotation')}>
                    Cancel the rotation…
                  </button>
                </>
              )}
              {status === 'interrupted' && (
                <>
                  <button type="button" className={primaryButton} disabled={rotation.isPending} onClick={() => run({ kind: 'resume', rotation: related })}>
                    Resume
                  </button>
                  <button type="button" className={secondaryButton} disabled={rotation.isPending} onClick={() => run({ kind: 'roll-back', rotation: related })}>
                    Roll back
                  </button>
                </>
              )}
            </div>
          )}
        </div>
      ) : canStart ? (
        <div className="flex flex-wrap items-end gap-2 text-sm">
          <label className="flex flex-col">
            <span className="text-slate-700">Grace period (days)</span>
            <input value={graceDays} onChange={(e) => setGraceDays(e.target.value)} inputMode="numeric" aria-invalid={graceError ? true : undefined} className="mt-1 w-24 rounded border border-slate-300 px-2 py-1.5" />
          </label>
          <button type="button" className={primaryButton} disabled={rotation.isPending} onClick={rotate}>
            {rotation.isPending ? 'Rotating…' : 'Rotate key'}
          </button>
          <p className="basis-full text-slate-600">
            Creates a successor in the same usage plans with the same quota left; both keys work until you finish (or the grace period ends).
          </p>
          {graceError && (
            <p role="alert" className="basis-full text-red-700">
              {graceError}
            </p>
          )}
        </div>
      ) : (
        <p className="text-sm text-slate-600">Not being rotated.</p>
      )}
      {confirm === 'cancel-rotation' && related && (
        <DangerConfirmation
          expected={k.name}
          action="cancel the rotation"
          confirmLabel="Cancel the rotation"
          cancelLabel="Keep it"
          busy={rotation.isPending}
          onConfirm={() => run({ kind: 'roll-back', rotation: related })}
          onCancel={() => setConfirm(null)}
        >
          The successor key is deleted: a partner already using it is refused at once. The old key keeps working.
        </DangerConfirmation>
      )}
      {confirm === 'finish-delete' && related && (
        <DangerConfirmation
          expected={oldKeyName}
          action="delete the old key"
          confirmLabel="Delete the old key"
          cancelLabel="Keep it"
          busy={rotation.isPending}
          onConfirm={() => run({ kind: 'finish', rotation: related, mode: 'delete' })}
          onCancel={() => setConfirm(null)}
        >
          The old key <span className="font-mono">{oldKeyName}</span> is deleted and leaves every usage plan: requests with it are refused at once, and it
          cannot be enabled again. The console first checks that the successor is enabled and in every plan of the old key.
        </DangerConfirmation>
      )}
      {rotation.isError && <ErrorPanel title="The rotation did not start; nothing was changed" error={rotation.error} />}
      {steps.length > 0 && <RotationReport steps={steps} outcome={rotation.data ?? carriedOutcome} />}
    </section>
  );
}
