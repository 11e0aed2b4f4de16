import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { E2E_SANDBOX_PORT } from '../playwright.config.js';
import { signIn } from '../sandbox/test/support/sign-in.js';

const url = `http://localhost:${E2E_SANDBOX_PORT}`;

/**
 * SDK clients signed in as a demo user through the sandbox's real Cognito flow, for tests that change
 * something behind the browser's back (another operator at work) or check what AWS now holds.
 */
export async function awsAs(username: 'admin' | 'operator') {
  const { credentials } = await signIn({ url }, username);
  const config = { region: 'us-east-1', endpoint: url, credentials, maxAttempts: 8 };
  return { v1: new APIGatewayClient(config), v2: new ApiGatewayV2Client(config) };
}
