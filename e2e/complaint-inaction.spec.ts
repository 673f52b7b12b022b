import postgres from 'postgres'
import { expect, test } from './fixtures'
import { ownerDatabaseUrl } from './security/db'
import { demoPersonByKey, shot, signInPatient, submitAttachmentAsPatient, switchLanguage, t } from './support'

// Rules p.38: a patient may complain about inaction: a request still without a decision past its deadline. The request's
// deadline is moved into the past in the database (as if the day had gone by with nobody deciding).
const people = { kk: 'azamat', ru: 'zhanar' } as const

for (const locale of ['kk', 'ru'] as const) {
  test(`p.38: a complaint about a request past its deadline without a decision (${locale})`, async ({ page }) => {
    const person = demoPersonByKey(people[locale])
    await signInPatient(page, person.iin)
    await switchLanguage(page, locale)
    const submitted = await submitAttachmentAsPatient(page, person, 'aktau-pc-2', 'residence_change')
    const requestId = submitted.requestId

    // Before its deadline: no complaint offered, and no mark on the deadline.
    await page.goto(`/patient/requests/${requestId}`)
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await expect(page.locator('[data-deadline]')).toHaveCount(0)
    await expect(page.getByRole('button', { name: t(locale, 'complaint.buttonInaction') })).toHaveCount(0)

    const owner = postgres(ownerDatabaseUrl(), { max: 1, onnotice: () => {} })
    try {
      await owner`update requests set due_at = now() - interval '1 hour' where id = ${requestId}`
    } finally {
      await owner.end()
    }
    await page.reload()
    // The patient sees the deadline has passed, without the staff's countdown.
    await expect(page.locator('[data-deadline="overdue"]')).toHaveText(t(locale, 'requests.deadline.passed'))
    await page.getByRole('button', { name: t(locale, 'complaint.buttonInaction') }).click()
    await expect(page.getByRole('heading', { name: t(locale, 'complaint.headingInaction') })).toBeVisible()
    await expect(page.getByText(/1414, 8 800 080 7777/)).toBeVisible()
    await page
      .getByLabel(t(locale, 'complaint.text'), { exact: true })
      .fill(
        locale === 'kk'
          ? 'Өтінім мерзімінде қаралмады, шешім әлі жоқ. Тез арада қарауды сұраймын.'
          : 'Заявление не рассмотрено в срок, решения до сих пор нет. Прошу рассмотреть.',
      )
    await shot(page, `complaint-inaction-form-${locale}`)
    await page.getByRole('button', { name: t(locale, 'complaint.submit') }).click()
    await page.waitForURL(/\/patient\/requests\/[0-9a-f-]{36}\?submitted=1$/)
    await expect(page.getByText(t(locale, 'complaint.subjects.inaction'), { exact: true })).toBeVisible()
    await shot(page, `complaint-inaction-filed-${locale}`)
    if (locale === 'ru') await switchLanguage(page, 'kk')
  })
}
