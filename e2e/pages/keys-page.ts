import { expect, type Page } from '@playwright/test';

export class KeysPage {
  constructor(readonly page: Page) {}

  async goto(base = '') {
    await this.page.goto(`${base}/keys`);
    await expect(this.table).toBeVisible({ timeout: 30_000 });
  }

  get table() {
    return this.page.getByRole('table', { name: 'API keys' });
  }

  get count() {
    return this.page.getByText(/^(\d+ of )?\d+ keys/);
  }

  get search() {
    return this.page.getByRole('searchbox');
  }

  async openKey(name: string) {
    await this.search.fill(name);
    await this.table.getByRole('link', { name, exact: true }).click();
    await expect(this.page.getByRole('heading', { name, level: 1 })).toBeVisible();
  }
}
