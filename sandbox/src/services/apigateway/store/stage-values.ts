import { badRequest, invalidVariableName, invalidVariableValue } from '../errors.js';
import type { CanarySettingsRecord } from './types.js';

/**
 * Checks shared by CreateStage, CreateDeployment and UpdateStage. Messages marked † in COVERAGE.md are the
 * sandbox's guesses; the stage-variable ones are AWS's.
 */

// Names: word characters (AWS's message); 64 at most (CloudFormation's documented limit).
const VARIABLE_NAME = /^[A-Za-z0-9_]{1,64}$/;
// Values: the characters AWS's message lists plus the `~` and `#` its documentation allows; 512 at most.
const VARIABLE_VALUE = /^[A-Za-z0-9 \-._~:/?#&=,]{1,512}$/;

export function checkVariable(name: string, value: string | undefined): void {
  if (!VARIABLE_NAME.test(name)) throw invalidVariableName(name);
  if (value === undefined || !VARIABLE_VALUE.test(value)) throw invalidVariableValue(value);
}

export function checkVariables(vars: Record<string, string> | undefined): void {
  for (const [name, value] of Object.entries(vars ?? {})) checkVariable(name, value);
}

export const percentTrafficError = () => badRequest('Canary percent traffic must be between 0.0 and 100.0');

export function checkPercentTraffic(p: number | undefined): void {
  if (p !== undefined && !(Number.isFinite(p) && p >= 0 && p <= 100)) throw percentTrafficError();
}

/**
 * A stage's canary as AWS stores it: the deployment defaults to the stage's own, traffic to 0 and the
 * stage cache to off; overrides appear only when given (recorded).
 */
export function canaryRecord(
  input: { percentTraffic?: number; deploymentId?: string; stageVariableOverrides?: Record<string, string>; useStageCache?: boolean },
  defaultDeploymentId: string,
): CanarySettingsRecord {
  const canary: CanarySettingsRecord = {
    deploymentId: input.deploymentId ?? defaultDeploymentId,
    percentTraffic: input.percentTraffic ?? 0,
    useStageCache: input.useStageCache ?? false,
  };
  if (input.stageVariableOverrides && Object.keys(input.stageVariableOverrides).length) canary.stageVariableOverrides = { ...input.stageVariableOverrides };
  return canary;
}
