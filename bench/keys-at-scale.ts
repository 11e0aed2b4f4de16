import type { Page } from '@playwright/test';
import { launchChromium, startConsole } from './console-server.js';

export interface KeysFigures {
  keys: number;
  listMs: number;
  getApiKeysRequests: number;
  /** Keystroke in the search box to the filtered table rendered, per query. */
  keystrokeMs: number[];
  bulk: { keys: number; wallMs: number; awsRequests: number; createApiKey: number; minimumMs: number };
}

const CONSOLE_PORT = 5191;
const SANDBOX_PORT = 4593;

/**
 * On the scale profile (10,000 keys, 300 plans): time and requests to list every key, keystroke to
 * filtered result, and a bulk rotation of 20 keys against the least time API Gateway's quotas allow.
 */
export async function measureKeysAtScale(root: string): Promise<KeysFigures> {
  const server = await startConsole(root, 'scale', CONSOLE_PORT, SANDBOX_PORT);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const requests: { path: string; method: string }[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.port === String(SANDBOX_PORT) && r.method() !== 'OPTIONS' && !r.headers()['x-amz-target']) requests.push({ path: u.pathname, method: r.method() });
    });
    await page.goto(`http://localhost:${CONSOLE_PORT}/sign-in`);
    await page.getByLabel('Username').fill('operator');
    await page.getByLabel('Password', { exact: true }).fill('Demo-Passw0rd!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(/^\d+ APIs:/).waitFor({ timeout: 60_000 });

    requests.length = 0;
    const t0 = performance.now();
    await page.getByRole('link', { name: 'API keys' }).click();
    const count = page.getByText(/^\d+ keys/);
    await count.waitFor({ timeout: 60_000 });
    const listMs = Math.round(performance.now() - t0);
    const keys = Number((await count.innerText()).match(/\d+/)![0]);
    const getApiKeysRequests = requests.filter((r) => r.method === 'GET' && r.path === '/apikeys').length;

    const keystrokeMs: number[] = [];
    // Each query typed over an empty box, so the count always changes (10,000 -> N of 10,000).
    for (const q of ['partner', 'mobile-00', '00777', 'customer-01', 'zz-no-match', 'e-0042']) {
      await keystroke(page, '');
      keystrokeMs.push(await keystroke(page, q));
    }
    await keystroke(page, '');

    // Bulk rotation: 20 enabled keys, paced by the console.
    await page.getByLabel('State').selectOption('enabled');
    const boxes = page.getByRole('table', { name: 'API keys' }).getByRole('checkbox', { name: /^Select (?!all)/ });
    for (let i = 0; i < 20; i++) await boxes.nth(i).check();
    await page.getByLabel('Grace period (days)').fill('1');
    await page.getByRole('button', { name: 'Rotate…' }).click();
    await page.getByLabel('To rotate them, type 20 keys').fill('20 keys');
    // Let the membership listing finish first, so the figure is the rotation's alone.
    await page.getByText(/reading usage plan memberships/).waitFor({ state: 'detached', timeout: 120_000 });
    requests.length = 0;
    const b0 = performance.now();
    await page.getByRole('button', { name: 'Rotate 20 keys' }).click();
    await page.getByText(/^20 of 20 done/).waitFor({ timeout: 300_000 });
    const wallMs = Math.round(performance.now() - b0);
    const awsRequests = requests.length;
    const createApiKey = requests.filter((r) => r.method === 'POST' && r.path === '/apikeys').length;
    // The account allows a burst of 40, then 10 per second; CreateApiKey 5 per second on its own.
    const minimumMs = Math.round(Math.max(Math.max(0, awsRequests - 40) / 10, (createApiKey - 5) / 5) * 1000);
    return { keys, listMs, getApiKeysRequests, keystrokeMs, bulk: { keys: 20, wallMs, awsRequests, createApiKey, minimumMs } };
  } finally {
    await browser.close();
    server.stop();
  }
}

/**
 * Types a whole query at once and times, inside the page, until the table shows its result. Passed as
 * source text: tsx's helpers would not exist in the page.
 */
async function keystroke(page: Page, query: string): Promise<number> {
  const script = `(async (q) => {
    const input = document.querySelector('input[type="search"]');
    const status = () => (document.querySelector('h1 + p') || {}).textContent || '';
    const before = status();
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    const t0 = performance.now();
    setter.call(input, q);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    for (;;) {
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      if (status() !== before || performance.now() - t0 > 2000) return Math.round((performance.now() - t0) * 10) / 10;
    }
  })(${JSON.stringify(query)})`;
  return (await page.evaluate(script)) as number;
}
