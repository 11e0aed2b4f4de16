import { expect, type Page } from '@playwright/test';

/** The usage plans list and a plan's page, reached the way an operator clicks there. */
export class UsagePlanPage {
  constructor(readonly page: Page) {}

  async gotoList() {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Usage plans' }).click();
    await expect(this.page.getByRole('heading', { name: 'Usage plans', exact: true })).toBeVisible();
    await expect(this.list.locator('tbody tr').first()).toBeVisible();
  }

  get list() {
    return this.page.getByRole('table', { name: 'Usage plans' });
  }

  row(planName: string) {
    return this.list.getByRole('row').filter({ has: this.page.getByRole('link', { name: planName, exact: true }) });
  }

  get search() {
    return this.page.getByRole('searchbox', { name: 'Search usage plans' });
  }

  async open(planName: string) {
    await this.gotoList();
    await this.list.getByRole('link', { name: planName, exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: planName })).toBeVisible();
  }

  get stages() {
    return this.page.getByRole('table', { name: 'API stages' });
  }

  get keys() {
    return this.page.getByRole('table', { name: 'API keys in this plan' });
  }

  get remaining() {
    return this.page.getByRole('table', { name: 'Remaining quota' });
  }

  get chart() {
    return this.page.getByRole('img', { name: /^Requests per key per day/ });
  }

  get review() {
    return this.page.getByRole('region', { name: 'Review changes' });
  }

  get changes() {
    return this.review.getByRole('table', { name: 'Changes' });
  }

  get applied() {
    return this.page.getByRole('region', { name: 'Change applied' });
  }

  /** AWS's UpdateUsagePlan quota, counted down where the operator waits. */
  get slotNotice() {
    return this.page.getByRole('status').filter({ hasText: 'AWS allows one change to a usage plan every 20 seconds' });
  }

  async edit() {
    await this.page.getByRole('button', { name: 'Edit plan' }).click();
    await expect(this.page.getByRole('form', { name: 'Edit usage plan' })).toBeVisible();
  }

  async reviewChanges() {
    await this.page.getByRole('button', { name: 'Review changes' }).click();
    await expect(this.review).toBeVisible();
  }

  /** The exact request(s) shown in the preview, parsed back from their JSON. */
  async previewedRequests(): Promise<any[]> {
    const blocks = await this.review.locator('pre').allInnerTexts();
    return blocks.map((b) => JSON.parse(b));
  }

  /** Applies and waits for the report; a change may first wait up to 22 s for AWS's UpdateUsagePlan slot. */
  async applyAndWait() {
    await this.review.getByRole('button', { name: 'Apply' }).click();
    await expect(this.applied).toBeVisible({ timeout: 60_000 });
  }
}
