import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'Demo-Passw0rd!';

/** The sign-in screen, found by role and label as a person would. */
export class SignInPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/sign-in');
    await expect(this.heading).toBeVisible();
  }

  get heading() {
    return this.page.getByRole('heading', { name: 'Sign in' });
  }

  async signIn(username: string, password = DEMO_PASSWORD) {
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  get alert() {
    return this.page.getByRole('alert');
  }
}
