import { expect, test } from './fixtures'
import { CALENDAR_YEARS } from '../lib/calendar'
import { locales, shot, signInStaff, switchLanguage, t } from './support'

// The working-day calendar: the law's days off of the year, and the government's transfers, which the region's
// administrator enters (issue 15, point 2) and a clinic's chief only sees.
for (const locale of locales) {
  test(`the region's administrator enters and removes a transfer; bad ones are refused at the day (${locale})`, async ({
    page,
  }) => {
    await signInStaff(page, 'admin1')
    await switchLanguage(page, locale)
    await page.goto('/region/calendar?year=2026')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(locale, 'calendar.heading'))
    const holidays = page.getByRole('region', { name: t(locale, 'calendar.holidays', { year: 2026 }) })
    // Reading 1: the official weekday days off of 2026, among them 25 March (Nauryz) and 16 December.
    await expect(holidays.getByRole('row')).toHaveCount(14)
    await expect(holidays).toContainText('25.03.2026')
    await expect(holidays).toContainText('16.12.2026')

    const overrides = page.getByRole('region', { name: t(locale, 'calendar.overridesAll') })
    const dayField = page.getByLabel(t(locale, 'calendar.day'), { exact: true })
    const note = page.getByLabel(t(locale, 'calendar.note'), { exact: true })
    const save = page.getByRole('button', { name: t(locale, 'calendar.save') })
    const dayError = page.locator('#override-day-error')
    const basis = 'Постановление Правительства РК №123'

    // Issue 15: 2099 is past the calendar's data; a Saturday is already a day off.
    await note.fill(basis)
    await dayField.fill('2099-03-10')
    await save.click()
    await expect(dayError).toHaveText(t(locale, 'errors.calendar.outOfYears', CALENDAR_YEARS))
    await dayField.fill(locale === 'kk' ? '2026-12-26' : '2026-12-19')
    await page.getByLabel(t(locale, 'calendar.kinds.day_off'), { exact: true }).check()
    await save.click()
    await expect(dayError).toHaveText(t(locale, 'errors.calendar.weekendDayOff'))
    await expect(note).toHaveValue(basis)
    await shot(page, `region-calendar-error-${locale}`)

    // A working Saturday is taken, and shown with its legal basis.
    const day = locale === 'kk' ? '2026-12-26' : '2026-12-19'
    await page.getByLabel(t(locale, 'calendar.kinds.working_day'), { exact: true }).check()
    await save.click()
    const row = overrides.getByRole('row').filter({ hasText: `${day.slice(8)}.12.2026` })
    await expect(row).toContainText(t(locale, 'calendar.kinds.working_day'))
    await expect(row).toContainText(basis)

    // A second entry for the same day is refused beside the day; the first and its basis stay.
    await dayField.fill(day)
    await note.fill('Другое основание')
    await save.click()
    await expect(dayError).toHaveText(t(locale, 'errors.calendar.dayTaken'))
    await expect(row).toContainText(basis)
    await expect(note).toHaveValue('Другое основание')
    await shot(page, `region-calendar-${locale}`)
    await row.getByRole('button', { name: t(locale, 'calendar.remove') }).click()
    await expect(row).toHaveCount(0)
    await switchLanguage(page, 'kk')
  })

  test(`a clinic's chief sees the calendar but cannot change it (${locale})`, async ({ page }) => {
    await signInStaff(page, 'chief1')
    await switchLanguage(page, locale)
    await page.goto('/chief/calendar?year=2026')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(locale, 'calendar.heading'))
    await expect(page.getByText(t(locale, 'calendar.introReadOnly'))).toBeVisible()
    await expect(page.getByRole('region', { name: t(locale, 'calendar.overridesAll') })).toBeVisible()
    await expect(page.getByRole('button', { name: t(locale, 'calendar.save') })).toHaveCount(0)
    await shot(page, `chief-calendar-${locale}`)
    // The administrator's page is not the chief's: it sends them home.
    await page.goto('/region/calendar')
    await expect(page).toHaveURL(/\/chief$/)
    await switchLanguage(page, 'kk')
  })
}
