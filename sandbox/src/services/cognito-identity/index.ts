import type { ServiceModule } from '../../core/types.js';

// Placeholder: the cognito-identity module is being written (see sandbox/COVERAGE.md).
export const cognitoIdentity: ServiceModule = {
  name: 'cognito-identity',
  signingName: 'cognito-identity',
  protocol: 'rest-json',
  ownsPath: () => false,
  initialState: () => ({}),
};
