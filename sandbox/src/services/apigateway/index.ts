import type { ServiceModule } from '../../core/types.js';

// Placeholder: the apigateway module is being written (see sandbox/COVERAGE.md).
export const apigateway: ServiceModule = {
  name: 'apigateway',
  signingName: 'apigateway',
  protocol: 'rest-json',
  ownsPath: () => false,
  initialState: () => ({}),
};
