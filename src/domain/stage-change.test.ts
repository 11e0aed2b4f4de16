import { describe, expect, it } from 'vitest';
import { fromRestStageSettings, fromV2StageSettings } from './stage-settings.js';
import { applyEdit, driftSince, isUndoable, planStageChange, restoreEdit, restPatchOperations, v2StageRequests } from './stage-change.js';
import { restPatchPrefix, restSettingKey, restSettingLabel } from './method-target.js';
import { blocksTraffic, validateLimits, V2_ACCOUNT_LIMITS } from './throttle-rules.js';

const ms = (rate: number, burst: number, extra: object = {}) => ({
  throttlingRateLimit: rate,
  throttlingBurstLimit: burst,
  metricsEnabled: false,
  loggingLevel: 'OFF',
  dataTraceEnabled: false,
  cachingEnabled: false,
  ...extra,
});

const rest = fromRestStageSettings({
  stageName: 'prod',
  deploymentId: 'dep1',
  variables: { backend: 'blue', mode: 'live' },
  methodSettings: {
    '*/*': ms(1000, 500),
    'pets/GET': ms(100, 50),
    'pets/{petId}/DELETE': ms(10, 5, { metricsEnabled: true, loggingLevel: 'INFO' }),
  },
  canarySettings: { deploymentId: 'dep2', percentTraffic: 10, stageVariableOverrides: { backend: 'green' } },
});

describe('method targets', () => {
  it('encodes resource paths as JSON-pointer segments and reads them back', () => {
    expect(restSettingKey('/pets/{petId}', 'DELETE')).toBe('pets/{petId}/DELETE');
    expect(restPatchPrefix('pets/{petId}/DELETE')).toBe('/~1pets~1{petId}/DELETE');
    expect(restPatchPrefix('*/*')).toBe('/*/*');
    expect(restPatchPrefix(restSettingKey('/', 'GET'))).toBe('/~1/GET');
    expect(restSettingLabel('pets/GET')).toBe('GET /pets');
  });
});

describe('throttle validation', () => {
  const account = { rate: 10000, burst: 5000 };
  it('accepts numbers within the account limits', () => {
    expect(validateLimits({ rate: '12.5', burst: '20' }, account)).toEqual({ value: { rate: 12.5, burst: 20 }, errors: {} });
  });
  it('names the field and the rule', () => {
    expect(validateLimits({ rate: '-1', burst: '2.5' }, account).errors).toEqual({
      rate: 'Rate must be a non-negative number, such as 100 or 12.5.',
      burst: 'Burst must be a non-negative whole number.',
    });
    expect(validateLimits({ rate: '20000', burst: '6000' }, V2_ACCOUNT_LIMITS).errors).toEqual({
      rate: "Rate must be at most 10,000, the account's limit.",
      burst: "Burst must be at most 5,000, the account's limit.",
    });
    expect(validateLimits({ rate: '', burst: ' ' }, account).errors).toEqual({ rate: 'Rate is required.', burst: 'Burst is required.' });
  });
  it('flags a zero limit as blocking traffic', () => {
    expect(blocksTraffic({ rate: 0, burst: 10 })).toBe(true);
    expect(blocksTraffic({ rate: 1, burst: 1 })).toBe(false);
  });
});

describe('REST stage changes', () => {
  it('turns throttling edits into exact patch operations', () => {
    const changes = planStageChange(rest, {
      throttle: {
        defaults: { rate: 2000, burst: 500 },
        overrides: { 'pets/GET': { rate: 100, burst: 80 }, 'orders/POST': { rate: 5, burst: 5 } },
      },
    });
    expect(changes.map((c) => [c.label, c.before, c.after])).toEqual([
      ['Stage default: rate (requests/s)', 1000, 2000],
      ['GET /pets: burst (requests)', 50, 80],
      ['Throttling override for DELETE /pets/{petId}', 'set', undefined],
      ['DELETE /pets/{petId}: rate (requests/s)', 10, undefined],
      ['DELETE /pets/{petId}: burst (requests)', 5, undefined],
      ['Throttling override for POST /orders', undefined, 'set'],
      ['POST /orders: rate (requests/s)', undefined, 5],
      ['POST /orders: burst (requests)', undefined, 5],
    ]);
    expect(changes[2]!.note).toBe('Requests fall back to the stage default. This also removes: detailed metrics on, logging INFO.');
    expect(restPatchOperations(changes)).toEqual([
      { op: 'replace', path: '/*/*/throttling/rateLimit', value: '2000' },
      { op: 'replace', path: '/~1pets/GET/throttling/burstLimit', value: '80' },
      { op: 'remove', path: '/~1pets~1{petId}/DELETE' },
      { op: 'replace', path: '/~1orders/POST/throttling/rateLimit', value: '5' },
      { op: 'replace', path: '/~1orders/POST/throttling/burstLimit', value: '5' },
    ]);
  });

  it('adds, changes and removes stage variables, and rolls back the deployment', () => {
    const changes = planStageChange(rest, { deploymentId: 'dep0', variables: { backend: 'green', region: 'eu' } });
    expect(restPatchOperations(changes)).toEqual([
      { op: 'replace', path: '/deploymentId', value: 'dep0' },
      { op: 'replace', path: '/variables/backend', value: 'green' },
      { op: 'remove', path: '/variables/mode' },
      { op: 'replace', path: '/variables/region', value: 'eu' },
    ]);
  });

  it('changes the canary percentage, and cancels it as one removal', () => {
    expect(restPatchOperations(planStageChange(rest, { canary: { percentTraffic: 25, variableOverrides: { backend: 'green' } } }))).toEqual([
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '25' },
    ]);
    const cancel = planStageChange(rest, { canary: null });
    expect(restPatchOperations(cancel)).toEqual([{ op: 'remove', path: '/canarySettings' }]);
    expect(isUndoable(cancel)).toBe(false);
  });

  it('undoes a change with the inverse change', () => {
    const edit = { throttle: { defaults: { rate: 1000, burst: 500 }, overrides: { 'pets/GET': { rate: 0, burst: 0 } } }, variables: { backend: 'blue' } };
    const changes = planStageChange(rest, edit);
    const after = applyEdit(rest, edit);
    const undo = planStageChange(after, restoreEdit(rest, changes));
    expect(restPatchOperations(undo)).toEqual([
      { op: 'replace', path: '/variables/mode', value: 'live' },
      { op: 'replace', path: '/~1pets/GET/throttling/rateLimit', value: '100' },
      { op: 'replace', path: '/~1pets/GET/throttling/burstLimit', value: '50' },
      { op: 'replace', path: '/~1pets~1{petId}/DELETE/throttling/rateLimit', value: '10' },
      { op: 'replace', path: '/~1pets~1{petId}/DELETE/throttling/burstLimit', value: '5' },
    ]);
    expect(applyEdit(after, restoreEdit(rest, changes)).variables).toEqual(rest.variables);
  });

  it('reports the touched fields that changed underneath, and only those', () => {
    const changes = planStageChange(rest, { throttle: { defaults: { rate: 5, burst: 5 }, overrides: { 'pets/GET': { rate: 100, burst: 50 }, 'pets/{petId}/DELETE': { rate: 10, burst: 5 } } } });
    const meanwhile = applyEdit(rest, { variables: { other: 'x' }, throttle: { defaults: { rate: 900, burst: 500 }, overrides: { 'pets/GET': { rate: 100, burst: 50 }, 'pets/{petId}/DELETE': { rate: 10, burst: 5 } } } });
    expect(driftSince(rest, meanwhile, changes)).toEqual([{ label: 'Stage default: rate (requests/s)', whenOpened: 1000, now: 900 }]);
    expect(driftSince(rest, rest, changes)).toEqual([]);
  });
});

describe('v2 stage changes', () => {
  const v2 = fromV2StageSettings({
    StageName: 'prod',
    DeploymentId: 'd1',
    StageVariables: { a: '1' },
    DefaultRouteSettings: { ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000, DetailedMetricsEnabled: true },
    RouteSettings: {
      'POST /orders': { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100, DetailedMetricsEnabled: false },
      'GET /health': { DetailedMetricsEnabled: true },
    },
  });

  it('sends whole route settings, changed variables (empty removes), and deletes removed overrides separately', () => {
    const edit = { throttle: { defaults: { rate: 600, burst: 1000 }, overrides: { 'GET /orders': { rate: 20, burst: 40 } } }, variables: { b: '2' } };
    const changes = planStageChange(v2, edit);
    expect(v2StageRequests(applyEdit(v2, edit), changes)).toEqual({
      update: {
        DefaultRouteSettings: { DetailedMetricsEnabled: true, ThrottlingRateLimit: 600, ThrottlingBurstLimit: 1000 },
        RouteSettings: { 'GET /orders': { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 } },
        StageVariables: { a: '', b: '2' },
      },
      deleteRouteSettings: ['POST /orders'],
    });
  });

  it('leaves route settings without throttling out of the throttling editor', () => {
    const changes = planStageChange(v2, { throttle: { defaults: { rate: 500, burst: 1000 }, overrides: { 'POST /orders': { rate: 50, burst: 100 } } } });
    expect(changes).toEqual([]);
  });
});
