import { expect, type Page } from '@playwright/test';
import { ApisPage } from './apis-page.js';

/** An API's detail page and one of its stages, reached the way an operator clicks there. */
export class StagePage {
  constructor(readonly page: Page) {}

  async openApi(apiName: string) {
    await this.page.goto('/apis');
    await new ApisPage(this.page).waitLoaded();
    await this.page.getByRole('table', { name: 'APIs' }).getByRole('link', { name: apiName, exact: true }).click();
    await expect(this.page.getByRole('table', { name: 'Stages' })).toBeVisible();
  }

  async open(apiName: string, stageName: string) {
    await this.openApi(apiName);
    await this.page.getByRole('table', { name: 'Stages' }).getByRole('link', { name: stageName, exact: true }).click();
    await expect(this.page.getByRole('heading', { name: `Stage ${stageName}` })).toBeVisible();
    await expect(this.page.getByRole('table', { name: 'Throttling' })).toBeVisible();
  }

  get throttling() {
    return this.page.getByRole('table', { name: 'Throttling' });
  }

  /** The rate and burst cells of a throttling row ("Stage default", "GET /pets", "POST /orders"). */
  async limits(appliesTo: string): Promise<[string, string]> {
    const row = this.throttling.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: appliesTo, exact: true }) });
    const cells = await row.getByRole('cell').allInnerTexts();
    return [cells[0]!.trim(), cells[1]!.trim()];
  }

  get review() {
    return this.page.getByRole('region', { name: 'Review changes' });
  }

  get changes() {
    return this.page.getByRole('table', { name: 'Changes' });
  }

  async apply() {
    await this.review.getByRole('button', { name: 'Apply' }).click();
  }

  get applied() {
    return this.page.getByRole('region', { name: 'Change applied' });
  }

  /** The exact request(s) shown in the preview, parsed back from their JSON. */
  async previewedRequests(): Promise<unknown[]> {
    const blocks = await this.review.locator('pre').allInnerTexts();
    return blocks.map((b) => JSON.parse(b));
  }
}
