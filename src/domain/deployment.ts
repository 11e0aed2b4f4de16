import type { Deployment as RestDeployment } from '@aws-sdk/client-api-gateway';
import type { Deployment as V2Deployment } from '@aws-sdk/client-apigatewayv2';

export interface Deployment {
  id: string;
  description?: string;
  createdDate?: Date;
  /** v2: made by auto-deploy rather than by an operator. */
  autoDeployed?: boolean;
  /** v2: DEPLOYED, PENDING or FAILED, with AWS's message when it failed. */
  status?: string;
  statusMessage?: string;
}

export function fromRestDeployment(d: RestDeployment): Deployment {
  return { id: d.id ?? '', description: d.description || undefined, createdDate: d.createdDate };
}

export function fromV2Deployment(d: V2Deployment): Deployment {
  return {
    id: d.DeploymentId ?? '',
    description: d.Description || undefined,
    createdDate: d.CreatedDate,
    autoDeployed: d.AutoDeployed,
    status: d.DeploymentStatus,
    statusMessage: d.DeploymentStatusMessage,
  };
}

/** Newest first; deployments without a date (never seen from AWS) last. */
export function newestFirst(a: Deployment, b: Deployment): number {
  return (b.createdDate?.getTime() ?? 0) - (a.createdDate?.getTime() ?? 0) || a.id.localeCompare(b.id);
}

/** Which stages serve a deployment, as the history shows it ("prod", "prod (canary 10%)"). */
export function servingStages(
  deploymentId: string,
  stages: readonly { name: string; deploymentId?: string; canaryDeploymentId?: string; canaryPercent?: number }[],
): string[] {
  const out: string[] = [];
  for (const s of stages) {
    if (s.deploymentId === deploymentId) out.push(s.name);
    if (s.canaryDeploymentId === deploymentId) out.push(`${s.name} (canary ${s.canaryPercent ?? 0}%)`);
  }
  return out;
}
