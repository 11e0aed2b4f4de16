import type {
  CreateStageCommandInput,
  CreateStageCommandOutput,
  DeleteStageCommandInput,
  GetStageCommandInput,
  GetStageCommandOutput,
  GetStagesCommandInput,
  GetStagesCommandOutput,
  UpdateStageCommandInput,
  UpdateStageCommandOutput,
} from '@aws-sdk/client-api-gateway';
import { getRestApiRecord } from '../store/rest-apis.js';
import { createStage, deleteStage, getStageRecord, listStages } from '../store/stages.js';
import { updateStage } from '../store/stage-update.js';
import { stageView } from '../views.js';
import { operation, storeEnv, type Ctx, type Out } from '../wire.js';

/** GetStages is not paged on AWS: every stage (of one deployment, when asked) in one answer. */
export function getStages(ctx: Ctx, input: GetStagesCommandInput): Out<GetStagesCommandOutput> {
  const api = getRestApiRecord(ctx.state, storeEnv(ctx), input.restApiId);
  return { item: listStages(api, input.deploymentId).map(stageView) };
}

export function getStage(ctx: Ctx, input: GetStageCommandInput): Out<GetStageCommandOutput> {
  return stageView(getStageRecord(ctx.state, storeEnv(ctx), input.restApiId!, input.stageName));
}

export function createStageHandler(ctx: Ctx, input: CreateStageCommandInput): Out<CreateStageCommandOutput> {
  return stageView(createStage(ctx.state, input, storeEnv(ctx)));
}

/** UpdateStage answers with the whole stage as it is after every operation applied. */
export function updateStageHandler(ctx: Ctx, input: UpdateStageCommandInput): Out<UpdateStageCommandOutput> {
  return stageView(updateStage(ctx.state, input.restApiId!, input.stageName!, input.patchOperations, storeEnv(ctx)));
}

export function deleteStageHandler(ctx: Ctx, input: DeleteStageCommandInput): undefined {
  deleteStage(ctx.state, input.restApiId!, input.stageName!, storeEnv(ctx));
  return undefined;
}

export const stageOperations = [
  operation({ name: 'GetStages', method: 'GET', path: '/restapis/{restApiId}/stages', status: 200, query: { deploymentId: ['deploymentId', 'string'] }, handler: getStages }),
  operation({ name: 'GetStage', method: 'GET', path: '/restapis/{restApiId}/stages/{stageName}', status: 200, handler: getStage }),
  operation({ name: 'CreateStage', method: 'POST', path: '/restapis/{restApiId}/stages', status: 201, handler: createStageHandler }),
  operation({ name: 'UpdateStage', method: 'PATCH', path: '/restapis/{restApiId}/stages/{stageName}', status: 200, handler: updateStageHandler }),
  operation({ name: 'DeleteStage', method: 'DELETE', path: '/restapis/{restApiId}/stages/{stageName}', status: 202, handler: deleteStageHandler }),
];
