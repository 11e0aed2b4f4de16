import type { PatchOperation } from '@aws-sdk/client-api-gateway';
import type { RouteSettings } from '@aws-sdk/client-apigatewayv2';
import { restPatchPrefix, restSettingLabel, STAGE_DEFAULT } from './method-target.js';
import { otherSettingsOf, type Canary, type StageSettings, type TargetSettings } from './stage-settings.js';
import type { Limits } from './throttle-rules.js';

/**
 * A change to a stage, computed before anything is sent: what an operator asked for (a StageEdit), the
 * exact field-by-field difference it makes (before -> after), the exact requests that make it (REST patch
 * operations, or a v2 UpdateStage input plus DeleteRouteSettings calls), the check that nothing it touches
 * changed underneath, and the edit that undoes it.
 */
export interface StageEdit {
  deploymentId?: string;
  /** The full desired set of stage variables. */
  variables?: Record<string, string>;
  /** The desired stage default and the full desired set of throttling overrides, by target. */
  throttle?: { defaults?: Limits; overrides: Record<string, Limits> };
  /** Canary: new percentage and overrides, or null to cancel it. Creating one is a deployment. */
  canary?: Pick<Canary, 'percentTraffic' | 'variableOverrides'> | null;
}

export type Field =
  | { kind: 'deployment' }
  | { kind: 'variable'; name: string }
  | { kind: 'override'; target: string }
  | { kind: 'throttle'; target: string; limit: 'rate' | 'burst' }
  | { kind: 'canary' }
  | { kind: 'canary-percent' }
  | { kind: 'canary-override'; name: string };

export type Value = string | number | undefined;

export interface FieldChange {
  field: Field;
  label: string;
  before: Value;
  after: Value;
  /** Said next to the change in the preview: what else it takes along, what it means. */
  note?: string;
}

export function targetLabel(api: StageSettings['api'], target: string): string {
  if (target === STAGE_DEFAULT) return 'Stage default';
  return api === 'rest' ? restSettingLabel(target) : target;
}

export function fieldLabel(api: StageSettings['api'], f: Field): string {
  switch (f.kind) {
    case 'deployment':
      return 'Deployment';
    case 'variable':
      return `Stage variable ${f.name}`;
    case 'override':
      return `Throttling override for ${targetLabel(api, f.target)}`;
    case 'throttle':
      return `${targetLabel(api, f.target)}: ${f.limit === 'rate' ? 'rate (requests/s)' : 'burst (requests)'}`;
    case 'canary':
      return 'Canary';
    case 'canary-percent':
      return 'Canary traffic (%)';
    case 'canary-override':
      return `Canary override of stage variable ${f.name}`;
  }
}

export function readField(s: StageSettings, f: Field): Value {
  switch (f.kind) {
    case 'deployment':
      return s.deploymentId;
    case 'variable':
      return s.variables[f.name];
    case 'override':
      return s.overrides[f.target]?.throttle ? 'set' : undefined;
    case 'throttle': {
      const t = f.target === STAGE_DEFAULT ? s.defaults : s.overrides[f.target];
      return t?.throttle?.[f.limit];
    }
    case 'canary':
      return s.canary ? 'on' : undefined;
    case 'canary-percent':
      return s.canary?.percentTraffic;
    case 'canary-override':
      return s.canary?.variableOverrides[f.name];
  }
}

/** The stage as it would be after the edit (only what the edit names changes). */
export function applyEdit(s: StageSettings, edit: StageEdit): StageSettings {
  const next: StageSettings = { ...s, variables: { ...s.variables }, overrides: { ...s.overrides }, defaults: { ...s.defaults } };
  if (edit.deploymentId !== undefined) next.deploymentId = edit.deploymentId;
  if (edit.variables) next.variables = { ...edit.variables };
  if (edit.throttle) {
    if (edit.throttle.defaults) next.defaults = { ...s.defaults, throttle: { ...edit.throttle.defaults } };
    for (const [target, t] of Object.entries(s.overrides)) {
      if (t.throttle && !(target in edit.throttle.overrides)) delete next.overrides[target];
    }
    for (const [target, limits] of Object.entries(edit.throttle.overrides)) {
      next.overrides[target] = { ...(s.overrides[target] ?? { target }), throttle: { ...limits } };
    }
  }
  if (edit.canary === null) next.canary = undefined;
  else if (edit.canary && s.canary) next.canary = { ...s.canary, ...edit.canary, variableOverrides: { ...edit.canary.variableOverrides } };
  return next;
}

function fieldsOf(s: StageSettings): Field[] {
  const fields: Field[] = [{ kind: 'deployment' }];
  for (const name of Object.keys(s.variables)) fields.push({ kind: 'variable', name });
  const targets = [STAGE_DEFAULT, ...Object.keys(s.overrides).filter((t) => s.overrides[t]?.throttle)];
  for (const target of targets) {
    if (target !== STAGE_DEFAULT) fields.push({ kind: 'override', target });
    fields.push({ kind: 'throttle', target, limit: 'rate' }, { kind: 'throttle', target, limit: 'burst' });
  }
  if (s.canary) {
    fields.push({ kind: 'canary' }, { kind: 'canary-percent' });
    for (const name of Object.keys(s.canary.variableOverrides)) fields.push({ kind: 'canary-override', name });
  }
  return fields;
}

const fieldKey = (f: Field) => JSON.stringify(f);

const GROUP: Record<Field['kind'], number> = {
  deployment: 0,
  variable: 1,
  override: 2,
  throttle: 2,
  canary: 3,
  'canary-percent': 3,
  'canary-override': 3,
};

/** Every field whose value differs between two states of a stage, in a stable, readable order. */
export function diffStages(before: StageSettings, after: StageSettings): FieldChange[] {
  const seen = new Set<string>();
  const changes: FieldChange[] = [];
  const fields = [...fieldsOf(before), ...fieldsOf(after)].filter((f) => {
    const key = fieldKey(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // Grouped as the stage page is (deployment, variables, throttling, canary); stable within a group.
  fields.sort((a, b) => GROUP[a.kind] - GROUP[b.kind]);
  for (const field of fields) {
    const b = readField(before, field);
    const a = readField(after, field);
    if (b === a) continue;
    const change: FieldChange = { field, label: fieldLabel(before.api, field), before: b, after: a };
    if (field.kind === 'override' && a === undefined) {
      const lost = otherSettingsOf(before.overrides[field.target] as TargetSettings, before.defaults);
      change.note = `Requests fall back to the stage default.${lost.length ? ` This also removes: ${lost.join(', ')}.` : ''}`;
    }
    changes.push(change);
  }
  return changes;
}

export function planStageChange(current: StageSettings, edit: StageEdit): FieldChange[] {
  return diffStages(current, applyEdit(current, edit));
}

/** REST UpdateStage patch operations for a set of changes (one request, applied atomically by AWS). */
export function restPatchOperations(changes: readonly FieldChange[]): PatchOperation[] {
  const removedTargets = new Set(changes.filter((c) => c.field.kind === 'override' && c.after === undefined).map((c) => (c.field as { target: string }).target));
  const canaryRemoved = changes.some((c) => c.field.kind === 'canary' && c.after === undefined);
  const ops: PatchOperation[] = [];
  for (const c of changes) {
    const f = c.field;
    switch (f.kind) {
      case 'deployment':
        ops.push({ op: 'replace', path: '/deploymentId', value: String(c.after) });
        break;
      case 'variable':
        ops.push(c.after === undefined ? { op: 'remove', path: `/variables/${f.name}` } : { op: 'replace', path: `/variables/${f.name}`, value: String(c.after) });
        break;
      case 'override':
        if (c.after === undefined) ops.push({ op: 'remove', path: restPatchPrefix(f.target) });
        break;
      case 'throttle':
        if (removedTargets.has(f.target) || c.after === undefined) break;
        ops.push({ op: 'replace', path: `${restPatchPrefix(f.target)}/throttling/${f.limit === 'rate' ? 'rateLimit' : 'burstLimit'}`, value: String(c.after) });
        break;
      case 'canary':
        if (c.after === undefined) ops.push({ op: 'remove', path: '/canarySettings' });
        else throw new Error('A canary is created by deploying to it, not by updating the stage.');
        break;
      case 'canary-percent':
        if (!canaryRemoved) ops.push({ op: 'replace', path: '/canarySettings/percentTraffic', value: String(c.after) });
        break;
      case 'canary-override':
        if (canaryRemoved) break;
        ops.push(
          c.after === undefined
            ? { op: 'remove', path: `/canarySettings/stageVariableOverrides/${f.name}` }
            : { op: 'replace', path: `/canarySettings/stageVariableOverrides/${f.name}`, value: String(c.after) },
        );
        break;
    }
  }
  return ops;
}

export interface V2StageRequests {
  /** UpdateStage fields besides ApiId and StageName; undefined when nothing but deletions is needed. */
  update?: {
    DeploymentId?: string;
    StageVariables?: Record<string, string>;
    DefaultRouteSettings?: RouteSettings;
    RouteSettings?: Record<string, RouteSettings>;
  };
  /** Route keys whose settings go (DeleteRouteSettings, one call each, after the update). */
  deleteRouteSettings: string[];
}

function toRouteSettings(t: TargetSettings, limits: Limits): RouteSettings {
  // Sent whole, with the other settings as they are, so a replace-or-merge update keeps them either way.
  return {
    ...(t.metrics !== undefined ? { DetailedMetricsEnabled: t.metrics } : {}),
    ...(t.loggingLevel !== undefined ? { LoggingLevel: t.loggingLevel as RouteSettings['LoggingLevel'] } : {}),
    ...(t.dataTrace !== undefined ? { DataTraceEnabled: t.dataTrace } : {}),
    ThrottlingRateLimit: limits.rate,
    ThrottlingBurstLimit: limits.burst,
  };
}

/**
 * v2 requests that take the stage to `after`: one UpdateStage with whole structures (so a service that
 * replaces rather than merges them keeps every other setting), then DeleteRouteSettings per removal.
 */
export function v2StageRequests(after: StageSettings, changes: readonly FieldChange[]): V2StageRequests {
  const update: NonNullable<V2StageRequests['update']> = {};
  const deleteRouteSettings: string[] = [];
  const touchedTargets = new Set<string>();
  for (const c of changes) {
    const f = c.field;
    if (f.kind === 'deployment') update.DeploymentId = String(c.after);
    // v2 merges stage variables by name; an empty value is how one is removed.
    else if (f.kind === 'variable') (update.StageVariables ??= {})[f.name] = c.after === undefined ? '' : String(c.after);
    else if (f.kind === 'override' && c.after === undefined) deleteRouteSettings.push(f.target);
    else if (f.kind === 'throttle' || f.kind === 'override') touchedTargets.add(f.target);
    else throw new Error('HTTP and WebSocket APIs have no canary.');
  }
  for (const target of touchedTargets) {
    if (deleteRouteSettings.includes(target)) continue;
    const t = target === STAGE_DEFAULT ? after.defaults : after.overrides[target];
    if (!t?.throttle) continue;
    if (target === STAGE_DEFAULT) update.DefaultRouteSettings = toRouteSettings(t, t.throttle);
    else (update.RouteSettings ??= {})[target] = toRouteSettings(t, t.throttle);
  }
  return { update: Object.keys(update).length ? update : undefined, deleteRouteSettings };
}

/**
 * The edit that puts back, from `before`, every kind of setting a change touched (deployment, variables,
 * throttling, canary). Planned against the state after the change, it is that change's undo.
 */
export function restoreEdit(before: StageSettings, changes: readonly FieldChange[]): StageEdit {
  const kinds = new Set(changes.map((c) => c.field.kind));
  const edit: StageEdit = {};
  if (kinds.has('deployment') && before.deploymentId) edit.deploymentId = before.deploymentId;
  if (kinds.has('variable')) edit.variables = { ...before.variables };
  if (kinds.has('throttle') || kinds.has('override')) {
    const overrides: Record<string, Limits> = {};
    for (const [t, s] of Object.entries(before.overrides)) if (s.throttle) overrides[t] = { ...s.throttle };
    edit.throttle = { defaults: before.defaults.throttle ? { ...before.defaults.throttle } : undefined, overrides };
  }
  if (kinds.has('canary') || kinds.has('canary-percent') || kinds.has('canary-override')) {
    edit.canary = before.canary ? { percentTraffic: before.canary.percentTraffic, variableOverrides: { ...before.canary.variableOverrides } } : null;
  }
  return edit;
}

export interface Drift {
  label: string;
  whenOpened: Value;
  now: Value;
}

/** Fields this change touches whose value moved since the form opened: applying would overwrite them blind. */
export function driftSince(opened: StageSettings, now: StageSettings, changes: readonly FieldChange[]): Drift[] {
  const out: Drift[] = [];
  for (const c of changes) {
    const a = readField(opened, c.field);
    const b = readField(now, c.field);
    if (a !== b) out.push({ label: c.label, whenOpened: a, now: b });
  }
  return out;
}

/** Whether a change can be undone by another stage update (a cancelled canary needs a new deployment). */
export function isUndoable(changes: readonly FieldChange[]): boolean {
  return !changes.some((c) => c.field.kind === 'canary' && c.after === undefined);
}
