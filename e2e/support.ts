import type { Page } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page.js';
import { ApisPage } from './pages/apis-page.js';

/** Signs in through the real sign-in screen and waits for the APIs table. */
export async function signedIn(page: Page, user: 'admin' | 'operator' | 'viewer' = 'viewer'): Promise<ApisPage> {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(user);
  const apis = new ApisPage(page);
  await apis.waitLoaded();
  return apis;
}

/** Counts the AWS calls a page sends (CORS preflights excluded), by service. */
export function countAwsRequests(page: Page, sandboxPort: number) {
  const counts = { apigateway: 0, apigatewayv2: 0, cognito: 0, total: 0 };
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.port !== String(sandboxPort) || r.method() === 'OPTIONS') return;
    counts.total++;
    if (r.headers()['x-amz-target']) counts.cognito++;
    else if (url.pathname.startsWith('/v2/')) counts.apigatewayv2++;
    else counts.apigateway++;
  });
  return counts;
}
