import { expect, type Page } from '@playwright/test';

export class ApisPage {
  constructor(readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { name: 'APIs', exact: true });
  }

  get table() {
    return this.page.getByRole('table', { name: 'APIs' });
  }

  get rows() {
    return this.table.getByRole('row');
  }

  /** Waits until both lists (v1 and v2) have loaded. */
  async waitLoaded() {
    await expect(this.heading).toBeVisible();
    await expect(this.page.getByText(/^\d+ APIs: \d+ REST, \d+ HTTP, \d+ WebSocket$/)).toBeVisible();
  }

  typeFilter(label: 'REST' | 'HTTP' | 'WebSocket') {
    return this.page.getByRole('group', { name: 'Filter by type' }).getByRole('button', { name: label });
  }

  get search() {
    return this.page.getByRole('searchbox', { name: 'Search APIs' });
  }

  /** The Type cell text of every data row on the current page. */
  async typesShown(): Promise<string[]> {
    const cells = this.table.locator('tbody tr td:nth-child(2)');
    return (await cells.allInnerTexts()).map((t) => t.trim());
  }

  async signOut() {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
  }
}
