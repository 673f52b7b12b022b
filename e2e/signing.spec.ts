import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, test, type Page } from './fixtures'
import { demoOrganizations, demoStaff } from '../scripts/seed/demo-data'
import { demoPersonByKey, exactly, shot, signInPatient, signInStaff, switchLanguage, t, type DemoPerson } from './support'

const out = fileURLToPath(new URL('../test-results/signing/', import.meta.url))
const screenshots = fileURLToPath(new URL('./screenshots/', import.meta.url))
const demoPin = '123456'

const rowOf = (page: Page, person: DemoPerson) => page.locator('tr[data-row]', { hasText: person.iin })
// A row of the verification page's list, by its label.
const fieldOf = (page: Page, label: string) =>
  page
    .locator('dl > div')
    .filter({ has: page.locator('dt').getByText(label, { exact: true }) })
    .locator('dd')
// doctor1 and his clinic, whose BIN the certificate that signs its documents carries.
const signer = demoStaff.find((member) => member.login === 'doctor1')!
const clinic = demoOrganizations.find((organization) => organization.code === signer.organization)!

// Issue 6: the demo data leaves three attachment notices in doctor1's inbox (signA, signB, signC). He ticks all three,
// types a wrong PIN once, then the right one: one PIN entry signs the batch. The patient downloads her signed notice;
// the address its QR code carries opens the public verification page, which says who signed it: the doctor (name, IIN
// masked) and, since the notice is signed with the clinic's signature, the clinic (name and BIN).
test('a doctor signs three documents in one batch with one PIN; the patient downloads the signed PDF; its QR address verifies it, showing the person and the clinic (standard row 4, Rules of attachment p.25)', async ({
  page,
  browser,
}) => {
  test.slow()
  const people = ['signA', 'signB', 'signC'].map(demoPersonByKey)
  await signInStaff(page, 'doctor1')
  for (const locale of ['ru', 'kk'] as const) {
    await switchLanguage(page, locale)
    await page.goto('/doctor/sign')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(locale, 'signingInbox.heading'))
    for (const person of people) await expect(rowOf(page, person)).toContainText(t(locale, 'documents.kinds.attachment_notice'))
    // The first row's PDF is shown beside the list.
    await expect(page.locator('iframe[src^="/documents/"]')).toBeVisible()
    await shot(page, `doctor-sign-inbox-${locale}`)
  }

  for (const person of people) await rowOf(page, person).getByRole('checkbox').check()
  const signButton = page.getByRole('button', { name: t('kk', 'signingInbox.sign', { count: 3 }) })
  const pin = page.getByLabel(t('kk', 'signingInbox.pin'), { exact: true })

  await pin.fill('000000')
  await signButton.click()
  await expect(page.locator('#signing-pin-error')).toHaveText(t('kk', 'errors.signing.wrongPin'))
  await expect(pin).toHaveValue('000000')
  for (const person of people) await expect(rowOf(page, person).getByRole('checkbox')).toBeChecked()
  await shot(page, 'doctor-sign-wrong-pin-kk')

  await pin.fill(demoPin)
  await signButton.click()
  await expect(page.getByTestId('signing-outcome')).toHaveText(t('kk', 'signingInbox.signed', { count: 3 }))
  for (const person of people) await expect(rowOf(page, person)).toHaveCount(0)
  await shot(page, 'doctor-sign-done-kk')

  // The patient finds the notice on her request's page, issued, and downloads the signed PDF.
  const patientContext = await browser.newContext()
  const verifierContext = await browser.newContext()
  try {
    const patient = await patientContext.newPage()
    const [person] = people
    await signInPatient(patient, person!.iin)
    await patient.goto('/patient/requests')
    await patient
      .getByRole('link', { name: /№\s*\d+/ })
      .first()
      .click()
    const documents = patient.getByRole('region', { name: t('kk', 'documents.heading'), exact: true })
    const notice = documents.getByRole('listitem').filter({ hasText: t('kk', 'documents.kinds.attachment_notice') })
    await expect(notice).toContainText(t('kk', 'documents.statuses.issued'))
    await shot(patient, 'patient-request-documents-kk')
    const href = await notice.getByRole('link', { name: t('kk', 'documents.download') }).getAttribute('href')
    const response = await patient.request.get(href!)
    expect(response.headers()['content-type']).toBe('application/pdf')
    const pdf = await response.body()
    mkdirSync(out, { recursive: true })
    writeFileSync(`${out}notice.pdf`, pdf)
    const text = execFileSync('pdftotext', ['-layout', `${out}notice.pdf`, '-'], { encoding: 'utf8' })
    expect(text).toContain(person!.name.split(' ')[0]!)
    const doctor = /Қол қойған \/ Подписал: (.+)/.exec(text)?.[1]?.trim()
    expect(doctor).toBeTruthy()
    // What the QR code carries is printed under it.
    const address = /(http:\/\/\S+\/verify\/[0-9A-Z]{10})/.exec(text)?.[1]
    expect(address, text).toBeTruthy()
    execFileSync('pdftoppm', ['-png', '-r', '110', '-singlefile', `${out}notice.pdf`, `${screenshots}signed-notice-pdf`])

    // Anyone, without signing in, opens the QR address.
    const verifier = await verifierContext.newPage()
    for (const locale of ['kk', 'ru'] as const) {
      await verifier.goto(address!)
      await switchLanguage(verifier, locale)
      await expect(verifier.getByRole('heading', { level: 1 })).toHaveText(t(locale, 'verify.verdict.genuine'))
      await expect(verifier.getByText(doctor!).first()).toBeVisible()
      await expect(verifier.getByText(person!.iin)).toHaveCount(0)
      // Standard row 4: the person who signed, IIN masked, and the clinic the certificate names, with its BIN.
      await expect(fieldOf(verifier, t(locale, 'verify.fields.signedBy'))).toHaveText(
        t(locale, 'verify.signedByLine', { name: doctor!, iin: `${signer.iin.slice(0, 2)}********${signer.iin.slice(10)}` }),
      )
      await expect(fieldOf(verifier, t(locale, 'verify.fields.organization'))).toHaveText(
        t(locale, 'verify.organizationLine', { name: clinic.nameRu, bin: clinic.bin }),
      )
      await expect(verifier.getByText(signer.iin)).toHaveCount(0)
      await shot(verifier, `verify-genuine-${locale}`)
    }

    // The downloaded file itself, uploaded on /verify, is recognized as that signed document.
    await verifier.goto('/verify')
    await verifier.getByLabel(t('ru', 'verify.pdf.label'), { exact: true }).setInputFiles(`${out}notice.pdf`)
    await verifier.getByRole('button', { name: t('ru', 'verify.pdf.submit') }).click()
    await expect(verifier.getByRole('status').locator('p').first()).toHaveText(
      exactly('ru', 'verify.pdf.match', { kind: t('ru', 'documents.kinds.attachment_notice'), number: /\d+/ }),
    )
    await shot(verifier, 'verify-upload-ru')
  } finally {
    await Promise.all([patientContext.close(), verifierContext.close()])
  }
})

// The NCALayer path end to end: the test NCALayer (e2e/ncalayer/server.ts, on wss://127.0.0.1:13579) signs with a key
// certified for doctor1 by a test CA the server trusts; the server checks the signature before it stores it.
test('a doctor signs with NCALayer in the browser; the signature is checked and the document issued', async ({ page }) => {
  const person = demoPersonByKey('signD')
  await signInStaff(page, 'doctor1')
  await switchLanguage(page, 'kk')
  await page.goto('/doctor/sign')
  await page.getByRole('radio', { name: t('kk', 'signingInbox.methods.ncalayer') }).check()
  await expect(page.getByLabel(t('kk', 'signingInbox.pin'), { exact: true })).toHaveCount(0)
  await rowOf(page, person).getByRole('checkbox').check()
  await shot(page, 'doctor-sign-ncalayer-kk')
  await page.getByRole('button', { name: t('kk', 'signingInbox.sign', { count: 1 }) }).click()
  await expect(page.getByTestId('signing-outcome')).toHaveText(t('kk', 'signingInbox.signed', { count: 1 }))
  await expect(rowOf(page, person)).toHaveCount(0)
})

// A signer who finds a mistake sends the document back with a reason; the registrar's queue shows it as returned.
test('a registrar refuses to sign a coupon with a reason; it goes back to the queue', async ({ page }) => {
  const person = demoPersonByKey('signC')
  await signInStaff(page, 'registrar1')
  await switchLanguage(page, 'kk')
  await page.goto('/registrar/sign')
  const row = rowOf(page, person)
  await row.click()
  await page.getByRole('button', { name: t('kk', 'signingInbox.refuse') }).click()
  await page.getByRole('button', { name: t('kk', 'signingInbox.refuseSubmit') }).click()
  await expect(page.locator('#refusal-reason-error')).toHaveText(t('kk', 'errors.document.reasonRequired'))
  await page.getByLabel(t('kk', 'signingInbox.refuseReason')).fill('Мекенжайда пәтер нөмірі жоқ, тексеру керек.')
  await page.getByRole('button', { name: t('kk', 'signingInbox.refuseSubmit') }).click()
  await expect(page.getByTestId('signing-outcome')).toContainText(exactly('kk', 'signingInbox.returned', { number: /\d+/ }))
  await expect(row).toHaveCount(0)
  await page.goto('/registrar/queue')
  await expect(page.locator('tr[data-row]', { hasText: person.iin })).toContainText(t('kk', 'documents.queueReturned'))
})
