import { defineConfig, devices } from '@playwright/test'
import { ncaLayerMockFixtures, ncaLayerMockSpkiHash } from './e2e/ncalayer/tls'
import {
  baseURL,
  e2eDataDir,
  e2ePgPort,
  e2ePort,
  productionAppUrl,
  productionBaseURL,
  productionDataDir,
  productionPgPort,
  productionPort,
} from './e2e/server-env'

export { baseURL }

// The end-to-end suite runs the built app exactly as `npm start` does, on a fresh embedded database of its own.
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000, // flows with several people signing in; a loaded 2-core machine needs the room
  expect: { timeout: 10_000 },
  reporter: [['list']],
  // The test NCALayer (e2e/ncalayer/server.ts) on wss://127.0.0.1:13579, the address the built app connects to.
  globalSetup: './e2e/ncalayer/global-setup.ts',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    viewport: { width: 1366, height: 768 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        // Accept the test NCALayer's self-signed WSS certificate, and only that one (by its public key hash).
        `--ignore-certificate-errors-spki-list=${ncaLayerMockSpkiHash()}`,
      ],
    },
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: 'security/**',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1366, height: 768 } },
    },
    // The access-control sweep and the fuzz (e2e/security/README.md): HTTP requests only, no browser. After the flows
    // in `npm run test:e2e` (so it also runs on the data they changed); alone on a fresh database with
    // `npm run test:security` (--no-deps).
    {
      name: 'security',
      testDir: 'e2e/security',
      dependencies: ['chromium'],
      timeout: 240_000,
    },
  ],
  webServer: [
    {
      command: `rm -rf ${e2eDataDir} && node --import tsx scripts/start.ts`,
      url: `${baseURL}/login`,
      timeout: 180_000,
      // E2E_REUSE_SERVER=1: use a server already listening on E2E_PORT (e.g. while writing the security harness).
      reuseExistingServer: process.env.E2E_REUSE_SERVER === '1',
      stdout: 'pipe',
      env: {
        DATABASE_URL: '',
        TIRKEU_DATA_DIR: e2eDataDir,
        PORT: String(e2ePort),
        PG_PORT: String(e2ePgPort),
        // The demo SMS inbox (/dev/inbox), where the suites read sign-in codes.
        TIRKEU_DEMO: '1',
        SMS_PROVIDER_URL: '',
        NEXT_TELEMETRY_DISABLED: '1',
        // The QR codes and the address under them open this server's /verify/<code>.
        APP_URL: baseURL,
        // Signatures made by the test NCALayer chain to this test CA.
        TRUSTED_ROOTS_FILE: ncaLayerMockFixtures.caCert,
        // The `tirkeu-test-clock` cookie moves the time /verify and the patient's pages read (an expired certificate).
        TIRKEU_TEST_CLOCK: '1',
      },
    },
    {
      // Set up as production is: an SMS provider (nothing listens there; the outbox retries), HTTPS in front, a proxy.
      command: `rm -rf ${productionDataDir} && node --import tsx scripts/start.ts`,
      url: `${productionBaseURL}/login`,
      timeout: 180_000,
      reuseExistingServer: process.env.E2E_REUSE_SERVER === '1',
      stdout: 'pipe',
      env: {
        DATABASE_URL: '',
        TIRKEU_DATA_DIR: productionDataDir,
        PORT: String(productionPort),
        PG_PORT: String(productionPgPort),
        SMS_PROVIDER_URL: 'http://127.0.0.1:9/sms',
        TRUSTED_PROXIES: '127.0.0.1',
        NEXT_TELEMETRY_DISABLED: '1',
        APP_URL: productionAppUrl,
      },
    },
  ],
})
