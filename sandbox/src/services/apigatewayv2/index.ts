import type { ServiceModule } from '../../core/types.js';

// Placeholder: the apigatewayv2 module is being written (see sandbox/COVERAGE.md).
export const apigatewayv2: ServiceModule = {
  name: 'apigatewayv2',
  signingName: 'apigatewayv2',
  protocol: 'rest-json',
  ownsPath: () => false,
  initialState: () => ({}),
};
