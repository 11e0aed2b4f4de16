import { describe, expect, it } from 'vitest';
import type { ApiKey } from './api-key.js';
import { filterKeys, indexKeys, DEFAULT_KEY_VIEW } from './api-key-list-view.js';
import { findRotations, inheritedTags, ROTATION_TAG, rotationStatus, successorName } from './rotation.js';

const key = (id: string, tags: Record<string, string> = {}, extra: Partial<ApiKey> = {}): ApiKey => ({ id, name: id, enabled: true, tags, ...extra });
const now = new Date('2026-11-21T12:00:00Z');
const minsAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();

describe('rotation tags', () => {
  it('names the successor with a dated suffix that a second rotation replaces', () => {
    expect(successorName('partner-acme', now)).toBe('partner-acme-rotated-20261121');
    expect(successorName('partner-acme-rotated-20250101', now)).toBe('partner-acme-rotated-20261121');
  });

  it('lets a successor inherit tags but not rotation bookkeeping', () => {
    expect(inheritedTags({ team: 'x', [ROTATION_TAG.state]: 'overlap' })).toEqual({ team: 'x' });
  });

  it('finds rotations and classifies them', () => {
    const keys = [
      key('old1', { [ROTATION_TAG.state]: 'overlap', [ROTATION_TAG.successor]: 'new1', [ROTATION_TAG.graceEnds]: '2026-11-20T00:00:00Z' }),
      key('new1', { [ROTATION_TAG.predecessor]: 'old1', [ROTATION_TAG.state]: 'overlap' }),
      key('old2', { [ROTATION_TAG.state]: 'created', [ROTATION_TAG.started]: minsAgo(30) }),
      key('new2', { [ROTATION_TAG.predecessor]: 'old2' }),
      key('old3', { [ROTATION_TAG.state]: 'starting', [ROTATION_TAG.started]: minsAgo(0.5) }),
      key('old4', { [ROTATION_TAG.state]: 'overlap', [ROTATION_TAG.successor]: 'new4', [ROTATION_TAG.graceEnds]: '2026-12-01T00:00:00Z' }),
      key('new5', { [ROTATION_TAG.predecessor]: 'deleted-old', [ROTATION_TAG.state]: 'finished' }),
      key('plain', { team: 'x' }),
    ];
    const byOld = new Map(findRotations(keys).map((r) => [r.oldKeyId, r]));
    expect(rotationStatus(byOld.get('old1')!, now)).toBe('due');
    // The successor found from its own tag, the old key's tag never written.
    expect(byOld.get('old2')).toMatchObject({ newKeyId: 'new2', state: 'created' });
    expect(rotationStatus(byOld.get('old2')!, now)).toBe('interrupted');
    expect(rotationStatus(byOld.get('old3')!, now)).toBe('running-elsewhere');
    expect(rotationStatus(byOld.get('old4')!, now)).toBe('overlap');
    expect(rotationStatus(byOld.get('deleted-old')!, now)).toBe('finished');
    expect(byOld.has('plain')).toBe(false);
  });
});

describe('key list filters', () => {
  const keys = [
    key('k1', { team: 'payments' }, { name: 'Partner ACME', customerId: 'acme' }),
    key('k2', {}, { name: 'mobile-ios', enabled: false }),
    key('k3', { team: 'mobile' }, { name: 'mobile-android' }),
  ];
  const index = indexKeys(keys);
  const m = new Map([['k1', ['gold']], ['k3', ['basic']]]);
  const ids = (v: Partial<typeof DEFAULT_KEY_VIEW>) => filterKeys(index, { ...DEFAULT_KEY_VIEW, ...v }, m).map((k) => k.id);

  it('searches name, id and customer id, case-insensitively', () => {
    expect(ids({ query: 'ACME' })).toEqual(['k1']);
    expect(ids({ query: 'mobile' })).toEqual(['k2', 'k3']);
  });

  it('filters by state, plan (or none) and tag key or key=value', () => {
    expect(ids({ enabled: 'disabled' })).toEqual(['k2']);
    expect(ids({ plan: 'gold' })).toEqual(['k1']);
    expect(ids({ plan: 'none' })).toEqual(['k2']);
    expect(ids({ tag: 'team' })).toEqual(['k1', 'k3']);
    expect(ids({ tag: 'team=mobile' })).toEqual(['k3']);
  });
});
