import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ConsoleConfig } from '../../../aws/config.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { isAwsCode, toAwsProblem } from '../../../aws/errors.js';
import { setApiKeyEnabled } from './update-api-key.js';
import { addKeyToPlan } from './create-usage-plan-key.js';
import { removeKeyFromPlan } from './delete-usage-plan-key.js';
import { fetchPlansOfKey } from './get-usage-plans.js';
import { rotateOrResume } from './rotate-api-key.js';
import { keysKeys } from './keys.js';

/**
 * Bulk actions over a selection of keys: paced by the console's quota pacers (so they run as fast as
 * AWS allows and no faster), a few at a time, with each item's outcome kept. The job is saved in
 * sessionStorage after every item, so a reload can resume it where it stopped. A throttled call is
 * tried again later, never reported as a failure.
 */
export type BulkKind = 'enable' | 'disable' | 'move-to-plan' | 'rotate';

export interface BulkItem {
  keyId: string;
  label: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  detail?: string;
}

export interface BulkJob {
  kind: BulkKind;
  planId?: string;
  planName?: string;
  graceDays?: number;
  items: BulkItem[];
  startedAt: string;
}

const STORAGE = 'gateway-console.bulk-job';
const CONCURRENCY = 4;
const THROTTLE_CODES = ['TooManyRequestsException', 'ThrottlingException', 'LimitExceededException'];

export function readSavedJob(): BulkJob | undefined {
  try {
    const raw = sessionStorage.getItem(STORAGE);
    return raw ? (JSON.parse(raw) as BulkJob) : undefined;
  } catch {
    return undefined;
  }
}

function save(job: BulkJob | undefined) {
  if (job) sessionStorage.setItem(STORAGE, JSON.stringify(job));
  else sessionStorage.removeItem(STORAGE);
}

/** Moves a key into a plan and out of its other plans, never leaving it in none. */
async function moveToPlan(config: ConsoleConfig, keyId: string, planId: string): Promise<string> {
  const current = (await fetchPlansOfKey(config, keyId)).filter((p) => p.id !== planId);
  try {
    await addKeyToPlan(config, planId, keyId);
  } catch (e) {
    // AWS allows one plan per API stage for a key: the plan sharing a stage must go first.
    if (!isAwsCode(e, 'ConflictException')) throw e;
    for (const p of current) await removeKeyFromPlan(config, p.id, keyId);
    try {
      await addKeyToPlan(config, planId, keyId);
    } catch (again) {
      for (const p of current) await addKeyToPlan(config, p.id, keyId);
      throw again;
    }
    return `moved from ${current.map((p) => p.name).join(', ') || 'no plan'}`;
  }
  for (const p of current) await removeKeyFromPlan(config, p.id, keyId);
  return `moved from ${current.map((p) => p.name).join(', ') || 'no plan'}`;
}

async function runItem(config: ConsoleConfig, job: BulkJob, item: BulkItem): Promise<string | undefined> {
  switch (job.kind) {
    case 'enable':
    case 'disable':
      await setApiKeyEnabled(config, item.keyId, job.kind === 'enable');
      return undefined;
    case 'move-to-plan':
      return moveToPlan(config, item.keyId, job.planId!);
    case 'rotate': {
      // An item that was running when the page went away may be half-rotated: carry on with it.
      const out = await rotateOrResume(config, item.keyId, { graceDays: job.graceDays ?? 7 });
      if (out.result !== 'overlap') {
        const why = out.error ? toAwsProblem(out.error).message : 'failed';
        throw new Error(`${out.failedStep ?? 'Rotation'}: ${why}. ${out.result === 'rolled-back' ? `Rolled back; ${out.verified ?? ''}` : (out.leftover ?? []).join(' ')}`);
      }
      return `successor ${out.newKeyId}`;
    }
  }
}

export function useBulkJob() {
  const config = useConsoleConfig();
  const queryClient = useQueryClient();
  const [job, setJob] = useState<BulkJob | undefined>(readSavedJob);
  const [running, setRunning] = useState(false);
  const jobRef = useRef(job);
  const cancelled = useRef(false);

  const update = useCallback((next: BulkJob) => {
    jobRef.current = next;
    save(next);
    setJob({ ...next, items: [...next.items] });
  }, []);

  const run = useCallback(
    async (start: BulkJob) => {
      cancelled.current = false;
      setRunning(true);
      const j: BulkJob = { ...start, items: start.items.map((i) => (i.status === 'running' ? { ...i, status: 'pending' } : i)) };
      update(j);
      let next = 0;
      const worker = async () => {
        for (;;) {
          if (cancelled.current) return;
          const index = j.items.findIndex((it, i) => i >= next && it.status === 'pending');
          if (index < 0) return;
          next = index + 1;
          const item = j.items[index]!;
          j.items[index] = { ...item, status: 'running' };
          update(j);
          for (let attempt = 0; ; attempt++) {
            try {
              const detail = await runItem(config, j, item);
              j.items[index] = { ...item, status: 'done', detail };
              break;
            } catch (e) {
              if (isAwsCode(e, ...THROTTLE_CODES) && attempt < 20) {
                // Still throttled after the SDK's own retries: wait and try again, it is not a failure.
                await new Promise((r) => setTimeout(r, 1000 * Math.min(10, attempt + 1)));
                continue;
              }
              const p = toAwsProblem(e);
              j.items[index] = { ...item, status: 'failed', detail: p.code && p.code !== 'Error' ? `${p.code}: ${p.message}` : p.message };
              break;
            }
          }
          update(j);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      setRunning(false);
      void queryClient.invalidateQueries({ queryKey: keysKeys.all(config.region) });
    },
    [config, queryClient, update],
  );

  useEffect(() => () => void (cancelled.current = true), []);

  return {
    job,
    running,
    start: (kind: BulkKind, items: { keyId: string; label: string }[], params: Pick<BulkJob, 'planId' | 'planName' | 'graceDays'> = {}) =>
      void run({ kind, ...params, items: items.map((i) => ({ ...i, status: 'pending' })), startedAt: new Date().toISOString() }),
    resume: () => job && void run(job),
    pause: () => void (cancelled.current = true),
    discard: () => {
      cancelled.current = true;
      save(undefined);
      jobRef.current = undefined;
      setJob(undefined);
    },
  };
}
