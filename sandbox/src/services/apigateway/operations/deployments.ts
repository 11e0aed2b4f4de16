import type {
  CreateDeploymentCommandInput,
  CreateDeploymentCommandOutput,
  DeleteDeploymentCommandInput,
  GetDeploymentCommandInput,
  GetDeploymentCommandOutput,
  GetDeploymentsCommandInput,
  GetDeploymentsCommandOutput,
} from '@aws-sdk/client-api-gateway';
import { getRestApiRecord } from '../store/rest-apis.js';
import { createDeployment, deleteDeployment, getDeploymentRecord, listDeployments } from '../store/stages.js';
import { deploymentView } from '../views.js';
import { operation, storeEnv, type Ctx, type Out } from '../wire.js';

export function createDeploymentHandler(ctx: Ctx, input: CreateDeploymentCommandInput): Out<CreateDeploymentCommandOutput> {
  return deploymentView(createDeployment(ctx.state, input, storeEnv(ctx)));
}

export function getDeployments(ctx: Ctx, input: GetDeploymentsCommandInput): Out<GetDeploymentsCommandOutput> {
  const api = getRestApiRecord(ctx.state, storeEnv(ctx), input.restApiId);
  const page = listDeployments(api, input);
  return { items: page.items.map((d) => deploymentView(d)), position: page.position };
}

export function getDeployment(ctx: Ctx, input: GetDeploymentCommandInput): Out<GetDeploymentCommandOutput> {
  const deployment = getDeploymentRecord(ctx.state, storeEnv(ctx), input.restApiId!, input.deploymentId);
  return deploymentView(deployment, (input.embed ?? []).includes('apisummary'));
}

export function deleteDeploymentHandler(ctx: Ctx, input: DeleteDeploymentCommandInput): undefined {
  deleteDeployment(ctx.state, input.restApiId!, input.deploymentId!, storeEnv(ctx));
  return undefined;
}

export const deploymentOperations = [
  operation({ name: 'CreateDeployment', method: 'POST', path: '/restapis/{restApiId}/deployments', status: 201, handler: createDeploymentHandler }),
  operation({
    name: 'GetDeployments',
    method: 'GET',
    path: '/restapis/{restApiId}/deployments',
    status: 200,
    query: { position: ['position', 'string'], limit: ['limit', 'int'] },
    handler: getDeployments,
  }),
  operation({
    name: 'GetDeployment',
    method: 'GET',
    path: '/restapis/{restApiId}/deployments/{deploymentId}',
    status: 200,
    query: { embed: ['embed', 'list'] },
    handler: getDeployment,
  }),
  operation({ name: 'DeleteDeployment', method: 'DELETE', path: '/restapis/{restApiId}/deployments/{deploymentId}', status: 202, handler: deleteDeploymentHandler }),
];
