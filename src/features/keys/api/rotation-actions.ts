import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useConsoleConfig } from '../../../aws/config-context.js';
import type { Rotation } from '../../../domain/rotation.js';
import { finishRotation, resumeRotation, rollBackRotation, rotateApiKey, type RotationOutcome, type StepEvent } from './rotate-api-key.js';
import { keysKeys } from './keys.js';

export type RotationAction =
  | { kind: 'rotate'; keyId: string; graceDays: number }
  | { kind: 'resume'; rotation: Rotation }
  | { kind: 'roll-back'; rotation: Rotation }
  | { kind: 'finish'; rotation: Rotation; mode: 'disable' | 'delete' };

/**
 * Starts, resumes, rolls back or finishes a rotation, reporting each step, then refreshes the keys.
 * `onDone` runs before that refresh, and even if the calling component has gone meanwhile: a page whose key
 * was just deleted can move on before it would read the key again and find it missing.
 */
export function useRotationAction(onStep?: (e: StepEvent) => void, onDone?: (out: RotationOutcome, action: RotationAction) => void) {
  const config = useConsoleConfig();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (a: RotationAction) => {
      switch (a.kind) {
        case 'rotate':
          return rotateApiKey(config, a.keyId, { graceDays: a.graceDays, onStep });
        case 'resume':
          return resumeRotation(config, a.rotation, { onStep });
        case 'roll-back':
          return rollBackRotation(config, a.rotation, onStep);
        case 'finish':
          return finishRotation(config, a.rotation, a.mode, onStep);
      }
    },
    onSuccess: (out, action) => onDone?.(out, action),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keysKeys.all(config.region) }),
  });
}
