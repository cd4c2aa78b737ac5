import { defineConfig } from '@playwright/test';

// The e2e server is the real platform (`scripts/start.ts`) on its own ports and a fresh data
// directory: embedded PostgreSQL, the local chain and the batcher, as `npm start` runs them.
const PORT = Number(process.env.E2E_PORT ?? 3199);
export const E2E_BASE_URL = `http://127.0.0.1:${PORT}`;
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? '.data/e2e';
/** Room for the 200 MB file of resumable-upload.spec.ts (uploads of both kinds share the limit). */
export const E2E_MAX_UPLOAD_BYTES = 256 * 1024 * 1024;
export const E2E_PG_PORT = process.env.E2E_PG_PORT ?? '54399';
/** Small enough that the 413 test sends little, large enough for 10,000-record requests. */
export const E2E_API_MAX_BODY_BYTES = 8 * 1024 * 1024;
/** The default; every spec uses its own keys, so only the rate-limit test comes near it. */
export const E2E_API_RATE_LIMIT_PER_MINUTE = 600;

export default defineConfig({
  testDir: 'e2e',
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  reporter: 'list',
  use: {
    baseURL: E2E_BASE_URL,
    acceptDownloads: true,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `rm -rf ${E2E_DATA_DIR} && tsx scripts/start.ts`,
    url: `${E2E_BASE_URL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    env: {
      PORT: String(PORT),
      DATA_DIR: E2E_DATA_DIR,
      EMBEDDED_PG_PORT: E2E_PG_PORT,
      LOCAL_CHAIN_PORT: process.env.E2E_CHAIN_PORT ?? '8599',
      BATCH_INTERVAL_MS: '1000',
      MAX_UPLOAD_BYTES: String(E2E_MAX_UPLOAD_BYTES),
      API_MAX_BODY_BYTES: String(E2E_API_MAX_BODY_BYTES),
      API_RATE_LIMIT_PER_MINUTE: String(E2E_API_RATE_LIMIT_PER_MINUTE),
      NEXT_TELEMETRY_DISABLED: '1',
      // Every spec signs in from 127.0.0.1, so the per-address limit is lifted here; lib/auth/sign-in.int.test.ts
      // shows its 429 (the 11th attempt a minute from one address, while another address still signs in).
      SIGN_IN_RATE_LIMIT_PER_MINUTE: '1000',
    },
  },
});
