import { expect, test } from './fixtures'
import { locales, shot, signInStaff, switchLanguage, t } from './support'

// The working-day calendar: the law's days off of the year, and the government's transfers entered by the chief.
for (const locale of locales) {
  test(`the chief physician enters and removes a transfer of a day off (${locale})`, async ({ page }) => {
    await signInStaff(page, 'chief1')
    await switchLanguage(page, locale)
    await page.goto('/chief/calendar?year=2026')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(locale, 'calendar.heading'))
    const holidays = page.getByRole('region', { name: t(locale, 'calendar.holidays', { year: 2026 }) })
    // Reading 1: the official weekday days off of 2026, among them 25 March (Nauryz) and 16 December.
    await expect(holidays.getByRole('row')).toHaveCount(14)
    await expect(holidays).toContainText('25.03.2026')
    await expect(holidays).toContainText('16.12.2026')

    const overrides = page.getByRole('region', { name: t(locale, 'calendar.overrides', { year: 2026 }) })
    const day = locale === 'kk' ? '2026-12-26' : '2026-12-19'
    await page.getByLabel(t(locale, 'calendar.day'), { exact: true }).fill(day)
    await page.getByRole('button', { name: t(locale, 'calendar.save') }).click()
    await expect(page.locator('#override-note-error')).toHaveText(t(locale, 'errors.calendar.noteRequired'))
    await shot(page, `chief-calendar-error-${locale}`)

    await page.getByLabel(t(locale, 'calendar.note'), { exact: true }).fill('Постановление Правительства РК №123')
    await page.getByRole('button', { name: t(locale, 'calendar.save') }).click()
    const row = overrides.getByRole('row').filter({ hasText: `${day.slice(8)}.12.2026` })
    await expect(row).toContainText(t(locale, 'calendar.kinds.working_day'))
    await shot(page, `chief-calendar-${locale}`)
    await row.getByRole('button', { name: t(locale, 'calendar.remove') }).click()
    await expect(row).toHaveCount(0)
    await switchLanguage(page, 'kk')
  })
}
