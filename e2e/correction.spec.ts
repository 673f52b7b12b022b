import { expect, test, type Browser, type Page } from './fixtures'
import {
  demoPersonByKey,
  exactly,
  organizationName,
  shot,
  signInPatient,
  signInStaff,
  switchLanguage,
  t,
  callServerAction,
} from './support'

type Locale = 'kk' | 'ru'
const demoPin = '123456'

// Issue 15: a send-back is corrected. A person attached elsewhere asks aktau-pc-1 for attachment; registrar1 approves it
// on section 1 (doctor1's). The doctor returns the notice: the address is wrong. The registrar corrects the address
// (a field left empty is refused beside it and nothing else typed is lost); a new notice with a new number goes to the
// doctor, who signs it; the request's history shows the returned notice, superseded, and the corrected one, issued.
const cases = {
  kk: {
    person: 'yerkanat',
    reason: 'Мекенжай қате: пәтер нөмірі көрсетілмеген.',
    flat: ', 21 пәтер',
  },
  ru: {
    person: 'akmaral',
    reason: 'Адрес неверный: не указан номер квартиры.',
    flat: ', кв. 21',
  },
} as const

async function staffPage(browser: Browser, login: string, locale: Locale): Promise<Page> {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signInStaff(page, login)
  await switchLanguage(page, locale)
  return page
}

const inboxRow = (page: Page, iin: string) => page.locator('tr[data-row]', { hasText: iin })

for (const locale of ['kk', 'ru'] as const) {
  test(`a doctor returns the notice (address wrong), the registrar corrects the address, the doctor signs the corrected one; both stay in the history (${locale})`, async ({
    page,
    browser,
  }) => {
    test.slow()
    const { reason, flat } = cases[locale]
    const person = demoPersonByKey(cases[locale].person)
    const corrected = `${person.address}${flat}`

    // The patient applies to aktau-pc-1 and leaves the section to the clinic.
    await signInPatient(page, person.iin)
    await page.goto('/patient/requests/new/attachment')
    const clinicId = await page
      .getByLabel(t('kk', 'attachmentForm.clinic'), { exact: true })
      .locator('option', { hasText: organizationName('aktau-pc-1', 'kk') })
      .getAttribute('value')
    const patientId = await page.getByRole('radio', { name: person.name }).getAttribute('value')
    const submitted = (await callServerAction(page.request, 'submitAttachmentRequest', '/patient/requests/new/attachment', {
      idempotencyKey: crypto.randomUUID(),
      payload: { patientId, clinicId, sectionId: '', address: person.address, basis: 'free_choice' },
    })) as { ok: boolean; data: { requestId: string } }
    expect(submitted.ok).toBe(true)
    const requestPath = `/registrar/requests/${submitted.data.requestId}`

    // The registrar approves it on section 1, whose doctor signs the notice.
    const desk = await staffPage(browser, 'registrar1', locale)
    await desk.goto(requestPath)
    const section = desk.getByLabel(t(locale, 'decision.section'), { exact: true })
    await section.selectOption((await section.locator('option', { hasText: /^№1 / }).getAttribute('value'))!)
    await desk.getByRole('button', { name: new RegExp(`^${t(locale, 'decision.approve')}`) }).click()
    await expect(desk.getByRole('region', { name: t(locale, 'requests.decision.approved'), exact: true })).toBeVisible()

    // The doctor sends the notice back: the address is wrong.
    const doctor = await staffPage(browser, 'doctor1', locale)
    await doctor.goto('/doctor/sign')
    await inboxRow(doctor, person.iin).click()
    await doctor.getByRole('button', { name: t(locale, 'signingInbox.refuse') }).click()
    await doctor.getByLabel(t(locale, 'signingInbox.refuseReason')).fill(reason)
    await doctor.getByRole('button', { name: t(locale, 'signingInbox.refuseSubmit') }).click()
    await expect(doctor.getByTestId('signing-outcome')).toContainText(exactly(locale, 'signingInbox.returned', { number: /\d+/ }))
    await expect(inboxRow(doctor, person.iin)).toHaveCount(0)

    // The registrar sees why, with the facts the notice was made from.
    await desk.goto(requestPath)
    const panel = desk.getByRole('region', { name: t(locale, 'requests.correction.heading'), exact: true })
    await expect(panel).toContainText(reason)
    const address = panel.getByLabel(t(locale, 'attachmentForm.address'), { exact: true })
    await expect(address).toHaveValue(person.address)
    const sectionField = panel.getByLabel(t(locale, 'decision.section'), { exact: true })
    await expect(sectionField.locator('option:checked')).toHaveText(/^№1 /)
    await shot(desk, `correction-form-${locale}`)

    // An empty address is refused beside the field; the section chosen stays.
    await address.fill('')
    await panel.getByRole('button', { name: t(locale, 'requests.correction.submit') }).click()
    await expect(panel.locator('#correction-address-error')).toHaveText(t(locale, 'errors.attachment.addressRequired'))
    await expect(sectionField.locator('option:checked')).toHaveText(/^№1 /)
    await shot(desk, `correction-form-error-${locale}`)

    await address.fill(corrected)
    await panel.getByRole('button', { name: t(locale, 'requests.correction.submit') }).click()
    await expect(desk).toHaveURL(/\?corrected=\d+$/)
    const newNumber = new URL(desk.url()).searchParams.get('corrected')!
    await expect(
      desk.getByRole('status').filter({ hasText: t(locale, 'requests.correction.done', { number: newNumber }) }),
    ).toBeVisible()
    await expect(panel).toHaveCount(0)
    const documents = desk.getByRole('region', { name: t(locale, 'documents.heading'), exact: true })
    const notices = documents.locator('li[data-document="attachment_notice"]')
    await expect(notices).toHaveCount(2)
    await expect(notices.first()).toContainText(t(locale, 'documents.superseded'))
    await expect(notices.first()).toContainText(t(locale, 'documents.supersededBy', { number: newNumber }))
    await expect(notices.last()).toContainText(t(locale, 'documents.statuses.awaiting_signature'))
    await expect(desk.getByText(`${t(locale, 'requests.fields.address')}: ${person.address} → ${corrected}`)).toBeVisible()
    await shot(desk, `correction-done-${locale}`)

    // The doctor signs the corrected notice.
    await doctor.goto('/doctor/sign')
    const row = inboxRow(doctor, person.iin)
    await expect(row).toContainText(newNumber)
    await row.getByRole('checkbox').check()
    await doctor.getByLabel(t(locale, 'signingInbox.pin'), { exact: true }).fill(demoPin)
    await doctor.getByRole('button', { name: t(locale, 'signingInbox.sign', { count: 1 }) }).click()
    await expect(doctor.getByTestId('signing-outcome')).toHaveText(t(locale, 'signingInbox.signed', { count: 1 }))

    // The history keeps both: the returned notice superseded, the corrected one issued, and each step in the timeline.
    await desk.reload()
    await expect(notices.last()).toContainText(t(locale, 'documents.statuses.issued'))
    await expect(notices.first()).toContainText(t(locale, 'documents.superseded'))
    for (const event of ['document_returned', 'corrected', 'document_superseded', 'document_issued'])
      await expect(desk.getByText(t(locale, `requests.events.${event}`), { exact: true }).first()).toBeVisible()
    await shot(desk, `correction-signed-${locale}`)
    await desk.context().close()
    await doctor.context().close()
  })
}

// Rules of attachment p.18: the registrar moves a person attached to the clinic to another of its sections, with a
// reason; the history keeps the old section, the reason, the day and who.
const moves = {
  kk: { person: 'valentina', from: '1', to: '2', reason: 'Отбасы дәрігерін ауыстыруды сұрады.' },
  ru: { person: 'nikolay', from: '3', to: '2', reason: 'Пациент попросил сменить участкового врача.' },
} as const

for (const locale of ['kk', 'ru'] as const) {
  test(`the registrar changes the section of an attachment in force, with a reason (${locale}, p.18)`, async ({ page }) => {
    const { from, to, reason } = moves[locale]
    const person = demoPersonByKey(moves[locale].person)
    await signInStaff(page, 'registrar1')
    await switchLanguage(page, locale)
    await page.goto(`/registrar?q=${person.iin}`)
    await page.getByRole('link', { name: person.name }).first().click()
    await page.getByRole('link', { name: t(locale, 'sectionChange.link') }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(locale, 'sectionChange.heading'))
    await expect(page.getByTestId('current-section')).toHaveText(`№${from}`)
    const section = page.getByLabel(t(locale, 'sectionChange.section'), { exact: true })
    // Only other sections serving the person's age: not the current one, not the children's.
    const offered = await section.locator('option').allTextContents()
    expect(offered.some((label) => label.startsWith(`№${from} `))).toBe(false)
    expect(offered.some((label) => label.startsWith('№4 '))).toBe(false)
    await shot(page, `section-change-${locale}`)

    // No reason: refused beside the field; the section chosen stays.
    await section.selectOption((await section.locator('option', { hasText: new RegExp(`^№${to} `) }).getAttribute('value'))!)
    await page.getByRole('button', { name: t(locale, 'sectionChange.submit') }).click()
    await expect(page.locator('#section-change-reason-error')).toHaveText(
      t(locale, 'errors.attachment.sectionChangeReasonRequired'),
    )
    await expect(section.locator('option:checked')).toHaveText(new RegExp(`^№${to} `))
    await shot(page, `section-change-error-${locale}`)

    await page.getByLabel(t(locale, 'sectionChange.reason'), { exact: true }).fill(reason)
    await page.getByRole('button', { name: t(locale, 'sectionChange.submit') }).click()
    await expect(page.getByRole('status').filter({ hasText: t(locale, 'sectionChange.done', { number: to }) })).toBeVisible()
    await expect(page.getByTestId('current-section')).toHaveText(`№${to}`)
    const history = page.getByRole('region', { name: t(locale, 'sectionChange.history'), exact: true })
    const row = history.locator('tr[data-row]').first()
    await expect(row).toContainText(`№${from}`)
    await expect(row).toContainText(`№${to}`)
    await expect(row).toContainText(reason)
    await expect(row).toContainText(t(locale, 'sectionChange.causes.change'))
    await shot(page, `section-change-done-${locale}`)
  })
}
