import type { ApiKind } from '../../../aws/query-scope.js';

/** Which stage of which API a screen or a change is about. */
export interface StageRef {
  kind: ApiKind;
  apiId: string;
  stageName: string;
}
