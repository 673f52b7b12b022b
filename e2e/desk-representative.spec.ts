import { expect, test } from './fixtures'
import { demoPatients } from '../scripts/seed/demo-data'
import { makeIin } from '../lib/iin'
import { shot, signInStaff, switchLanguage, t } from './support'

// Rules p.30 para 3, p.2(3)-(4): a child is attached at the desk through a legal representative, who is another
// person of full age. A 15-year-old's IIN as the representative is refused beside the field, and nothing is submitted.
for (const locale of ['kk', 'ru'] as const) {
  test(`p.30 para 3: a representative under 18 is refused at the desk (${locale})`, async ({ page }) => {
    await signInStaff(page, 'registrar1')
    await switchLanguage(page, locale)
    await page.goto('/registrar/desk')
    await page.getByLabel(t(locale, 'patient.iin'), { exact: true }).fill(demoPatients.child)
    await page.getByLabel(t(locale, 'patient.iin'), { exact: true }).press('Enter')
    await expect(page.getByRole('heading', { level: 2 })).toBeVisible()

    await page.getByLabel(t(locale, 'desk.category'), { exact: true }).selectOption('born_abroad_child_representative')
    await page.getByLabel(t(locale, 'desk.documentKind'), { exact: true }).selectOption('birth_certificate')
    await page.getByLabel(t(locale, 'desk.documentNumber'), { exact: true }).fill('I-МҒ 0457812')
    await page.getByLabel(t(locale, 'desk.documentIssuer'), { exact: true }).fill('Ақтау қ. АХАТ бөлімі')
    await page.getByLabel(t(locale, 'attachmentForm.section'), { exact: true }).selectOption({ index: 1 })
    const teenager = makeIin({ birthDate: '2011-04-04', sex: 'male', serial: 4711 })
    await page.getByLabel(t(locale, 'desk.representativeIin'), { exact: true }).fill(teenager)
    await page.getByRole('button', { name: t(locale, 'desk.submit') }).click()

    await expect(page.locator('#desk-representative-iin-error')).toHaveText(t(locale, 'errors.desk.representativeUnderage'))
    await expect(page.getByLabel(t(locale, 'desk.representativeIin'), { exact: true })).toHaveAttribute('aria-invalid', 'true')
    await expect(page).toHaveURL(/\/registrar\/desk/)
    await shot(page, `desk-representative-underage-${locale}`)

    // The child's own IIN is no representative either.
    await page.getByLabel(t(locale, 'desk.representativeIin'), { exact: true }).fill(demoPatients.child)
    await page.getByRole('button', { name: t(locale, 'desk.submit') }).click()
    await expect(page.locator('#desk-representative-iin-error')).toHaveText(t(locale, 'errors.desk.representativeIsThePerson'))
    if (locale === 'ru') await switchLanguage(page, 'kk')
  })
}
