import { expect, test, type Page } from './fixtures'
import { demoLogins, demoPatients } from '../scripts/seed/demo-data'
import { demoChildrenOf, exactly, locales, mother, shot, signInStaff, switchLanguage, t, type Locale } from './support'

async function search(page: Page, locale: Locale, query: string) {
  const form = page.getByRole('search')
  await form.getByLabel(exactly(locale, 'patientSearch.label')).fill(query)
  await form.getByRole('button', { name: exactly(locale, 'patientSearch.submit') }).click()
  await page.waitForURL((url) => url.searchParams.get('q') === query)
}

for (const locale of locales) {
  test(`registrar finds a patient by name and by IIN and opens the card (${locale})`, async ({ page }) => {
    await signInStaff(page, demoLogins.registrar)
    await expect(page).toHaveURL('/registrar')
    await switchLanguage(page, locale)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(locale, 'patientSearch.heading'))

    // By the start of the surname and the full first name ("Жұмаб Айгүл").
    const [lastName, firstName] = mother.name.split(' ') as [string, string]
    await search(page, locale, `${lastName.slice(0, 5)} ${firstName}`)
    const results = page.getByRole('table', { name: /.+/ })
    await expect(results).toBeVisible()
    await expect(results).toHaveAccessibleName(t(locale, 'patientSearch.results', { count: 1 }))
    await expect(results.getByRole('columnheader', { name: t(locale, 'patientSearch.columns.name') })).toBeVisible()
    await expect(results.getByRole('link')).toHaveText([mother.name])
    await expect(results).toContainText(mother.iin)
    await shot(page, `registrar-search-name-${locale}`)

    // By the surname alone: the whole family with that surname prefix, the mother among them.
    await search(page, locale, lastName)
    await expect(results.getByRole('link', { name: mother.name })).toBeVisible()

    // A mistyped IIN is refused at the search field, as everywhere else.
    const wrongIin = demoPatients.mother.slice(0, 11) + String((Number(demoPatients.mother[11]) + 1) % 10)
    await search(page, locale, wrongIin)
    await expect(page.getByRole('search').getByRole('alert')).toHaveText(t(locale, 'errors.iin.checksum'))
    await expect(page.getByRole('search').getByLabel(exactly(locale, 'patientSearch.label'))).toHaveAttribute(
      'aria-invalid',
      'true',
    )
    await expect(results).toHaveCount(0)
    await shot(page, `registrar-search-wrong-iin-${locale}`)

    // By the full IIN: exactly her.
    await search(page, locale, demoPatients.mother)
    await expect(results.getByRole('link')).toHaveText([mother.name])
    await shot(page, `registrar-search-iin-${locale}`)

    await results.getByRole('link', { name: mother.name }).click()
    await expect(page).toHaveURL(/\/registrar\/patients\/\d+$/)
    await expect(page.getByRole('heading', { level: 1, name: mother.name })).toBeVisible()
    await expect(page.getByText(mother.iin, { exact: true })).toBeVisible()
    await expect(page.getByRole('heading', { name: t(locale, 'patient.attachment.heading'), exact: true })).toBeVisible()
    // The current attachment (the card also lists the attachment history below it).
    await expect(
      page.getByRole('definition').filter({ hasText: t(locale, 'patient.attachment.bases.residence_change') }),
    ).toBeVisible()
    const family = page.getByRole('region', { name: t(locale, 'patient.family.heading') })
    for (const child of demoChildrenOf(demoPatients.mother)) {
      await expect(family.getByRole('link', { name: child.name })).toHaveAttribute('href', /^\/registrar\/patients\/\d+$/)
    }
    await shot(page, `registrar-patient-card-${locale}`)
  })

  test(`doctor opens a patient from the section list (${locale})`, async ({ page }) => {
    await signInStaff(page, demoLogins.doctor)
    await expect(page).toHaveURL('/doctor')
    await switchLanguage(page, locale)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(locale, 'doctorHome.heading'))

    // doctor1 serves section 1 of clinic 1, where the mother is attached.
    const section = page.getByRole('region', {
      name: exactly(locale, 'doctorHome.patientsOfSection', { number: '1', count: /\d+/ }),
    })
    await expect(section).toBeVisible()
    await section.getByRole('link', { name: mother.name }).click()
    await expect(page).toHaveURL(/\/doctor\/patients\/\d+$/)
    await expect(page.getByRole('heading', { level: 1, name: mother.name })).toBeVisible()
    await expect(page.getByText(mother.iin, { exact: true })).toBeVisible()
    await shot(page, `doctor-patient-card-${locale}`)
  })
}
