import { defineConfig } from '@playwright/test';

/** Where scripts/test.js finds the machine-readable results of the last run. */
export const playwrightJsonReport = '.stowage-test/reports/playwright.json';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // One app, one engine and one socket proxy per worker; specs change the engine's state.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: playwrightJsonReport }]],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's chromium: Playwright's own browsers cannot be downloaded here.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
