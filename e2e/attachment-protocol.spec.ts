import { expect, test } from './fixtures'
import { addWorkingDays, CALENDAR_YEARS } from '../lib/calendar'
import { demoPersonByKey, expectSms, organizationName, shot, signInStaff, switchLanguage, t } from './support'

const almatyToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date())
const dotted = (day: string) => day.split('-').reverse().join('.')

// Rules p.16, p.35-36: the chief of aktau-pc-2 applies a Fund placement protocol that moves three people of aktau-pc-1
// to it. A list with a bad line applies nothing; the clean list attaches all three, tells two by SMS and lists the
// third, who has no phone, for a written notice.
test('the chief applies a Fund protocol; the people are re-attached and told (kk, ru)', async ({ page }) => {
  const kairat = demoPersonByKey('kairat')
  const lyudmila = demoPersonByKey('lyudmila')
  const beibit = demoPersonByKey('beibit')
  await signInStaff(page, 'chief2')
  for (const locale of ['ru', 'kk'] as const) {
    await switchLanguage(page, locale)
    await page.goto('/chief/protocols')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(locale, 'protocols.heading'))
    await expect(page.getByText(t(locale, 'protocols.empty'))).toBeVisible()
    await shot(page, `chief-protocols-${locale}`)
    // Issue 15, point 1: a day past the calendar's data (2099) is refused at the field; the page stays, and so does
    // what was typed.
    await page.getByLabel(t(locale, 'protocols.number'), { exact: true }).fill('ФП-2099')
    await page.getByLabel(t(locale, 'protocols.receivedOn'), { exact: true }).fill('2099-03-10')
    await expect(page.getByTestId('protocol-due')).toHaveCount(0)
    await page.getByRole('button', { name: t(locale, 'protocols.submit') }).click()
    await expect(page.locator('#protocol-received-error')).toHaveText(t(locale, 'errors.calendar.outOfYears', CALENDAR_YEARS))
    await expect(page.getByLabel(t(locale, 'protocols.number'), { exact: true })).toHaveValue('ФП-2099')
    await shot(page, `chief-protocols-far-future-${locale}`)
  }

  const today = almatyToday()
  const number = 'ФП-318'
  await page.getByLabel(t('kk', 'protocols.kind'), { exact: true }).selectOption('fund_placement')
  await page.getByLabel(t('kk', 'protocols.number'), { exact: true }).fill(number)
  await page.getByLabel(t('kk', 'protocols.receivedOn'), { exact: true }).fill(today)
  await page.getByLabel(t('kk', 'protocols.basis'), { exact: true }).selectOption('clinic_refusal')
  // p.35: received today, due by the end of the next working day.
  await expect(page.getByTestId('protocol-due')).toContainText(dotted(addWorkingDays(today, 1)))

  // A mistyped IIN (checksum) and a section aktau-pc-2 does not have: every bad line is listed by the server's check
  // before any confirmation (issue 15, point 3), and nothing is applied.
  const badChecksum = lyudmila.iin.slice(0, 11) + String((Number(lyudmila.iin[11]) + 1) % 10)
  const people = page.getByLabel(t('kk', 'protocols.people'), { exact: true })
  const typed = `${kairat.iin};1\n${badChecksum}\n${beibit.iin};99`
  await people.fill(typed)
  await page.getByRole('button', { name: t('kk', 'protocols.submit') }).click()
  await expect(page.locator('#protocol-people-error')).toHaveText(t('kk', 'errors.protocol.linesInvalid'))
  await expect(page.getByText(t('kk', 'protocols.confirm', { count: 3 }))).toHaveCount(0)
  const lineErrors = page.getByTestId('protocol-line-errors')
  await expect(lineErrors.getByRole('listitem')).toHaveText([
    t('kk', 'errors.protocol.line.iinChecksum', { line: 2 }),
    t('kk', 'errors.protocol.line.foreignSection', { line: 3 }),
  ])
  await expect(people).toHaveValue(typed)
  await expect(page.getByText(t('kk', 'protocols.empty'))).toBeVisible()
  await shot(page, 'chief-protocols-errors-kk')

  await people.fill(`${kairat.iin};1\n${lyudmila.iin}\n${beibit.iin}`)
  await page.getByRole('button', { name: t('kk', 'protocols.submit') }).click()
  // The confirmation names the one person no SMS can reach, for the written notice (issue 15, point 3).
  await expect(page.getByText(t('kk', 'protocols.confirm', { count: 3 }))).toBeVisible()
  const withoutPhone = page.getByTestId('without-phone-check')
  await expect(withoutPhone).toContainText(t('kk', 'protocols.withoutPhoneCheck', { count: 1 }))
  await expect(withoutPhone).toContainText(beibit.iin)
  await expect(withoutPhone).not.toContainText(kairat.iin)
  await shot(page, 'chief-protocols-confirm-kk')
  await page.getByRole('button', { name: t('kk', 'protocols.submit') }).click()
  await expect(page.getByText(t('kk', 'protocols.saved', { attached: 3, queued: 2, withoutPhone: 1 }))).toBeVisible()

  const row = page.locator('tr[data-testid^="protocol-"]').first()
  await expect(row).toContainText(number)
  await expect(row).toContainText(t('kk', 'protocols.kinds.fund_placement'))
  await expect(row).toContainText(t('kk', 'protocols.onTime'))
  await expect
    .poll(async () => {
      const bar = row.getByRole('progressbar')
      return (await bar.getAttribute('aria-valuenow')) === (await bar.getAttribute('aria-valuemax'))
    })
    .toBe(true)

  // p.36: the one person with no phone is listed for a written notice, and the CSV has his address.
  const written = page.locator('section[data-testid^="protocol-written-"]')
  await expect(written).toContainText(beibit.iin)
  await expect(written).toContainText(beibit.address)
  const href = await row.getByRole('link', { name: t('kk', 'protocols.downloadCsv') }).getAttribute('href')
  const csv = await (await page.request.get(href!)).text()
  expect(csv).toContain(`"${beibit.iin}";"${beibit.address}"`)
  expect(csv).not.toContain(kairat.iin)
  await shot(page, 'chief-protocols-applied-kk')
  await switchLanguage(page, 'ru')
  await expect(row).toContainText(t('ru', 'protocols.kinds.fund_placement'))
  await shot(page, 'chief-protocols-applied-ru')

  await expectSms(page, kairat.phone!, 'sms.attachmentProtocol', {
    person: 'Ибраев Қайрат',
    number,
    date: dotted(today),
    clinic: organizationName('aktau-pc-2', 'kk'),
  })
  await expectSms(page, lyudmila.phone!, 'sms.attachmentProtocol', {
    person: 'Ковалёва Людмила',
    number,
    date: dotted(today),
    clinic: organizationName('aktau-pc-2', 'ru'),
  })
})
