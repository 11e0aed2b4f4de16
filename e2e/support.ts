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

/**
 * Learns the access key id a page signs its AWS calls with (from the Authorization header), so a test can
 * aim a sandbox fault at this browser alone while another worker's browser uses the same sandbox.
 */
export function watchAccessKey(page: Page, sandboxPort: number): () => string {
  let latest: string | undefined;
  page.on('request', (r) => {
    if (new URL(r.url()).port !== String(sandboxPort)) return;
    const m = /Credential=([A-Z0-9]+)\//.exec(r.headers()['authorization'] ?? '');
    if (m) latest = m[1];
  });
  return () => {
    if (!latest) throw new Error('The page has sent no signed AWS request yet.');
    return latest;
  };
}

/** Makes the Nth next call of an operation by this caller fail in a sandbox (its test-only fault switch). */
export async function injectFault(sandboxPort: number, fault: { operation: string; accessKeyId: string; nth?: number; times?: number; code?: string; status?: number; message?: string; service?: string }) {
  const res = await fetch(`http://localhost:${sandboxPort}/_sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: 'BadRequestException', message: `Injected failure of ${fault.operation}`, ...fault }),
  });
  if (res.status !== 201) throw new Error(`The sandbox refused the fault: ${res.status} ${await res.text()}`);
}
