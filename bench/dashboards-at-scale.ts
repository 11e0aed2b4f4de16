import { launchChromium, startConsole } from './console-server.js';

export interface FleetFigures {
  apis: number;
  /** Queries the fleet overview asked for, as it reports them. */
  queries: number;
  /** GetMetricData requests seen on the wire, per run. */
  calls: number[];
  /** Click on "Health" to the fleet's figures on screen, per run. */
  ms: number[];
}

const CONSOLE_PORT = 5192;
const SANDBOX_PORT = 4592;

/**
 * The fleet overview on the scale profile (1,000 APIs): signs in through the real screen, opens Health from the
 * navigation and times the path to the figures, counting GetMetricData requests (budget ceil(queries / 500)).
 */
export async function measureFleetAtScale(root: string, runs = 3): Promise<FleetFigures> {
  const server = await startConsole(root, 'scale', CONSOLE_PORT, SANDBOX_PORT);
  try {
    const browser = await launchChromium();
    const out: FleetFigures = { apis: 0, queries: 0, calls: [], ms: [] };
    try {
      for (let i = 0; i < runs; i++) {
        const page = await browser.newPage();
        let calls = 0;
        page.on('request', (r) => {
          const url = new URL(r.url());
          if (url.port === String(SANDBOX_PORT) && r.method() === 'POST' && r.headers()['x-amz-target'] === 'GraniteServiceVersion20100801.GetMetricData') calls++;
        });
        await page.goto(`http://localhost:${CONSOLE_PORT}/sign-in`);
        await page.getByLabel('Username').fill('viewer');
        await page.getByLabel('Password', { exact: true }).fill('Demo-Passw0rd!');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByText(/^\d+ APIs: \d+ REST/).waitFor({ timeout: 60_000 });
        const start = performance.now();
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Health' }).click();
        const summary = page.getByText(/^\d+ APIs · \d+ with traffic/);
        await summary.waitFor({ timeout: 60_000 });
        await page.getByRole('table', { name: 'API health' }).locator('tbody tr').nth(9).waitFor();
        out.ms.push(Math.round(performance.now() - start));
        const m = /^(\d+) APIs[\s\S]*?(\d+) queries in (\d+) GetMetricData call/.exec(await summary.innerText());
        out.apis = Number(m?.[1] ?? 0);
        out.queries = Number(m?.[2] ?? 0);
        out.calls.push(calls);
        await page.close();
        await new Promise((res) => setTimeout(res, 2000));
      }
    } finally {
      await browser.close();
    }
    return out;
  } finally {
    server.stop();
  }
}
