import { expect, type Page } from '@playwright/test';

/** The health screens: the fleet overview and an API's or a stage's dashboard, found by role and label. */
export class HealthPage {
  constructor(readonly page: Page) {}

  /** Opens the fleet overview from the main navigation and waits for its figures. */
  async openFleet() {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Health' }).click();
    await expect(this.page.getByRole('heading', { name: 'Health', level: 1 })).toBeVisible();
    await expect(this.summary).toBeVisible({ timeout: 30_000 });
  }

  get table() {
    return this.page.getByRole('table', { name: 'API health' });
  }

  /** "9 APIs · 7 with traffic · 3 with 5xx errors Updated … · 38 queries in 1 GetMetricData call · …" */
  get summary() {
    return this.page.getByText(/^\d+ APIs · \d+ with traffic · \d+ with 5xx errors/);
  }

  async queriesAndCalls(): Promise<{ apis: number; queries: number; calls: number }> {
    const text = await this.summary.innerText();
    const m = /^(\d+) APIs[\s\S]*?(\d+) queries in (\d+) GetMetricData call/.exec(text);
    if (!m) throw new Error(`no query count in "${text}"`);
    return { apis: Number(m[1]), queries: Number(m[2]), calls: Number(m[3]) };
  }

  /** The cells of the row of an API: [name+type, requests, 4xx, 5xx, p99]. */
  async row(name: string): Promise<string[]> {
    const row = this.table.getByRole('row').filter({ has: this.page.getByRole('link', { name, exact: true }) });
    return (await row.getByRole('cell').allInnerTexts()).map((t) => t.trim());
  }

  rangeButton(label: '1h' | '3h' | '12h' | '1d' | '1w' | 'Custom') {
    return this.page.getByRole('group', { name: 'Time range' }).getByRole('button', { name: label, exact: true });
  }

  widget(title: string) {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  /** "Requests: 1,178 in total" and the like, under a widget's chart. */
  figures(title: string) {
    return this.widget(title).getByRole('list', { name: `${title} figures` });
  }

  get throttling() {
    return this.page.getByRole('region', { name: '429 Too Many Requests' });
  }

  get setupChecks() {
    return this.throttling.getByRole('list', { name: '429 counting setup' });
  }

  get review() {
    return this.page.getByRole('region', { name: 'Review changes' });
  }

  get applied() {
    return this.page.getByRole('region', { name: 'Change applied' });
  }
}

/** Counts the GetMetricData requests a page sends to a sandbox (preflights excluded). */
export function countGetMetricData(page: Page, sandboxPort: number) {
  const counter = { calls: 0 };
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.port === String(sandboxPort) && r.method() === 'POST' && r.headers()['x-amz-target'] === 'GraniteServiceVersion20100801.GetMetricData') counter.calls++;
  });
  return counter;
}
