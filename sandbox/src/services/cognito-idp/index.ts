import type { ServiceModule } from '../../core/types.js';

// Placeholder: the cognito-idp module is being written (see sandbox/COVERAGE.md).
export const cognitoIdp: ServiceModule = {
  name: 'cognito-idp',
  signingName: 'cognito-idp',
  protocol: 'rest-json',
  ownsPath: () => false,
  initialState: () => ({}),
};
