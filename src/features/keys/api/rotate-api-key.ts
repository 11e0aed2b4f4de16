import type { ConsoleConfig } from '../../../aws/config.js';
import { toAwsProblem } from '../../../aws/errors.js';
import type { ApiKey } from '../../../domain/api-key.js';
import { inheritedTags, isRotationTag, ROTATION_TAG, startTags, successorName, type Rotation, type RotationState } from '../../../domain/rotation.js';
import { createApiKey } from './create-api-key.js';
import { deleteApiKey } from './delete-api-key.js';
import { fetchApiKey } from './get-api-key.js';
import { findApiKeysByName } from './get-api-keys.js';
import { fetchPlansOfKey } from './get-usage-plans.js';
import { addKeyToPlan } from './create-usage-plan-key.js';
import { fetchUsage } from './get-usage.js';
import { setRemainingQuota } from './update-usage.js';
import { setApiKeyEnabled } from './update-api-key.js';
import { tagApiKey } from './tag-resource.js';
import { untagApiKey } from './untag-resource.js';

/**
 * Rotating a partner's key without ever cutting the partner off. The old key is never changed in a way
 * that affects traffic until the operator finishes the rotation: every step before that only creates the
 * successor, joins it to the old key's plans and carries the remaining quota over, and tags record where
 * it got to. Any failure undoes what was done (deleting the successor, restoring the old key's tags),
 * then checks that the old key is enabled and in every plan it was in.
 */
export interface StepEvent {
  step: string;
  status: 'running' | 'done' | 'failed' | 'undone' | 'skipped';
  detail?: string;
}

export interface RotationOutcome {
  oldKeyId: string;
  newKeyId?: string;
  result: 'overlap' | 'rolled-back' | 'rollback-incomplete' | 'finished';
  steps: StepEvent[];
  failedStep?: string;
  error?: unknown;
  /** After a roll-back: what the old key looks like now, checked by reading it again. */
  verified?: string;
  /** What a failed roll-back left behind, to be cleaned by hand. */
  leftover?: string[];
}

export interface RotateOptions {
  graceDays: number;
  now?: () => Date;
  onStep?: (e: StepEvent) => void;
}

const utcDay = (d: Date) => d.toISOString().slice(0, 10);

class Run {
  readonly steps: StepEvent[] = [];
  constructor(private readonly onStep?: (e: StepEvent) => void) {}
  emit(e: StepEvent) {
    const i = this.steps.findIndex((s) => s.step === e.step);
    if (i >= 0) this.steps[i] = e;
    else this.steps.push(e);
    this.onStep?.(e);
  }
  async step<T>(name: string, fn: () => Promise<T>, detail?: string): Promise<T> {
    this.emit({ step: name, status: 'running', detail });
    try {
      const out = await fn();
      this.emit({ step: name, status: 'done', detail });
      return out;
    } catch (e) {
      this.emit({ step: name, status: 'failed', detail: toAwsProblem(e).message });
      throw Object.assign(new Error(name), { step: name, cause: e });
    }
  }
}

/** Starts a rotation: marks the old key, then brings it to overlap. */
export async function rotateApiKey(config: ConsoleConfig, oldKeyId: string, opts: RotateOptions): Promise<RotationOutcome> {
  const now = (opts.now ?? (() => new Date()))();
  const graceEnds = new Date(now.getTime() + opts.graceDays * 86_400_000);
  const run = new Run(opts.onStep);
  const old = await fetchApiKey(config, oldKeyId);
  const state = old.tags[ROTATION_TAG.state];
  if (state && state !== 'finished') throw new Error(`${old.name} is already being rotated (${state}).`);
  if (old.tags[ROTATION_TAG.predecessor] && old.tags[ROTATION_TAG.state] !== 'finished') {
    throw new Error(`${old.name} is the successor in a rotation that has not finished.`);
  }
  if (!old.enabled) throw new Error(`${old.name} is disabled: there is no traffic to carry over, so it is not rotated.`);
  try {
    await run.step('Mark the old key as rotating', () => tagApiKey(config, old.id, startTags(now, graceEnds, 'starting')));
  } catch (e) {
    const undo = await rollBack(config, old, undefined, run);
    return { oldKeyId, steps: run.steps, failedStep: (e as { step?: string }).step, error: (e as { cause?: unknown }).cause, ...undo };
  }
  return advance(config, old, old, undefined, { now, graceEnds }, run);
}

/** Continues an interrupted rotation from wherever its keys show it got to. */
export async function resumeRotation(config: ConsoleConfig, rotation: Rotation, opts: Omit<RotateOptions, 'graceDays'> = {}): Promise<RotationOutcome> {
  const run = new Run(opts.onStep);
  const old = await fetchApiKey(config, rotation.oldKeyId);
  const now = rotation.started ?? (opts.now ?? (() => new Date()))();
  const graceEnds = rotation.graceEnds ?? new Date(now.getTime() + 7 * 86_400_000);
  // Rolling back a resumed rotation restores the old key's tags without the rotation's.
  return advance(config, old, { ...old, tags: inheritedTags(old.tags) }, rotation.newKeyId, { now, graceEnds }, run);
}

async function advance(
  config: ConsoleConfig,
  old: ApiKey,
  restoreTo: ApiKey,
  existingNewKeyId: string | undefined,
  when: { now: Date; graceEnds: Date },
  run: Run,
): Promise<RotationOutcome> {
  let newKeyId = existingNewKeyId;
  try {
    const plans = await run.step('Read the old key’s usage plans', () => fetchPlansOfKey(config, old.id));
    if (!newKeyId) {
      const created = await run.step('Create the successor key', () =>
        createApiKey(config, {
          name: successorName(old.name, when.now),
          description: old.description,
          enabled: true,
          customerId: old.customerId,
          tags: { ...inheritedTags(old.tags), [ROTATION_TAG.predecessor]: old.id, ...startTags(when.now, when.graceEnds, 'created') },
        }),
      );
      newKeyId = created.id;
    }
    const successor = newKeyId;
    await run.step('Record the successor on the old key', () => tagApiKey(config, old.id, { [ROTATION_TAG.successor]: successor, [ROTATION_TAG.state]: 'created' }));

    const joined = new Set((await fetchPlansOfKey(config, successor)).map((p) => p.id));
    for (const [i, plan] of plans.entries()) {
      const name = `Join plan ${i + 1} of ${plans.length} (${plan.name})`;
      if (joined.has(plan.id)) run.emit({ step: name, status: 'skipped', detail: 'already joined' });
      else await run.step(name, () => addKeyToPlan(config, plan.id, successor));
    }
    await run.step('Record that the successor is in every plan', () => tagApiKey(config, old.id, { [ROTATION_TAG.state]: 'joined' }));

    const today = utcDay(new Date());
    for (const plan of plans.filter((p) => p.quota)) {
      await run.step(`Carry the remaining quota over (${plan.name})`, async () => {
        const usage = await fetchUsage(config, plan.id, today, today, old.id);
        const days = usage.get(old.id) ?? [];
        const remaining = days.at(-1)?.remaining ?? plan.quota!.limit;
        await setRemainingQuota(config, plan.id, successor, remaining);
      });
    }
    await run.step('Open the overlap: both keys work', async () => {
      await tagApiKey(config, old.id, { [ROTATION_TAG.state]: 'overlap' });
      await tagApiKey(config, successor, { [ROTATION_TAG.state]: 'overlap' });
    });
    return { oldKeyId: old.id, newKeyId: successor, result: 'overlap', steps: run.steps };
  } catch (e) {
    const failedStep = (e as { step?: string }).step;
    const error = (e as { cause?: unknown }).cause ?? e;
    const undo = await rollBack(config, restoreTo, newKeyId, run);
    return { oldKeyId: old.id, newKeyId, steps: run.steps, failedStep, error, ...undo };
  }
}

/**
 * Undoes a rotation that has not finished: deletes the successor (which takes it out of every plan) and
 * puts the old key's tags back as they were, then reads the old key to confirm it works as before.
 */
async function rollBack(config: ConsoleConfig, old: ApiKey, newKeyId: string | undefined, run: Run): Promise<Pick<RotationOutcome, 'result' | 'verified' | 'leftover'>> {
  const leftover: string[] = [];
  if (newKeyId) {
    try {
      await run.step('Undo: delete the successor key', () => deleteApiKey(config, newKeyId));
    } catch {
      leftover.push(`Successor key ${newKeyId} still exists (enabled, in some of the old key's plans): delete it.`);
    }
  }
  try {
    await run.step('Undo: restore the old key’s tags', async () => {
      const current = await fetchApiKey(config, old.id);
      await untagApiKey(config, old.id, Object.keys(current.tags).filter(isRotationTag));
      const before = Object.fromEntries(Object.entries(old.tags).filter(([k]) => isRotationTag(k)));
      if (Object.keys(before).length) await tagApiKey(config, old.id, before);
    });
  } catch {
    leftover.push(`Old key ${old.id} still carries rotation tags (${Object.values(ROTATION_TAG).join(', ')}): remove them.`);
  }
  let verified: string | undefined;
  try {
    const [now, plans] = await Promise.all([fetchApiKey(config, old.id), fetchPlansOfKey(config, old.id)]);
    verified = `${now.name} is ${now.enabled ? 'enabled' : 'DISABLED'} and in ${plans.length} usage plan${plans.length === 1 ? '' : 's'}: ${plans.map((p) => p.name).join(', ') || 'none'}.`;
  } catch (e) {
    verified = `The old key could not be read back: ${toAwsProblem(e).message}`;
  }
  return { result: leftover.length ? 'rollback-incomplete' : 'rolled-back', verified, leftover: leftover.length ? leftover : undefined };
}

/** Rolls back an interrupted rotation found from its tags. */
export async function rollBackRotation(config: ConsoleConfig, rotation: Rotation, onStep?: (e: StepEvent) => void): Promise<RotationOutcome> {
  const run = new Run(onStep);
  const old = await fetchApiKey(config, rotation.oldKeyId);
  // The tags to restore are the ones the old key had before the rotation: none of the rotation's.
  const before: ApiKey = { ...old, tags: inheritedTags(old.tags) };
  const undo = await rollBack(config, before, rotation.newKeyId, run);
  return { oldKeyId: old.id, newKeyId: rotation.newKeyId, steps: run.steps, ...undo };
}

/**
 * Ends the overlap: disables (or deletes) the old key. Refused unless the successor is enabled and in
 * every plan the old key is in, so finishing can never cut a partner off.
 */
export async function finishRotation(config: ConsoleConfig, rotation: Rotation, mode: 'disable' | 'delete', onStep?: (e: StepEvent) => void): Promise<RotationOutcome> {
  const run = new Run(onStep);
  const newKeyId = rotation.newKeyId;
  try {
    if (!newKeyId) throw Object.assign(new Error('no successor'), { step: 'Check the successor', cause: new Error('This rotation has no successor key.') });
    await run.step('Check the successor works in every plan of the old key', async () => {
      const [successor, oldPlans, newPlans] = await Promise.all([fetchApiKey(config, newKeyId), fetchPlansOfKey(config, rotation.oldKeyId), fetchPlansOfKey(config, newKeyId)]);
      if (!successor.enabled) throw new Error(`The successor ${successor.name} is disabled.`);
      const missing = oldPlans.filter((p) => !newPlans.some((n) => n.id === p.id));
      if (missing.length) throw new Error(`The successor is not in ${missing.map((p) => p.name).join(', ')}.`);
    });
    if (mode === 'delete') {
      await run.step('Delete the old key', () => deleteApiKey(config, rotation.oldKeyId));
    } else {
      await run.step('Disable the old key', () => setApiKeyEnabled(config, rotation.oldKeyId, false));
      await run.step('Record the end on the old key', () => tagApiKey(config, rotation.oldKeyId, { [ROTATION_TAG.state]: 'finished' }));
    }
    await run.step('Record the end on the successor', () => tagApiKey(config, newKeyId, { [ROTATION_TAG.state]: 'finished' }));
    return { oldKeyId: rotation.oldKeyId, newKeyId, result: 'finished', steps: run.steps };
  } catch (e) {
    // Once the old key is off, only the record on the tags is missing: the rotation is over in effect, and
    // finishing again (disable is idempotent; a deleted key ends the rotation by itself) writes the record.
    const off = run.steps.some((s) => s.status === 'done' && (s.step === 'Delete the old key' || s.step === 'Disable the old key'));
    return { oldKeyId: rotation.oldKeyId, newKeyId, result: off ? 'finished' : 'overlap', steps: run.steps, failedStep: (e as { step?: string }).step, error: (e as { cause?: unknown }).cause ?? e };
  }
}

/**
 * Rotates a key, or carries on with the rotation it is already in: what a bulk job does for an item it
 * was running when the page went away. The successor is found from the old key's tag or, if that tag
 * was never written, by its deterministic name and its predecessor tag.
 */
export async function rotateOrResume(config: ConsoleConfig, keyId: string, opts: RotateOptions): Promise<RotationOutcome> {
  const old = await fetchApiKey(config, keyId);
  const state = old.tags[ROTATION_TAG.state] as RotationState | undefined;
  if (!state || state === 'finished') return rotateApiKey(config, keyId, opts);
  const started = old.tags[ROTATION_TAG.started] ? new Date(old.tags[ROTATION_TAG.started]!) : undefined;
  let newKeyId = old.tags[ROTATION_TAG.successor];
  if (!newKeyId && started) {
    const candidates = await findApiKeysByName(config, successorName(old.name, started));
    newKeyId = candidates.find((k) => k.tags[ROTATION_TAG.predecessor] === old.id)?.id;
  }
  if (state === 'overlap') return { oldKeyId: old.id, newKeyId, result: 'overlap', steps: [] };
  const graceEnds = old.tags[ROTATION_TAG.graceEnds] ? new Date(old.tags[ROTATION_TAG.graceEnds]!) : undefined;
  return resumeRotation(config, { oldKeyId: old.id, oldKeyName: old.name, newKeyId, state, started, graceEnds }, opts);
}
