import { expect, test } from './fixtures'
import { demoPatients } from '../scripts/seed/demo-data'
import { makeIin } from '../lib/iin'
import { shot, signInStaff, switchLanguage, t } from './support'

// Rules p.30 para 3, p.2(3)-(4): a child is attached at the desk through a legal representative, who is another
// person of full age, with the document proving the representation and the representative's identity document
// recorded. The register's links to the parents are shown and one picks the mother; a 15-year-old's IIN is refused beside the
// field, and nothing is submitted until every part is right.
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

    // The register links the child to both parents; choosing the mother puts her IIN in the field.
    const representative = page.getByLabel(t(locale, 'desk.representativeIin'), { exact: true })
    await expect(page.getByText(t(locale, 'desk.representation.linked'))).toBeVisible()
    await page.getByRole('button', { name: new RegExp(demoPatients.mother) }).click()
    await expect(representative).toHaveValue(demoPatients.mother)
    // Without the document proving the representation and her identity document, refused beside those fields.
    await page.getByRole('button', { name: t(locale, 'desk.submit') }).click()
    await expect(page.locator('#desk-representation-document-number-error')).toHaveText(
      t(locale, 'errors.desk.representation.documentNumberRequired'),
    )
    await expect(page.locator('#desk-representative-identity-number-error')).toHaveText(
      t(locale, 'errors.desk.identityNumberRequired'),
    )
    await shot(page, `desk-representation-missing-${locale}`)

    await page.getByLabel(t(locale, 'desk.representation.documentKind'), { exact: true }).selectOption('birth_certificate')
    await page.getByLabel(t(locale, 'desk.representation.documentNumber'), { exact: true }).fill('I-МҒ 0457812')
    await page.getByLabel(t(locale, 'desk.representation.documentIssuer'), { exact: true }).fill('Ақтау қ. АХАТ бөлімі')
    await page.getByLabel(t(locale, 'desk.representation.documentIssuedOn'), { exact: true }).fill('2016-09-10')
    await page.getByLabel(t(locale, 'desk.representation.identityNumber'), { exact: true }).fill('045612378')

    const teenager = makeIin({ birthDate: '2011-04-04', sex: 'male', serial: 4711 })
    await representative.fill(teenager)
    await page.getByRole('button', { name: t(locale, 'desk.submit') }).click()
    await expect(page.locator('#desk-representative-iin-error')).toHaveText(t(locale, 'errors.desk.representativeUnderage'))
    await expect(representative).toHaveAttribute('aria-invalid', 'true')
    await expect(page).toHaveURL(/\/registrar\/desk/)
    await shot(page, `desk-representative-underage-${locale}`)

    // The child's own IIN is no representative either.
    await representative.fill(demoPatients.child)
    await page.getByRole('button', { name: t(locale, 'desk.submit') }).click()
    await expect(page.locator('#desk-representative-iin-error')).toHaveText(t(locale, 'errors.desk.representativeIsThePerson'))
    if (locale === 'ru') await switchLanguage(page, 'kk')
  })
}
