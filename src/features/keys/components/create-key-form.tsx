import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { RequestPreview } from '../../../components/change-table.js';
import { primaryButton, secondaryButton } from '../../../components/buttons.js';
import { ErrorPanel } from '../../../components/error-panel.js';
import { FormActions } from '../../../components/form-actions.js';
import { parseTags, validateKeyForm, type KeyForm, type KeyFormErrors } from '../../../domain/api-key-rules.js';
import type { UsagePlan } from '../../../domain/usage-plan.js';
import { createApiKey } from '../api/create-api-key.js';
import { addKeyToPlan } from '../api/create-usage-plan-key.js';
import { deleteApiKey } from '../api/delete-api-key.js';
import { keysKeys } from '../api/keys.js';

const EMPTY: KeyForm = { name: '', description: '', value: '', customerId: '', tags: '', enabled: true, planIds: [] };
const input = 'mt-1 w-full rounded border border-slate-300 px-2 py-1.5 focus:border-indigo-600 focus:outline-none aria-invalid:border-red-500';

type Outcome = { ok: true; keyId: string } | { ok: false; error: unknown; step: string; undone: string };

/**
 * Creates a key and joins it to the chosen plans. If joining a plan fails, the new key is deleted
 * again, so a failed creation leaves nothing behind, and the report says which step failed.
 */
export function CreateKeyForm({ plans, onClose }: { plans: readonly UsagePlan[]; onClose(): void }) {
  const config = useConsoleConfig();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [form, setForm] = useState<KeyForm>(EMPTY);
  const [errors, setErrors] = useState<KeyFormErrors>({});
  const [reviewing, setReviewing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const set = (patch: Partial<KeyForm>) => setForm((f) => ({ ...f, ...patch }));

  function review(e: FormEvent) {
    e.preventDefault();
    const errs = validateKeyForm(form);
    setErrors(errs);
    if (Object.keys(errs).length === 0) setReviewing(true);
  }

  async function create() {
    setBusy(true);
    let keyId: string | undefined;
    let step = 'CreateApiKey';
    try {
      const key = await createApiKey(config, {
        name: form.name.trim(),
        description: form.description.trim(),
        value: form.value,
        enabled: form.enabled,
        customerId: form.customerId.trim(),
        tags: parseTags(form.tags).tags,
      });
      keyId = key.id;
      for (const planId of form.planIds) {
        step = `CreateUsagePlanKey (${plans.find((p) => p.id === planId)?.name ?? planId})`;
        await addKeyToPlan(config, planId, key.id);
      }
      setOutcome({ ok: true, keyId: key.id });
    } catch (error) {
      let undone = 'Nothing was created.';
      if (keyId) {
        try {
          await deleteApiKey(config, keyId);
          undone = `The new key ${keyId} was deleted again, so nothing is left behind.`;
        } catch {
          undone = `The new key ${keyId} could not be deleted again: delete it by hand.`;
        }
      }
      setOutcome({ ok: false, error, step, undone });
    } finally {
      setBusy(false);
      void queryClient.invalidateQueries({ queryKey: keysKeys.all(config.region) });
    }
  }

  if (outcome?.ok) {
    return (
      <div role="status" className="space-y-2 rounded-md border border-emerald-300 bg-emerald-50 p-4 text-sm text-emerald-900">
        <p>
          Created <strong>{form.name}</strong> (<span className="font-mono">{outcome.keyId}</span>)
          {form.planIds.length ? ` in ${form.planIds.length} usage plan${form.planIds.length > 1 ? 's' : ''}` : ''}.
        </p>
        <div className="flex gap-2">
          <button type="button" className={primaryButton} onClick={() => navigate(`/keys/${outcome.keyId}`)}>
            Open the key
          </button>
          <button type="button" className={secondaryButton} onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    );
  }

  if (reviewing) {
    const tags = parseTags(form.tags).tags;
    const requests = [
      {
        operation: 'CreateApiKey',
        input: {
          name: form.name.trim(),
          description: form.description.trim() || undefined,
          value: form.value ? '(the value you typed)' : undefined,
          enabled: form.enabled,
          customerId: form.customerId.trim() || undefined,
          tags: Object.keys(tags).length ? tags : undefined,
        },
      },
      ...form.planIds.map((usagePlanId) => ({ operation: 'CreateUsagePlanKey', input: { usagePlanId, keyId: '(the new key)', keyType: 'API_KEY' } })),
    ];
    return (
      <section aria-label="Review new key" className="space-y-3 rounded-md border border-indigo-200 bg-indigo-50/40 p-4">
        <h2 className="font-semibold text-slate-900">Review: create {form.name}</h2>
        <RequestPreview requests={requests} />
        {outcome && !outcome.ok && <ErrorPanel title={`${outcome.step} failed. ${outcome.undone}`} error={outcome.error} />}
        <div className="flex gap-2">
          <button type="button" className={primaryButton} disabled={busy} onClick={() => void create()}>
            {busy ? 'Creating…' : 'Create key'}
          </button>
          <button type="button" className={secondaryButton} disabled={busy} onClick={() => { setOutcome(null); setReviewing(false); }}>
            Back
          </button>
        </div>
      </section>
    );
  }

  return (
    <form aria-label="Create API key" noValidate onSubmit={review} className="grid grid-cols-1 gap-3 rounded-md border border-slate-200 bg-white p-4 text-sm md:grid-cols-2">
      <label>
        <span className="font-medium text-slate-800">Name</span>
        <input className={input} value={form.name} onChange={(e) => set({ name: e.target.value })} aria-invalid={errors.name ? true : undefined} />
        {errors.name && <span className="text-xs text-red-700">{errors.name}</span>}
      </label>
      <label>
        <span className="font-medium text-slate-800">Customer id (optional)</span>
        <input className={input} value={form.customerId} onChange={(e) => set({ customerId: e.target.value })} />
      </label>
      <label className="md:col-span-2">
        <span className="font-medium text-slate-800">Description (optional)</span>
        <input className={input} value={form.description} onChange={(e) => set({ description: e.target.value })} aria-invalid={errors.description ? true : undefined} />
        {errors.description && <span className="text-xs text-red-700">{errors.description}</span>}
      </label>
      <label>
        <span className="font-medium text-slate-800">Value (empty: AWS generates one)</span>
        <input className={`${input} font-mono`} type="password" autoComplete="off" value={form.value} onChange={(e) => set({ value: e.target.value })} aria-invalid={errors.value ? true : undefined} />
        {errors.value && <span className="text-xs text-red-700">{errors.value}</span>}
      </label>
      <label>
        <span className="font-medium text-slate-800">Tags, one key=value per line (optional)</span>
        <textarea className={`${input} font-mono`} rows={2} value={form.tags} onChange={(e) => set({ tags: e.target.value })} aria-invalid={errors.tags ? true : undefined} />
        {errors.tags && <span className="text-xs text-red-700">{errors.tags}</span>}
      </label>
      <fieldset className="md:col-span-2">
        <legend className="font-medium text-slate-800">Usage plans to join</legend>
        <div className="mt-1 flex max-h-40 flex-wrap gap-x-4 gap-y-1 overflow-auto">
          {plans.map((p) => (
            <label key={p.id} className="flex items-center gap-1">
              <input
                type="checkbox"
                checked={form.planIds.includes(p.id)}
                onChange={(e) => set({ planIds: e.target.checked ? [...form.planIds, p.id] : form.planIds.filter((x) => x !== p.id) })}
              />
              {p.name}
            </label>
          ))}
        </div>
        {errors.planIds && <span className="text-xs text-red-700">{errors.planIds}</span>}
      </fieldset>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={form.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
        Enabled (a disabled key is refused with 403)
      </label>
      <div className="md:col-span-2">
        <FormActions submitLabel="Review" onCancel={onClose} />
      </div>
    </form>
  );
}
