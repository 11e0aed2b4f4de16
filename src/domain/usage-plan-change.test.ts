import { describe, expect, it } from 'vitest';
import {
  createPlanInput,
  deletePlanRequests,
  diffPlans,
  inputFromPlan,
  invertChanges,
  methodLabel,
  methodThrottlePath,
  planDriftSince,
  planPatchOperations,
  validatePlanInput,
  type PlanInput,
  type PlanSettings,
} from './usage-plan-change.js';
import { fromSdkUsagePlan, type UsagePlan } from './usage-plan.js';

const gold: UsagePlan = fromSdkUsagePlan({
  id: 'plan1',
  name: 'Gold',
  description: 'Signed partners',
  throttle: { rateLimit: 250, burstLimit: 500 },
  quota: { limit: 1_000_000, period: 'MONTH', offset: 0 },
  apiStages: [
    { apiId: 'api1', stage: 'prod', throttle: { '/orders/POST': { rateLimit: 50, burstLimit: 100 } } },
    { apiId: 'api2', stage: 'prod' },
  ],
});

const edit = (p: PlanSettings, patch: Partial<PlanSettings>): PlanSettings => ({ ...p, ...patch });
const ops = (before: PlanSettings, after: PlanSettings) => planPatchOperations(diffPlans(before, after));

describe('method keys', () => {
  it('writes the resource path as one JSON-pointer segment in patch paths', () => {
    expect(methodThrottlePath('api1', 'prod', '/pets/GET')).toBe('/apiStages/api1:prod/throttle/~1pets/GET');
    expect(methodThrottlePath('api1', 'prod', '/pets/{petId}/DELETE')).toBe('/apiStages/api1:prod/throttle/~1pets~1{petId}/DELETE');
    expect(methodThrottlePath('api1', 'prod', '//GET')).toBe('/apiStages/api1:prod/throttle/~1/GET');
    expect(methodLabel('/pets/{petId}/DELETE')).toBe('DELETE /pets/{petId}');
    expect(methodLabel('//GET')).toBe('GET /');
  });
});

describe('usage plan changes', () => {
  it('turns name, description, throttle and quota edits into replace operations', () => {
    const after = edit(gold, { name: 'Gold 2', description: 'Changed', throttle: { rate: 300, burst: 500 }, quota: { limit: 2_000_000, period: 'WEEK', offset: 1 } });
    const changes = diffPlans(gold, after);
    expect(changes.map((c) => [c.label, c.before, c.after])).toEqual([
      ['Name', 'Gold', 'Gold 2'],
      ['Description', 'Signed partners', 'Changed'],
      ['Throttling: rate (requests/s)', 250, 300],
      ['Quota: limit (requests)', 1_000_000, 2_000_000],
      ['Quota: period', 'MONTH', 'WEEK'],
      ['Quota: offset', 0, 1],
    ]);
    expect(planPatchOperations(changes)).toEqual([
      { op: 'replace', path: '/name', value: 'Gold 2' },
      { op: 'replace', path: '/description', value: 'Changed' },
      { op: 'replace', path: '/throttle/rateLimit', value: '300' },
      { op: 'replace', path: '/quota/limit', value: '2000000' },
      { op: 'replace', path: '/quota/period', value: 'WEEK' },
      { op: 'replace', path: '/quota/offset', value: '1' },
    ]);
  });

  it('removes throttling and the quota as a whole, and clears a description with an empty value', () => {
    const after = edit(gold, { throttle: undefined, quota: undefined, description: undefined });
    const changes = diffPlans(gold, after);
    expect(changes.find((c) => c.label === 'Throttling')?.note).toMatch(/stage and account throttling/);
    expect(planPatchOperations(changes)).toEqual([
      { op: 'replace', path: '/description', value: '' },
      { op: 'remove', path: '/throttle' },
      { op: 'remove', path: '/quota' },
    ]);
  });

  it('adds throttling and a quota to a plan without them, every part of each', () => {
    const bare: PlanSettings = { name: 'Bare', stages: [] };
    expect(ops(bare, edit(bare, { throttle: { rate: 12.5, burst: 20 }, quota: { limit: 100, period: 'DAY', offset: 0 } }))).toEqual([
      { op: 'replace', path: '/throttle/rateLimit', value: '12.5' },
      { op: 'replace', path: '/throttle/burstLimit', value: '20' },
      { op: 'replace', path: '/quota/limit', value: '100' },
      { op: 'replace', path: '/quota/period', value: 'DAY' },
      { op: 'replace', path: '/quota/offset', value: '0' },
    ]);
  });

  it('adds and removes API stages by value apiId:stage; a removed stage takes its method throttles along', () => {
    const after = edit(gold, { stages: [gold.stages[1]!, { apiId: 'api3', stage: 'staging', methodThrottles: {} }] });
    const changes = diffPlans(gold, after, (id) => (id === 'api1' ? 'Orders' : undefined));
    expect(changes.map((c) => c.label)).toEqual([
      'API stage Orders (api1:prod)',
      'Orders (api1:prod) POST /orders: throttling',
      'Orders (api1:prod) POST /orders: rate (requests/s)',
      'Orders (api1:prod) POST /orders: burst (requests)',
      'API stage api3:staging',
    ]);
    expect(planPatchOperations(changes)).toEqual([
      { op: 'remove', path: '/apiStages', value: 'api1:prod' },
      { op: 'add', path: '/apiStages', value: 'api3:staging' },
    ]);
  });

  it('adds, changes and removes per-method throttles under /apiStages/{apiId}:{stage}/throttle', () => {
    const after = edit(gold, {
      stages: [
        { apiId: 'api1', stage: 'prod', methodThrottles: { '/orders/POST': { rate: 50, burst: 80 } } },
        { apiId: 'api2', stage: 'prod', methodThrottles: { '/payments/{id}/GET': { rate: 5, burst: 10 } } },
      ],
    });
    expect(ops(gold, after)).toEqual([
      { op: 'replace', path: '/apiStages/api1:prod/throttle/~1orders/POST/burstLimit', value: '80' },
      { op: 'replace', path: '/apiStages/api2:prod/throttle/~1payments~1{id}/GET/rateLimit', value: '5' },
      { op: 'replace', path: '/apiStages/api2:prod/throttle/~1payments~1{id}/GET/burstLimit', value: '10' },
    ]);
    const removed = edit(gold, { stages: [{ ...gold.stages[0]!, methodThrottles: {} }, gold.stages[1]!] });
    expect(ops(gold, removed)).toEqual([{ op: 'remove', path: '/apiStages/api1:prod/throttle/~1orders/POST' }]);
  });

  it('adds a new API stage before setting its method throttles, in one request', () => {
    const after = edit(gold, { stages: [...gold.stages, { apiId: 'api3', stage: 'dev', methodThrottles: { '/GET': { rate: 1, burst: 2 } } }] });
    expect(ops(gold, after)).toEqual([
      { op: 'add', path: '/apiStages', value: 'api3:dev' },
      { op: 'replace', path: '/apiStages/api3:dev/throttle/~1/GET/rateLimit', value: '1' },
      { op: 'replace', path: '/apiStages/api3:dev/throttle/~1/GET/burstLimit', value: '2' },
    ]);
  });

  it('plans nothing when nothing changed', () => {
    expect(diffPlans(gold, structuredClone(gold))).toEqual([]);
  });

  it('undoes a change with the same fields swapped back', () => {
    const after = edit(gold, { throttle: undefined, name: 'X', stages: [gold.stages[1]!] });
    const undo = invertChanges(diffPlans(gold, after));
    expect(planPatchOperations(undo)).toEqual([
      { op: 'replace', path: '/name', value: 'Gold' },
      { op: 'replace', path: '/throttle/rateLimit', value: '250' },
      { op: 'replace', path: '/throttle/burstLimit', value: '500' },
      { op: 'add', path: '/apiStages', value: 'api1:prod' },
      { op: 'replace', path: '/apiStages/api1:prod/throttle/~1orders/POST/rateLimit', value: '50' },
      { op: 'replace', path: '/apiStages/api1:prod/throttle/~1orders/POST/burstLimit', value: '100' },
    ]);
    // The undo planned against the changed plan gives the same operations.
    expect(planPatchOperations(diffPlans(after, gold))).toEqual(planPatchOperations(undo));
  });

  it('reports the touched fields that changed underneath, and only those', () => {
    const changes = diffPlans(gold, edit(gold, { throttle: { rate: 1, burst: 500 } }));
    const meanwhile = edit(gold, { name: 'Renamed by someone', throttle: { rate: 200, burst: 500 } });
    expect(planDriftSince(gold, meanwhile, changes)).toEqual([{ label: 'Throttling: rate (requests/s)', whenOpened: 250, now: 200 }]);
    expect(planDriftSince(gold, gold, changes)).toEqual([]);
    // An API stage someone else added is drift for a change that adds the same stage.
    const add = diffPlans(gold, edit(gold, { stages: [...gold.stages, { apiId: 'api3', stage: 'dev', methodThrottles: {} }] }));
    const added = edit(gold, { stages: [...gold.stages, { apiId: 'api3', stage: 'dev', methodThrottles: {} }] });
    expect(planDriftSince(gold, added, add)).toEqual([{ label: 'API stage api3:dev', whenOpened: undefined, now: 'in the plan' }]);
  });
});

describe('create and delete', () => {
  it('creates a plan with every setting in one CreateUsagePlan', () => {
    expect(createPlanInput(gold)).toEqual({
      name: 'Gold',
      description: 'Signed partners',
      throttle: { rateLimit: 250, burstLimit: 500 },
      quota: { limit: 1_000_000, period: 'MONTH', offset: 0 },
      apiStages: [
        { apiId: 'api1', stage: 'prod', throttle: { '/orders/POST': { rateLimit: 50, burstLimit: 100 } } },
        { apiId: 'api2', stage: 'prod' },
      ],
    });
    expect(createPlanInput({ name: 'Bare', stages: [] })).toEqual({ name: 'Bare' });
  });

  it('removes the API stages before deleting, as AWS requires', () => {
    expect(deletePlanRequests(gold)).toEqual([
      {
        operation: 'UpdateUsagePlan',
        input: {
          usagePlanId: 'plan1',
          patchOperations: [
            { op: 'remove', path: '/apiStages', value: 'api1:prod' },
            { op: 'remove', path: '/apiStages', value: 'api2:prod' },
          ],
        },
      },
      { operation: 'DeleteUsagePlan', input: { usagePlanId: 'plan1' } },
    ]);
    expect(deletePlanRequests({ ...gold, stages: [] })).toEqual([{ operation: 'DeleteUsagePlan', input: { usagePlanId: 'plan1' } }]);
  });
});

describe('validation', () => {
  const valid = (): PlanInput => inputFromPlan(gold);

  it('reads a plan back from its own form unchanged', () => {
    const { value, errors } = validatePlanInput(valid());
    expect(errors).toEqual({});
    expect(diffPlans(gold, value!)).toEqual([]);
  });

  it('names the field and the rule for throttling and quota', () => {
    const input = valid();
    input.name = ' ';
    input.throttle = { rate: '-1', burst: '2.5' };
    input.quota = { limit: '0', period: 'YEAR', offset: '1' };
    expect(validatePlanInput(input)).toEqual({
      errors: {
        name: 'Name is required.',
        'throttle.rate': 'Throttling: Rate must be a non-negative number, such as 100 or 12.5.',
        'throttle.burst': 'Throttling: Burst must be a non-negative whole number.',
        'quota.limit': 'Quota limit must be a positive whole number of requests, such as 10000.',
        'quota.period': 'Quota period must be DAY, WEEK or MONTH.',
      },
    });
  });

  it('keeps the offset within the period', () => {
    const check = (period: string, offset: string) => validatePlanInput({ ...valid(), quota: { limit: '10', period, offset } }).errors['quota.offset'];
    expect(check('DAY', '0')).toBeUndefined();
    expect(check('DAY', '1')).toBe('Quota offset must be 0 for a DAY period.');
    expect(check('WEEK', '6')).toBeUndefined();
    expect(check('WEEK', '7')).toMatch(/^Quota offset must be a whole number from 0 to 6 for a WEEK period/);
    expect(check('MONTH', '27')).toBeUndefined();
    expect(check('MONTH', '28')).toMatch(/from 0 to 27 for a MONTH period/);
    expect(check('MONTH', '-1')).toMatch(/from 0 to 27/);
  });

  it('asks for both limits once one is given, and treats both empty as no throttling', () => {
    expect(validatePlanInput({ ...valid(), throttle: { rate: '10', burst: '' } }).errors).toEqual({ 'throttle.burst': 'Throttling: Burst is required.' });
    expect(validatePlanInput({ ...valid(), throttle: { rate: '', burst: '' } }).value?.throttle).toBeUndefined();
    expect(validatePlanInput({ ...valid(), quota: { limit: '', period: 'DAY', offset: '5' } }).value?.quota).toBeUndefined();
  });

  it('names a bad per-method throttle by method and stage, and a stage listed twice', () => {
    const input = valid();
    input.stages[0]!.methods.push({ method: '/orders/GET', rate: 'fast', burst: '1' });
    input.stages.push({ apiId: 'api2', stage: 'prod', methods: [] });
    expect(validatePlanInput(input).errors).toEqual({
      'method:api1:prod:/orders/GET.rate': 'GET /orders in api1:prod: Rate must be a non-negative number, such as 100 or 12.5.',
      'stage:api2:prod': 'API stage api2:prod is listed twice.',
    });
  });
});
