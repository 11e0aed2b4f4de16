import type { Stage as RestStage } from '@aws-sdk/client-api-gateway';
import type { Stage as V2Stage } from '@aws-sdk/client-apigatewayv2';

export interface Stage {
  name: string;
  deploymentId?: string;
  description?: string;
  createdDate?: Date;
  lastUpdatedDate?: Date;
  /** HTTP APIs only: every change deploys by itself. */
  autoDeploy: boolean;
  /** REST only: the deployment a canary sends part of the traffic to, and how much. */
  canaryDeploymentId?: string;
  canaryPercent?: number;
}

export function fromRestStage(s: RestStage): Stage {
  return {
    name: s.stageName ?? '',
    deploymentId: s.deploymentId,
    description: s.description || undefined,
    createdDate: s.createdDate,
    lastUpdatedDate: s.lastUpdatedDate,
    autoDeploy: false,
    canaryDeploymentId: s.canarySettings?.deploymentId,
    canaryPercent: s.canarySettings?.percentTraffic,
  };
}

export function fromV2Stage(s: V2Stage): Stage {
  return {
    name: s.StageName ?? '',
    deploymentId: s.DeploymentId,
    description: s.Description || undefined,
    createdDate: s.CreatedDate,
    lastUpdatedDate: s.LastUpdatedDate,
    autoDeploy: s.AutoDeploy ?? false,
  };
}

export function byStageName(a: Stage, b: Stage): number {
  return a.name.localeCompare(b.name);
}
