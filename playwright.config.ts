import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in Debian's Chromium (no browser download: CHROMIUM_PATH or /usr/bin/chromium)
 * against the production build served with a fresh demo sandbox on ports of their own, so they never
 * collide with an `npm start` left running.
 */
export const E2E_CONSOLE_PORT = Number(process.env.E2E_PORT ?? 5174);
export const E2E_SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 4581);
/** A second console on the scale profile (1,000 APIs, 10,000 keys) for the tests about size. */
export const E2E_SCALE_PORT = Number(process.env.E2E_SCALE_PORT ?? 5175);
export const E2E_SCALE_SANDBOX_PORT = Number(process.env.E2E_SCALE_SANDBOX_PORT ?? 4582);

export default defineConfig({
  testDir: 'e2e',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://localhost:${E2E_CONSOLE_PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: [
    {
      command: 'npm run build && tsx sandbox/src/start.ts --preview',
      url: `http://localhost:${E2E_CONSOLE_PORT}/config.json`,
      env: { PORT: String(E2E_CONSOLE_PORT), SANDBOX_PORT: String(E2E_SANDBOX_PORT), SANDBOX_PROFILE: 'demo' },
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'pipe',
    },
    {
      // Started after the first is up, so it serves the build the first one made.
      command: 'tsx sandbox/src/start.ts --preview',
      url: `http://localhost:${E2E_SCALE_PORT}/config.json`,
      env: { PORT: String(E2E_SCALE_PORT), SANDBOX_PORT: String(E2E_SCALE_SANDBOX_PORT), SANDBOX_PROFILE: 'scale' },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
    },
  ],
});
