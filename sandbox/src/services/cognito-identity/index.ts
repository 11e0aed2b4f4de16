import type { ServiceModule } from '../../core/types.js';
import { type CognitoIdentityState, initialState, SERVICE_NAME } from './state.js';
import { getId } from './operations/get-id.js';
import { getCredentialsForIdentity } from './operations/get-credentials-for-identity.js';

/**
 * Cognito identity pools (awsJson 1.1): the two unsigned calls that turn a user pool ID token into
 * temporary AWS credentials for the role of the user's group.
 */
export const cognitoIdentity: ServiceModule<CognitoIdentityState> = {
  name: SERVICE_NAME,
  signingName: 'cognito-identity',
  protocol: 'json',
  jsonVersion: '1.1',
  targetPrefix: 'AWSCognitoIdentityService',
  initialState,
  jsonOperations: [getId, getCredentialsForIdentity],
};
