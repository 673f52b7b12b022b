import { defineConfig, devices } from '@playwright/test'
import { ncaLayerMockFixtures, ncaLayerMockSpkiHash } from './e2e/ncalayer/tls'

const port = Number(process.env.E2E_PORT ?? 3100)
export const baseURL = `http://127.0.0.1:${port}`

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
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1366, height: 768 } } }],
  webServer: {
    command: 'rm -rf .data/e2e && node --import tsx scripts/start.ts',
    url: `${baseURL}/login`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      DATABASE_URL: '',
      TIRKEU_DATA_DIR: '.data/e2e',
      PORT: String(port),
      PG_PORT: String(Number(process.env.E2E_PG_PORT ?? 54339)),
      SMS_PROVIDER_URL: '',
      NEXT_TELEMETRY_DISABLED: '1',
      // The QR codes and the address under them open this server's /verify/<code>.
      APP_URL: baseURL,
      // Signatures made by the test NCALayer chain to this test CA.
      TRUSTED_ROOTS_FILE: ncaLayerMockFixtures.caCert,
    },
  },
})
