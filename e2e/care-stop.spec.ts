import { expect, test } from './fixtures'
import { demoPatientList, demoPatients } from '../scripts/seed/demo-data'
import { exactly, expectSms, organizationName, shot, signInStaff, switchLanguage, t } from './support'

const almatyToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date())
const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
const dotted = (day: string) => day.split('-').reverse().join('.')

// Rules p.34: the head of clinic 2 records its liquidation; every attached person is told by SMS, and the board
// shows the deadline and the delivery.
test('the head records that the clinic stops primary care; the attached population gets an SMS (kk, ru)', async ({ page }) => {
  await signInStaff(page, 'head2')
  for (const locale of ['ru', 'kk'] as const) {
    await switchLanguage(page, locale)
    await page.goto('/head/care-stop')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(locale, 'careStop.heading'))
    await shot(page, `head-care-stop-${locale}`)
  }

  // Liquidation needs the day the clinic learned of it: missing, it is refused at the field.
  await page.getByLabel(t('kk', 'careStop.reason'), { exact: true }).selectOption('liquidation')
  const today = almatyToday()
  await page.getByLabel(t('kk', 'careStop.stopsOn'), { exact: true }).fill(plusDays(today, 60))
  await page.getByRole('button', { name: t('kk', 'careStop.submit') }).click()
  await expect(page.locator('#care-stop-learned-error')).toHaveText(t('kk', 'errors.careStop.learnedOnRequired'))

  // Issue 15, point 3: a day learned of in the future is refused by the server's check, before any confirmation.
  await page.getByLabel(t('kk', 'careStop.learnedOn'), { exact: true }).fill(plusDays(today, 1))
  await page.getByRole('button', { name: t('kk', 'careStop.submit') }).click()
  await expect(page.locator('#care-stop-learned-error')).toHaveText(t('kk', 'errors.careStop.learnedInFuture'))
  await expect(page.getByText(exactly('kk', 'careStop.confirm', { count: /\d+/ }))).toHaveCount(0)
  await page.getByLabel(t('kk', 'careStop.learnedOn'), { exact: true }).fill(today)
  await expect(page.getByTestId('care-stop-due')).toHaveText(t('kk', 'careStop.dueHint', { date: dotted(plusDays(today, 2)) }))
  await page.getByLabel(t('kk', 'careStop.note'), { exact: true }).fill('Әкімдік қаулысы № 123')
  await page.getByRole('button', { name: t('kk', 'careStop.submit') }).click()
  // Nothing is sent before the head confirms with the number of people.
  await expect(page.getByText(exactly('kk', 'careStop.confirm', { count: /\d+/ }))).toBeVisible()
  await shot(page, 'head-care-stop-confirm-kk')
  await page.getByRole('button', { name: t('kk', 'careStop.submit') }).click()
  await expect(page.getByText(exactly('kk', 'careStop.saved', { count: /[1-9]\d*/ }))).toBeVisible()

  const row = page.locator('tr[data-testid^="care-stop-"]').first()
  await expect(row).toContainText(t('kk', 'careStop.reasons.liquidation'))
  await expect(row).toContainText(t('kk', 'careStop.onTime'))
  // The board follows delivery by itself until every message is out.
  await expect(row.getByRole('progressbar')).toHaveAttribute('aria-valuenow', /^[1-9]\d*$/)
  await expect
    .poll(async () => {
      const bar = row.getByRole('progressbar')
      return (await bar.getAttribute('aria-valuenow')) === (await bar.getAttribute('aria-valuemax'))
    })
    .toBe(true)
  await shot(page, 'head-care-stop-sent-kk')
  await switchLanguage(page, 'ru')
  await expect(row).toContainText(t('ru', 'careStop.reasons.liquidation'))
  await shot(page, 'head-care-stop-sent-ru')

  const person = demoPatientList.find((p) => p.iin === demoPatients.otherClinic)!
  await expectSms(page, person.phone!, 'sms.careStopNotice', {
    person: `${person.lastName} ${person.firstName}`,
    clinic: person.locale === 'ru' ? organizationName('aktau-pc-2', 'ru') : organizationName('aktau-pc-2', 'kk'),
    date: dotted(plusDays(today, 60)),
  })
})
