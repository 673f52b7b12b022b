import postgres from 'postgres'
import { expect, test } from './fixtures'
import { demoLogins } from '../scripts/seed/demo-data'
import { ownerDatabaseUrl } from './security/db'
import { exactly, locales, mother, shot, signInStaff, switchLanguage, t } from './support'

// Issue 13: a search that runs past its statement budget (db/statement-budget.ts: 2 s for a search, 3 s for a page)
// answers "refine the search" next to the field, in the person's language, and the page stays usable. The register's
// table is held by another session for the length of the search, so the search waits on it past its budget.
for (const locale of locales) {
  test(`a search cut short by its budget asks to refine it, next to the field (${locale})`, async ({ page }) => {
    await signInStaff(page, demoLogins.registrar)
    await switchLanguage(page, locale)
    const holder = postgres(ownerDatabaseUrl(), { max: 1, onnotice: () => {} })
    const [lastName] = mother.name.split(' ') as [string]
    try {
      await holder.begin(async (tx) => {
        await tx`lock table register_entries in access exclusive mode`
        await page.goto(`/registrar?q=${encodeURIComponent(lastName)}`)
        const search = page.getByRole('search')
        await expect(search.getByRole('alert')).toHaveText(t(locale, 'errors.search.refine'))
        await expect(search.getByLabel(exactly(locale, 'patientSearch.label'))).toHaveAttribute('aria-invalid', 'true')
        await expect(search.getByLabel(exactly(locale, 'patientSearch.label'))).toHaveValue(lastName)
        await shot(page, `registrar-search-refine-${locale}`)

        await page.goto(`/registrar/register?q=${encodeURIComponent(lastName)}`)
        const filter = page.getByRole('search')
        await expect(filter.getByRole('alert')).toHaveText(t(locale, 'errors.search.refine'))
        await expect(filter.getByRole('textbox')).toHaveValue(lastName)
        await expect(page.getByRole('main').getByRole('table')).toHaveCount(0)
        await shot(page, `registrar-register-refine-${locale}`)
      })
    } finally {
      await holder.end()
    }
    // Once the table is free, the same search answers.
    await page.goto(`/registrar?q=${encodeURIComponent(lastName)}`)
    await expect(page.getByRole('table', { name: /.+/ }).getByRole('link', { name: mother.name })).toBeVisible()
    if (locale === 'ru') await switchLanguage(page, 'kk')
  })
}
