import { defineConfig } from '@playwright/test';
import {
  CHROMIUM_PATH,
  CONFIGURED_ENV,
  CONFIGURED_PORT,
  MISCONFIGURED_ENV,
  MISCONFIGURED_PORT,
  ORIGIN,
  PLAYWRIGHT_ARGS,
  REPORTS_DIR,
  STORE_DIR,
} from './support/settings';

const serve = (name: string, port: number, env: Record<string, string>, store?: string) =>
  `node support/serve.mjs ${name} ${port} '${JSON.stringify(env)}'${store ? ` ${store}` : ''}`;

export default defineConfig({
  testDir: './specs',
  outputDir: './test-results',
  globalSetup: './support/global-setup.ts',
  fullyParallel: true,
  workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 2,
  // A flaky test is a failing test here: no retries hide it.
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: {
    timeout: 5_000,
    // Visual comparisons (journey 9): baselines committed under e2e/screenshots/, one per name,
    // made with Debian's Chromium; `npm run update-screenshots` (repo root) rewrites them.
    toHaveScreenshot: {
      pathTemplate: '{testDir}/../screenshots/{arg}{ext}',
      maxDiffPixelRatio: 0.01,
      animations: 'disabled',
      caret: 'hide',
      scale: 'css',
    },
  },
  reporter: [
    ['list'],
    ['json', { outputFile: `${REPORTS_DIR}/playwright-e2e.json` }],
    ['html', { outputFolder: './playwright-report', open: 'never' }],
  ],
  use: {
    baseURL: ORIGIN,
    // Chromium's own user agent (Linux here): the Success page recommends by platform.
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: CHROMIUM_PATH, args: [...PLAYWRIGHT_ARGS] },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    locale: 'en-US',
    timezoneId: 'UTC',
  },
  projects: [{ name: 'chromium' }],
  webServer: [
    {
      command: serve('configured', CONFIGURED_PORT, CONFIGURED_ENV, STORE_DIR),
      url: `${ORIGIN}/robots.txt`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
    },
    {
      command: serve('misconfigured', MISCONFIGURED_PORT, MISCONFIGURED_ENV),
      url: `http://127.0.0.1:${MISCONFIGURED_PORT}/robots.txt`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
    },
  ],
});
