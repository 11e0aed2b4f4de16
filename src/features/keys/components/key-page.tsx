import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCanOperate } from '../../../aws/caller.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { Badge } from '../../../components/badge.js';
import { Breadcrumbs } from '../../../components/breadcrumbs.js';
import { dangerButton, secondaryButton } from '../../../components/buttons.js';
import { DangerConfirmation } from '../../../components/danger-confirmation.js';
import { ErrorPanel } from '../../../components/error-panel.js';
import { formatDateTime } from '../../../components/format.js';
import { Loading } from '../../../components/loading.js';
import { SectionHeader } from '../../../components/section-header.js';
import { isRotationTag } from '../../../domain/rotation.js';
import { fetchApiKey } from '../api/get-api-key.js';
import { fetchPlansOfKey } from '../api/get-usage-plans.js';
import { useApiKeys } from '../api/get-api-keys.js';
import { setApiKeyEnabled } from '../api/update-api-key.js';
import { deleteApiKey } from '../api/delete-api-key.js';
import { keysKeys } from '../api/keys.js';
import { KeyValue } from './key-value.js';
import { KeyRotationSection } from './key-rotation-section.js';

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
  const [confirm, setConfirm] = useState<'disable' | 'delete' | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: keysKeys.all(config.region) });
  const toggle = useMutation({ mutationFn: (enabled: boolean) => setApiKeyEnabled(config, keyId, enabled), onSettled: refresh });
  const remove = useMutation({ mutationFn: () => deleteApiKey(config, keyId), onSuccess: () => navigate('/keys'), onSettled: refresh });

  if (key.isPending) return <Loading label="Loading API key…" />;
  if (key.isError) return <ErrorPanel title="This API key could not be loaded" error={key.error} onRetry={() => void key.refetch()} />;
  const k = key.data;
  const tags = Object.entries(k.tags).filter(([t]) => !isRotationTag(t));

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
          <dt className="text-slate-600">ID</dt>
          <dd className="font-mono">{k.id}</dd>
          <dt className="text-slate-600">Customer id</dt>
          <dd className="font-mono">{k.customerId ?? '—'}</dd>
          <dt className="text-slate-600">Created</dt>
          <dd>{formatDateTime(k.createdDate)}</dd>
          <dt className="text-slate-600">Last updated</dt>
          <dd>{formatDateTime(k.lastUpdatedDate)}</dd>
          <dt className="text-slate-600">Tags</dt>
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

      <KeyRotationSection apiKey={k} allKeys={allKeys.data} canOperate={canOperate} />

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
          {confirm && (
            <DangerConfirmation
              key={confirm}
              expected={k.name}
              action={confirm === 'disable' ? 'disable it' : 'delete it'}
              confirmLabel={confirm === 'disable' ? 'Disable key' : 'Delete key'}
              busy={toggle.isPending || remove.isPending}
              onConfirm={() => (confirm === 'disable' ? toggle.mutate(false, { onSuccess: () => setConfirm(null) }) : remove.mutate())}
              onCancel={() => setConfirm(null)}
            >
              {confirm === 'disable'
                ? 'Requests with this key will be refused with 403 Forbidden at once. It can be enabled again.'
                : 'The key is deleted and leaves every usage plan; requests with it are refused at once. This cannot be undone.'}
            </DangerConfirmation>
          )}
          {toggle.isError && <ErrorPanel title="The key's state was not changed" error={toggle.error} />}
          {remove.isError && <ErrorPanel title="The key was not deleted" error={remove.error} />}
        </section>
      )}
    </div>
  );
}
