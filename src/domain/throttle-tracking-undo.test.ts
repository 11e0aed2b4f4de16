import { describe, expect, it } from 'vitest';
import type { SetupPlan, StageIdentity } from './throttle-tracking.js';
import { planTrackingUndo, undoDrift } from './throttle-tracking-undo.js';

const dest = 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/access-logs/a1/prod';
const filter = (name: string, pattern: string) => ({ operation: 'PutMetricFilter' as const, input: { logGroupName: '/aws/apigateway/access-logs/a1/prod', filterName: name, filterPattern: pattern } });

function applied(calls: SetupPlan['calls'], format = '{"status":"$context.status"}'): SetupPlan {
  return { logGroupName: '/aws/apigateway/access-logs/a1/prod', destinationArn: dest, format, calls, changes: [] };
}

const rest: StageIdentity = { apiType: 'REST', apiId: 'a1', stageName: 'prod', region: 'us-east-1' };
const ws: StageIdentity = { ...rest, apiType: 'WEBSOCKET' };

describe('planTrackingUndo', () => {
  it('removes REST access logging that was off, deletes the filters, keeps the created log group', () => {
    const plan = applied([{ operation: 'CreateLogGroup', input: {} }, { operation: 'UpdateStage', input: {} }, filter('t', '{ $.status = 429 }')]);
    const undo = planTrackingUndo(rest, plan, undefined);
    expect(undo.calls).toEqual([
      { operation: 'UpdateStage', input: { restApiId: 'a1', stageName: 'prod', patchOperations: [{ op: 'remove', path: '/accessLogSettings' }] } },
      { operation: 'DeleteMetricFilter', input: { logGroupName: plan.logGroupName, filterName: 't' } },
    ]);
    expect(undo.keptLogGroup).toBe(plan.logGroupName);
    expect(undo.changes.map((c) => [c.label, c.after])).toEqual([
      ['Access log destination', undefined],
      ['Access log format', undefined],
      ['Metric filter t', undefined],
    ]);
  });

  it('puts back only the REST format when the destination stayed', () => {
    const before = { destinationArn: dest, format: '{"s":"$context.status"}' };
    const undo = planTrackingUndo(rest, applied([{ operation: 'UpdateStage', input: {} }], '{"s":"$context.status","apiKeyId":"$context.identity.apiKeyId"}'), before);
    expect(undo.calls[0]!.input.patchOperations).toEqual([{ op: 'replace', path: '/accessLogSettings/format', value: before.format }]);
    expect(undo.keptLogGroup).toBeUndefined();
  });

  it('restores a v2 stage’s settings whole, or deletes them when logging was off', () => {
    const before = { destinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:old', format: '$context.requestId' };
    expect(planTrackingUndo(ws, applied([{ operation: 'UpdateStage', input: {} }]), before).calls).toEqual([
      { operation: 'UpdateStage', input: { ApiId: 'a1', StageName: 'prod', AccessLogSettings: { DestinationArn: before.destinationArn, Format: before.format } } },
    ]);
    expect(planTrackingUndo(ws, applied([{ operation: 'UpdateStage', input: {} }]), undefined).calls).toEqual([{ operation: 'DeleteAccessLogSettings', input: { ApiId: 'a1', StageName: 'prod' } }]);
  });

  it('leaves the stage alone when the setup only added filters', () => {
    const undo = planTrackingUndo(rest, applied([filter('k', '{ $.status = 429 && $.k != "-" }')]), { destinationArn: dest, format: '{}' });
    expect(undo.calls.map((c) => c.operation)).toEqual(['DeleteMetricFilter']);
    expect(undo.expectAccessLog).toBeUndefined();
  });
});

describe('undoDrift', () => {
  const plan = applied([{ operation: 'UpdateStage', input: {} }, filter('t', '{ $.status = 429 }')]);
  const undo = planTrackingUndo(rest, plan, undefined);
  const snap = (format: string, filters: { filterName: string; filterPattern: string }[]) => ({
    accessLog: { destinationArn: dest, format },
    logGroup: { name: plan.logGroupName, exists: true },
    filters: filters.map((f) => ({ ...f, transformations: [] })),
  });

  it('is empty while everything is as the setup left it', () => {
    expect(undoDrift(undo, snap(plan.format, [{ filterName: 't', filterPattern: '{ $.status = 429 }' }]))).toEqual([]);
  });

  it('names a changed format, a changed filter and a missing one', () => {
    expect(undoDrift(undo, snap('{}', [{ filterName: 't', filterPattern: '{ $.status = 503 }' }]))).toEqual([
      'The stage’s access log settings are no longer the ones the setup made.',
      'Metric filter t has another pattern now: { $.status = 503 }.',
    ]);
    expect(undoDrift(undo, snap(plan.format, []))).toEqual(['Metric filter t is gone.']);
  });
});
