import type { CreateDeploymentCommandInput } from '@aws-sdk/client-apigatewayv2';
import { autoDeployStage, deploymentInUse, deploymentNotFound, NO_ROUTES, noRoutes, stageNotFound } from '../errors.js';
import {
  compact,
  freshId,
  ID_LENGTH,
  isoNow,
  paginate,
  requireApi,
  type ApiEntry,
  type DeploymentWire,
  type Page,
  type StageWire,
  type StoreEnv,
  type V2State,
} from './model.js';

/** The description AWS gives the deployments it makes for auto-deploy stages. */
export const AUTO_DEPLOY_DESCRIPTION = 'Automatic deployment triggered by changes to the Api configuration';

export function createDeployment(state: V2State, env: StoreEnv, input: CreateDeploymentCommandInput): DeploymentWire {
  const entry = requireApi(state, env, input.ApiId);
  let stage: StageWire | undefined;
  if (input.StageName !== undefined && input.StageName !== '') {
    stage = entry.stages[input.StageName];
    if (!stage) throw stageNotFound();
    // An auto-deploy stage follows the API by itself; AWS refuses to point it at a deployment by hand.
    if (stage.autoDeploy) throw autoDeployStage(env.account, entry.api.apiId!);
  }
  if (Object.keys(entry.routes).length === 0) throw noRoutes();
  const deployment = addDeployment(entry, env, false, input.Description);
  if (stage) {
    stage.deploymentId = deployment.deploymentId;
    stage.lastUpdatedDate = isoNow(env);
  }
  return deployment;
}

export function getDeployment(state: V2State, env: StoreEnv, apiId: string | undefined, deploymentId: string | undefined): DeploymentWire {
  const entry = requireApi(state, env, apiId);
  const deployment = deploymentId ? entry.deployments[deploymentId] : undefined;
  if (!deployment) throw deploymentNotFound();
  return deployment;
}

export function listDeployments(state: V2State, env: StoreEnv, apiId: string | undefined, maxResults?: string, nextToken?: string): Page<DeploymentWire> {
  const entry = requireApi(state, env, apiId);
  return paginate(Object.values(entry.deployments), (d) => d.deploymentId!, maxResults, nextToken);
}

export function deleteDeployment(state: V2State, env: StoreEnv, apiId: string | undefined, deploymentId: string | undefined): void {
  const entry = requireApi(state, env, apiId);
  if (!deploymentId || !entry.deployments[deploymentId]) throw deploymentNotFound();
  if (Object.values(entry.stages).some((s) => s.deploymentId === deploymentId)) throw deploymentInUse();
  delete entry.deployments[deploymentId];
}

function addDeployment(entry: ApiEntry, env: StoreEnv, autoDeployed: boolean, description?: string): DeploymentWire {
  const deploymentId = freshId(env, ID_LENGTH.deployment, entry.deployments);
  const deployment: DeploymentWire = compact({
    autoDeployed,
    createdDate: isoNow(env),
    deploymentId,
    deploymentStatus: 'DEPLOYED' as const,
    description,
  });
  entry.deployments[deploymentId] = deployment;
  return deployment;
}

/**
 * Deploys one auto-deploy stage as AWS does after a change: a new deployment the stage points at, or,
 * when the API has no routes, a failure noted in the stage's lastDeploymentStatusMessage.
 */
export function deployStage(entry: ApiEntry, stage: StageWire, env: StoreEnv): void {
  if (Object.keys(entry.routes).length === 0) {
    stage.lastDeploymentStatusMessage = `Deployment attempt failed: ${NO_ROUTES}`;
    return;
  }
  const deployment = addDeployment(entry, env, true, AUTO_DEPLOY_DESCRIPTION);
  stage.deploymentId = deployment.deploymentId;
  stage.lastDeploymentStatusMessage = `Successfully deployed stage with deployment ID '${deployment.deploymentId}'`;
  stage.lastUpdatedDate = isoNow(env);
}

/** After any change to routes or integrations, every auto-deploy stage of the API is redeployed. */
export function autoDeploy(entry: ApiEntry, env: StoreEnv): void {
  for (const stage of Object.values(entry.stages)) if (stage.autoDeploy) deployStage(entry, stage, env);
}
