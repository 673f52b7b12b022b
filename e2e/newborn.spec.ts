import { expect, test } from './fixtures'
import { demoPersonByKey, organizationName, shot, signInPatient, signInStaff, switchLanguage, t } from './support'

// Rules p.9 and p.30: a parent attaches her newborn through the patient pages; discharged from the maternity ward
// 4 days before the application, the child is flagged "late" for the registrar (3 days at the latest).
const clinics = {
  kk: { code: 'aktau-pc-2', registrar: 'registrar2' },
  ru: { code: 'aktau-pc-1', registrar: 'registrar1' },
} as const

for (const locale of ['kk', 'ru'] as const) {
  test(`a parent attaches her newborn; the late application is flagged in the queue (${locale})`, async ({ page, browser }) => {
    const mother = demoPersonByKey('dana')
    const baby = demoPersonByKey('alikhan')
    await signInPatient(page, mother.iin)
    await switchLanguage(page, locale)
    await page.goto('/patient/requests/new/attachment')
    await page.getByRole('radio', { name: baby.name }).check()
    const discharge = new Date(Date.now() + 5 * 3_600_000 - 4 * 86_400_000).toISOString().slice(0, 10)
    await page.getByLabel(t(locale, 'attachmentForm.dischargedOn'), { exact: true }).fill(discharge)
    const clinicSelect = page.getByLabel(t(locale, 'attachmentForm.clinic'), { exact: true })
    const option = clinicSelect.locator('option', { hasText: organizationName(clinics[locale].code, locale) })
    await clinicSelect.selectOption((await option.getAttribute('value'))!)
    await page.getByRole('radio', { name: t(locale, 'patient.attachment.bases.residence_change') }).check()
    await shot(page, `newborn-form-${locale}`)
    await page.getByRole('button', { name: t(locale, 'attachmentForm.submit') }).click()
    await page.waitForURL(/\/patient\/requests\/[0-9a-f-]{36}/)
    await expect(page.getByText(baby.name)).toBeVisible()

    const desk = await browser.newContext()
    try {
      const deskPage = await desk.newPage()
      await signInStaff(deskPage, clinics[locale].registrar)
      await switchLanguage(deskPage, locale)
      await deskPage.goto('/registrar/queue')
      const row = deskPage.locator('tr[data-row]', { hasText: baby.iin })
      await expect(row).toContainText(t(locale, 'queue.newbornLate'))
      await shot(deskPage, `newborn-queue-${locale}`)
      await row.getByRole('link').click()
      await deskPage.waitForURL(/\/registrar\/requests\//)
      await expect(deskPage.getByText(t(locale, 'requests.newbornLate', { days: 4 }))).toBeVisible()
      await shot(deskPage, `newborn-request-${locale}`)
      if (locale !== 'kk') await switchLanguage(deskPage, 'kk')
    } finally {
      await desk.close()
    }
  })
}
