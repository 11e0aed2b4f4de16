import type { ApiKey } from './api-key.js';

/**
 * Partner key rotation, recorded on the keys themselves as tags so any console, anywhere, sees a
 * rotation without a database of ours. The old key carries the rotation's state and its successor;
 * the successor carries its predecessor from the moment it exists.
 */
export const ROTATION_TAG = {
  state: 'gwc:rotation:state',
  successor: 'gwc:rotation:successor',
  predecessor: 'gwc:rotation:predecessor',
  started: 'gwc:rotation:started',
  graceEnds: 'gwc:rotation:grace-ends',
} as const;

const ROTATION_KEYS: readonly string[] = Object.values(ROTATION_TAG);

/**
 * starting: the old key is marked; created: the successor exists; joined: it is in every plan of the old
 * key; overlap: quotas carried over, both keys work; finished: the old key is disabled or deleted.
 */
export type RotationState = 'starting' | 'created' | 'joined' | 'overlap' | 'finished';
const STATES: readonly RotationState[] = ['starting', 'created', 'joined', 'overlap', 'finished'];

export interface Rotation {
  oldKeyId: string;
  oldKeyName?: string;
  newKeyId?: string;
  state: RotationState;
  started?: Date;
  graceEnds?: Date;
}

export type RotationStatus =
  /** Steps remain and nobody is running them: resume or roll back. */
  | 'interrupted'
  /** Steps remain and it started a moment ago: probably running in another console. */
  | 'running-elsewhere'
  | 'overlap'
  /** The grace period has ended: the old key is due to be disabled. */
  | 'due'
  | 'finished';

/** A rotation that started this long ago and has not reached overlap was interrupted. */
export const INTERRUPTED_AFTER_MS = 2 * 60 * 1000;

export function isRotationTag(key: string): boolean {
  return ROTATION_KEYS.includes(key);
}

/** The key's own tags, without rotation bookkeeping: what a successor inherits. */
export function inheritedTags(tags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).filter(([k]) => !isRotationTag(k)));
}

/** `partner-acme-2026` -> `partner-acme-2026-rotated-20261121`; a second rotation replaces the suffix. */
export function successorName(name: string, at: Date): string {
  const stamp = at.toISOString().slice(0, 10).replace(/-/g, '');
  const base = name.replace(/-rotated-\d{8}$/, '');
  return `${base}-rotated-${stamp}`.slice(0, 1024);
}

export function startTags(at: Date, graceEnds: Date, state: RotationState): Record<string, string> {
  return { [ROTATION_TAG.state]: state, [ROTATION_TAG.started]: at.toISOString(), [ROTATION_TAG.graceEnds]: graceEnds.toISOString() };
}

function parseDate(v: string | undefined): Date | undefined {
  if (!v) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Every rotation visible in a key list: from the old keys' tags, completed by the successors' tags. */
export function findRotations(keys: readonly ApiKey[]): Rotation[] {
  const byId = new Map(keys.map((k) => [k.id, k]));
  const rotations = new Map<string, Rotation>();
  for (const k of keys) {
    const state = k.tags[ROTATION_TAG.state] as RotationState | undefined;
    if (state && STATES.includes(state) && !k.tags[ROTATION_TAG.predecessor]) {
      rotations.set(k.id, {
        oldKeyId: k.id,
        oldKeyName: k.name,
        newKeyId: k.tags[ROTATION_TAG.successor],
        state,
        started: parseDate(k.tags[ROTATION_TAG.started]),
        graceEnds: parseDate(k.tags[ROTATION_TAG.graceEnds]),
      });
    }
  }
  // A successor created just before an interruption may not be on its predecessor's tags yet.
  for (const k of keys) {
    const oldId = k.tags[ROTATION_TAG.predecessor];
    if (!oldId) continue;
    const r = rotations.get(oldId);
    if (r && !r.newKeyId) r.newKeyId = k.id;
    if (!r && !byId.has(oldId)) {
      // The old key was deleted when the rotation finished: the successor alone remembers it.
      rotations.set(oldId, { oldKeyId: oldId, newKeyId: k.id, state: 'finished', started: parseDate(k.tags[ROTATION_TAG.started]) });
    }
  }
  return [...rotations.values()];
}

export function rotationStatus(r: Rotation, now: Date): RotationStatus {
  if (r.state === 'finished') return 'finished';
  if (r.state === 'overlap') return r.graceEnds && r.graceEnds.getTime() <= now.getTime() ? 'due' : 'overlap';
  const age = r.started ? now.getTime() - r.started.getTime() : Infinity;
  return age < INTERRUPTED_AFTER_MS ? 'running-elsewhere' : 'interrupted';
}
