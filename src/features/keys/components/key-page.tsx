import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCanOperate } from '../../../aws/caller.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { Badge } from '../../../components/badge.js';
import { Breadcrumbs } from '../../../components/breadcrumbs.js';
import { dangerButton, primaryButton, secondaryButton } from '../../../components/buttons.js';
import { ErrorPanel } from '../../../components/error-panel.js';
import { formatDateTime } from '../../../components/format.js';
import { Loading } from '../../../components/loading.js';
import { SectionHeader } from '../../../components/section-header.js';
import { TypedConfirmation } from '../../../components/typed-confirmation.js';
import { findRotations, isRotationTag, rotationStatus, ROTATION_TAG } from '../../../domain/rotation.js';
import { fetchApiKey } from '../api/get-api-key.js';
import { fetchPlansOfKey } from '../api/get-usage-plans.js';
import { useApiKeys } from '../api/get-api-keys.js';
import { setApiKeyEnabled } from '../api/update-api-key.js';
import { deleteApiKey } from '../api/delete-api-key.js';
import { keysKeys } from '../api/keys.js';
import type { StepEvent } from '../api/rotate-api-key.js';
import { useRotationAction } from '../api/rotation-actions.js';
import { KeyValue } from './key-value.js';
import { RotationReport } from './rotation-report.js';

/** One API key: what it is, which plans it opens, its value on request, and what can be done to it. */
export function KeyPage() {
  const { keyId = '' } = useParams();
  const config = useConsoleConfig();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const canOperate = useCanOperate();
  const key = useQuery({ queryKey: [...keysKeys.all(config.region), 'key', keyId], queryFn: ({ signal }) => fetchApiKey(config, keyId, signal) });
  const plans = useQuery({ queryKey: [...keysKeys.all(config.region), 'key', keyId, 'plans'], queryFn: ({ signal }) => fetchPlansOfKey(config, keyId, signal) });
  const allKeys = useApiKeys();
  const [confirm, setConfirm] = useState<'disable' | 'delete' | 'cancel-rotation' | 'finish-delete' | null>(null);
  const [typed, setTyped] = useState('');
  const [graceDays, setGraceDays] = useState('7');
  const [graceError, setGraceError] = useState<string>();
  const [steps, setSteps] = useState<StepEvent[]>([]);
  const rotation = useRotationAction((e) => setSteps((s) => [...s.filter((x) => x.step !== e.step), e]));
  const refresh = () => queryClient.invalidateQueries({ queryKey: keysKeys.all(config.region) });
  const toggle = useMutation({ mutationFn: (enabled: boolean) => setApiKeyEnabled(config, keyId, enabled), onSettled: refresh });
  const remove = useMutation({ mutationFn: () => deleteApiKey(config, keyId), onSuccess: () => navigate('/keys'), onSettled: refresh });

  if (key.isPending) return <Loading label="Loading API key…" />;
  if (key.isError) return <ErrorPanel title="This API key could not be loaded" error={key.error} onRetry={() => void key.refetch()} />;
  const k = key.data;
  const related = findRotations(allKeys.data ?? []).find((r) => r.oldKeyId === k.id || r.newKeyId === k.id);
  const status = related ? rotationStatus(related, new Date()) : undefined;
  const tags = Object.entries(k.tags).filter(([t]) => !isRotationTag(t));
  // Deleting the old key is confirmed with the old key's name, whichever of the two pages this is.
  const oldKeyName = related ? (related.oldKeyId === k.id ? k.name : (allKeys.data?.find((x) => x.id === related.oldKeyId)?.name ?? related.oldKeyId)) : '';
  const finishByDeleting = (r: NonNullable<typeof related>) => {
    setConfirm(null);
    setTyped('');
    setSteps([]);
    rotation.mutate(
      { kind: 'finish', rotation: r, mode: 'delete' },
      // This page's key is gone once the old key is deleted: carry on on the successor's page.
      { onSuccess: (out) => void (out.result === 'finished' && r.oldKeyId === k.id && r.newKeyId && navigate(`/keys/${r.newKeyId}`)) },
    );
  };

  const rotate = () => {
    const days = Number(graceDays);
    if (!Number.isInteger(days) || days < 1 || days > 90) return setGraceError('Grace period must be a whole number of days from 1 to 90.');
    setGraceError(undefined);
    setSteps([]);
    rotation.mutate({ kind: 'rotate', keyId: k.id, graceDays: days });
  };

  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ label: 'API keys', href: '/keys' }, { label: k.name }]} />
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-semibold break-words text-slate-900">{k.name}</h1>
          {k.enabled ? <Badge tone="emerald">Enabled</Badge> : <Badge>Disabled</Badge>}
        </div>
        {k.description && <p className="text-sm text-slate-700">{k.description}</p>}
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="text-slate-500">ID</dt>
          <dd className="font-mono">{k.id}</dd>
          <dt className="text-slate-500">Customer id</dt>
          <dd className="font-mono">{k.customerId ?? '—'}</dd>
          <dt className="text-slate-500">Created</dt>
          <dd>{formatDateTime(k.createdDate)}</dd>
          <dt className="text-slate-500">Last updated</dt>
          <dd>{formatDateTime(k.lastUpdatedDate)}</dd>
          <dt className="text-slate-500">Tags</dt>
          <dd className="font-mono text-xs">{tags.length ? tags.map(([a, b]) => `${a}=${b}`).join(', ') : 'none'}</dd>
        </dl>
      </header>

      <section aria-labelledby="value-heading" className="space-y-2">
        <SectionHeader id="value-heading" title="Value" />
        <KeyValue keyId={k.id} />
      </section>

      <section aria-labelledby="plans-heading" className="space-y-2">
        <SectionHeader id="plans-heading" title="Usage plans" />
        {plans.isPending ? (
          <Loading label="Loading usage plans…" />
        ) : plans.isError ? (
          <ErrorPanel title="Usage plans could not be read" error={plans.error} />
        ) : plans.data.length === 0 ? (
          <p className="text-sm text-slate-600">In no usage plan: this key opens no API stage.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {plans.data.map((p) => (
              <li key={p.id}>
                <Link to={`/usage-plans/${p.id}`} className="font-medium text-indigo-700 hover:underline">
                  {p.name}
                </Link>{' '}
                <span className="text-slate-600">— stages {p.stages.map((s) => `${s.apiId}:${s.stage}`).join(', ') || 'none'}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

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
                    <button type="button" className={primaryButton} disabled={rotation.isPending} onClick={() => rotation.mutate({ kind: 'finish', rotation: related, mode: 'disable' })}>
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
                    <button type="button" className={primaryButton} disabled={rotation.isPending} onClick={() => rotation.mutate({ kind: 'resume', rotation: related })}>
                      Resume
                    </button>
                    <button type="button" className={secondaryButton} disabled={rotation.isPending} onClick={() => rotation.mutate({ kind: 'roll-back', rotation: related })}>
                      Roll back
                    </button>
                  </>
                )}
              </div>
            )}
          </div>
        ) : canOperate && k.enabled && (!k.tags[ROTATION_TAG.predecessor] || k.tags[ROTATION_TAG.state] === 'finished') ? (
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
          <div className="space-y-2 rounded border border-red-300 bg-red-50 p-3 text-sm">
            <p>The successor key is deleted: a partner already using it is refused at once. The old key keeps working.</p>
            <TypedConfirmation expected={k.name} value={typed} onChange={setTyped} action="cancel the rotation" />
            <div className="flex gap-2">
              <button
                type="button"
                className={dangerButton}
                disabled={typed !== k.name || rotation.isPending}
                onClick={() => {
                  setConfirm(null);
                  setTyped('');
                  setSteps([]);
                  rotation.mutate({ kind: 'roll-back', rotation: related });
                }}
              >
                Cancel the rotation
              </button>
              <button type="button" className={secondaryButton} onClick={() => { setConfirm(null); setTyped(''); }}>
                Keep it
              </button>
            </div>
          </div>
        )}
        {confirm === 'finish-delete' && related && (
          <div className="space-y-2 rounded border border-red-300 bg-red-50 p-3 text-sm">
            <p>
              The old key <span className="font-mono">{oldKeyName}</span> is deleted and leaves every usage plan: requests with it are refused at once, and
              it cannot be enabled again. The console first checks that the successor is enabled and in every plan of the old key.
            </p>
            <TypedConfirmation expected={oldKeyName} value={typed} onChange={setTyped} action="delete the old key" />
            <div className="flex gap-2">
              <button type="button" className={dangerButton} disabled={typed !== oldKeyName || rotation.isPending} onClick={() => finishByDeleting(related)}>
                Delete the old key
              </button>
              <button type="button" className={secondaryButton} onClick={() => { setConfirm(null); setTyped(''); }}>
                Keep it
              </button>
            </div>
          </div>
        )}
        {rotation.isError && <ErrorPanel title="The rotation did not start; nothing was changed" error={rotation.error} />}
        {steps.length > 0 && <RotationReport steps={steps} outcome={rotation.data} />}
      </section>

      {canOperate && (
        <section aria-labelledby="actions-heading" className="space-y-2">
          <SectionHeader id="actions-heading" title="Actions" />
          <div className="flex flex-wrap gap-2">
            {k.enabled ? (
              <button type="button" className={secondaryButton} onClick={() => setConfirm('disable')}>
                Disable…
              </button>
            ) : (
              <button type="button" className={secondaryButton} disabled={toggle.isPending} onClick={() => toggle.mutate(true)}>
                Enable
              </button>
            )}
            <button type="button" className={dangerButton} onClick={() => setConfirm('delete')}>
              Delete…
            </button>
          </div>
          {(confirm === 'disable' || confirm === 'delete') && (
            <div className="space-y-2 rounded border border-red-300 bg-red-50 p-3 text-sm">
              <p>
                {confirm === 'disable'
                  ? 'Requests with this key will be refused with 403 Forbidden at once. It can be enabled again.'
                  : 'The key is deleted and leaves every usage plan; requests with it are refused at once. This cannot be undone.'}
              </p>
              <TypedConfirmation expected={k.name} value={typed} onChange={setTyped} action={confirm === 'disable' ? 'disable it' : 'delete it'} />
              <div className="flex gap-2">
                <button
                  type="button"
                  className={dangerButton}
                  disabled={typed !== k.name || toggle.isPending || remove.isPending}
                  onClick={() => (confirm === 'disable' ? toggle.mutate(false, { onSuccess: () => setConfirm(null) }) : remove.mutate())}
                >
                  {confirm === 'disable' ? 'Disable key' : 'Delete key'}
                </button>
                <button type="button" className={secondaryButton} onClick={() => { setConfirm(null); setTyped(''); }}>
                  Cancel
                </button>
              </div>
            </div>
          )}
          {toggle.isError && <ErrorPanel title="The key's state was not changed" error={toggle.error} />}
          {remove.isError && <ErrorPanel title="The key was not deleted" error={remove.error} />}
        </section>
      )}
    </div>
  );
}
