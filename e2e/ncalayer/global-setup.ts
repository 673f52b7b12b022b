// Playwright global setup: starts the test NCALayer (wss://127.0.0.1:13579 unless NCALAYER_MOCK_PORT says otherwise)
// in the runner process and returns its teardown. The signer is the demo doctor `doctor1` unless NCALAYER_MOCK_IIN and
// NCALAYER_MOCK_NAME name someone else; his clinic's BIN and name give the organization key (NCALAYER_MOCK_BIN and
// NCALAYER_MOCK_ORGANIZATION name another). The test CA is the committed e2e/ncalayer/fixtures/ca-cert.pem (the app's
// TRUSTED_ROOTS_FILE in e2e); it is also written to NCALAYER_MOCK_CA_FILE when that is set.
// Use from playwright.config.ts: `globalSetup: './e2e/ncalayer/global-setup.ts'`.
import { demoOrganizations, demoStaff } from '../../scripts/seed/demo-data'
import { startNcaLayerMock } from './server'

export const ncaLayerE2eSignerLogin = 'doctor1'

export async function startNcaLayerForE2e(): Promise<() => Promise<void>> {
  const doctor = demoStaff.find((member) => member.login === ncaLayerE2eSignerLogin)
  if (!doctor) throw new Error(`demo staff ${ncaLayerE2eSignerLogin} not found`)
  // The doctor's employee certificate of his clinic: what the clinic's documents are signed with (standard row 4).
  const clinic = demoOrganizations.find((organization) => organization.code === doctor.organization)
  const mock = await startNcaLayerMock({
    organization: process.env.NCALAYER_MOCK_BIN || !clinic ? undefined : { bin: clinic.bin, name: clinic.nameRu.toUpperCase() },
    iin: process.env.NCALAYER_MOCK_IIN || doctor.iin,
    name:
      process.env.NCALAYER_MOCK_NAME || `${doctor.lastName} ${doctor.firstName} ${doctor.middleName ?? ''}`.trim().toUpperCase(),
  })
  console.log(`[e2e] test NCALayer on ${mock.url}`)
  return () => mock.close()
}

export default startNcaLayerForE2e
