import { launchChromium, startConsole } from './console-server.js';

export interface ScaleFigures {
  apis: number;
  /** Median over runs: click on Sign in to the full table (count line rendered). */
  signInToTableMs: number[];
  requests: { total: number; cognito: number; getRestApis: number; getApis: number; other: number };
  /** The page minimum, ceil(N / 500) per list, from the counts the table shows. */
  expectedListRequests: { getRestApis: number; getApis: number };
}

const CONSOLE_PORT = 5190;
const SANDBOX_PORT = 4590;

/**
 * Serves the built console with a scale-profile sandbox, signs in through the real screen in
 * Chromium and times the path to a complete APIs table, counting every AWS request on the way.
 */
export async function measureApisAtScale(root: string, runs = 3): Promise<ScaleFigures> {
  const server = await startConsole(root, 'scale', CONSOLE_PORT, SANDBOX_PORT);
  try {
    const browser = await launchChromium();
    const times: number[] = [];
    let requests: ScaleFigures['requests'] = { total: 0, cognito: 0, getRestApis: 0, getApis: 0, other: 0 };
    let apis = 0;
    let expected = { getRestApis: 0, getApis: 0 };
    try {
      for (let i = 0; i < runs; i++) {
        const page = await browser.newPage();
        const r = { total: 0, cognito: 0, getRestApis: 0, getApis: 0, other: 0 };
        page.on('request', (req) => {
          const url = new URL(req.url());
          if (url.port !== String(SANDBOX_PORT) || req.method() === 'OPTIONS') return;
          r.total++;
          if (req.headers()['x-amz-target']) r.cognito++;
          else if (url.pathname === '/restapis') r.getRestApis++;
          else if (url.pathname === '/v2/apis') r.getApis++;
          else r.other++;
        });
        await page.goto(`http://localhost:${CONSOLE_PORT}/sign-in`);
        await page.getByLabel('Username').fill('viewer');
        await page.getByLabel('Password', { exact: true }).fill('Demo-Passw0rd!');
        const start = performance.now();
        await page.getByRole('button', { name: 'Sign in' }).click();
        const count = page.getByText(/^\d+ APIs: \d+ REST, \d+ HTTP, \d+ WebSocket$/);
        await count.waitFor({ timeout: 60_000 });
        await page.getByRole('table', { name: 'APIs' }).locator('tbody tr').nth(49).waitFor();
        times.push(Math.round(performance.now() - start));
        const [total, rest, http, ws] = ((await count.innerText()).match(/\d+/g) ?? []).map(Number) as [number, number, number, number];
        apis = total;
        expected = { getRestApis: Math.max(1, Math.ceil(rest / 500)), getApis: Math.max(1, Math.ceil((http + ws) / 500)) };
        requests = r;
        await page.close();
        // Let the sandbox's account quota refill between runs, as separate sign-ins would.
        await new Promise((res) => setTimeout(res, 2000));
      }
    } finally {
      await browser.close();
    }
    return { apis, signInToTableMs: times, requests, expectedListRequests: expected };
  } finally {
    server.stop();
  }
}
