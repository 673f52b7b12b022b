// Attachment requests end to end: the patient asks for attachment, the registrar decides from the queue with the
// keyboard, the patient sees the decision. Plus the form's validation, the refusal, the scope of the server actions
// (called over HTTP, around the pages) and the head's overdue board.
//
// Each test signs in patients of its own (the app sends at most 3 codes per IIN in 15 minutes, and a person has at
// most one open attachment request per clinic). Requests to clinic 1 are all decided or withdrawn by the end of each
// test, so that the next one finds its request right after the seed's overdue requests in registrar1's queue (sorted
// by deadline; nobody decides those); the form tests send theirs to clinic 2.
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test, type Browser, type Locator, type Page } from './fixtures'
import { demoLogins, demoPatients, demoStaff, demoSections } from '../scripts/seed/demo-data'
import { demoOverduePatients, demoOverdueRequests } from '../scripts/seed/overdue-data'
import { attachmentRefusalGrounds } from '../lib/services/attachment/refusal-grounds'
import {
  callServerAction,
  deliverSmsNow,
  demoChildrenOf,
  demoPerson,
  demoPersonByKey,
  escapeRegExp,
  exactly,
  expectSms,
  isAttachedInSeed,
  organizationName,
  shot,
  signInPatient,
  signInStaff,
  switchLanguage,
  t,
  type DemoPerson,
  type Locale,
} from './support'

const clinic1 = 'aktau-pc-1'
const clinic2 = 'aktau-pc-2'
const requestUrl = /\/patient\/requests\/([0-9a-f-]{36})(?:\?submitted=1)?$/
const registrar1 = demoStaff.find((member) => member.login === demoLogins.registrar)!
const registrar1Name = `${registrar1.lastName} ${registrar1.firstName}`

// The seed's overdue requests at clinic 1 (scripts/seed/overdue-data.ts), oldest first: open, past their deadline, at
// the top of registrar1's queue and on head1's overdue board, with who holds each.
const seededOverdue = demoOverdueRequests
  .filter((entry) => entry.organization === clinic1)
  .map((entry) => {
    const person = demoOverduePatients.find((p) => p.key === entry.patient)!
    const holder = demoStaff.find((member) => member.login === entry.takenBy)
    return {
      iin: person.iin,
      name: [person.lastName, person.firstName, person.middleName].filter(Boolean).join(' '),
      holder: holder ? `${holder.lastName} ${holder.firstName}` : null,
    }
  })

// ---------------------------------------------------------------------------------------------
// Page helpers

const startsWith = (text: string) => new RegExp(`^${escapeRegExp(text)}`)

function nav(page: Page, locale: Locale) {
  return page.getByRole('navigation', { name: t(locale, 'shell.navigation') })
}

/** The request's summary: the region named by the page's h1 "№… өтінім: …". */
function summaryOf(page: Page, locale: Locale) {
  return page.getByRole('region', {
    name: exactly(locale, 'requests.title', { number: /\d+/, service: t(locale, 'services.attachment.name') }),
  })
}

/** The <dd> of the summary field `key` (requests.fields.*). */
function fieldOf(summary: Locator, locale: Locale, key: string) {
  return summary.locator('dt', { hasText: exactly(locale, `requests.fields.${key}`) }).locator('xpath=following-sibling::dd[1]')
}

/** The status badge beside the request's h1. */
async function expectStatus(page: Page, locale: Locale, status: string) {
  const badge = summaryOf(page, locale).getByRole('heading', { level: 1 }).locator('xpath=following-sibling::span[1]')
  await expect(badge).toHaveText(t(locale, `requests.status.${status}`))
}

/** The number of the request shown on its page ("№12 өтінім: …"). */
async function requestNumber(page: Page): Promise<string> {
  const heading = await page.getByRole('heading', { level: 1 }).innerText()
  const number = /№\s*(\d+)/.exec(heading)?.[1]
  if (!number) throw new Error(`No request number in "${heading}"`)
  return number
}

// The patient's form.
function whoGroup(page: Page, locale: Locale) {
  return page.getByRole('group', { name: t(locale, 'attachmentForm.who') })
}
function clinicSelect(page: Page, locale: Locale) {
  return page.getByLabel(t(locale, 'attachmentForm.clinic'), { exact: true })
}
function sectionSelect(page: Page, locale: Locale) {
  return page.getByLabel(t(locale, 'attachmentForm.section'), { exact: true })
}
function addressField(page: Page, locale: Locale) {
  return page.getByLabel(t(locale, 'attachmentForm.address'), { exact: true })
}
function basisRadio(page: Page, locale: Locale, basis: string) {
  // The radio's label is the basis and its hint below.
  return page
    .getByRole('group', { name: t(locale, 'attachmentForm.basis') })
    .getByRole('radio', { name: startsWith(t(locale, `patient.attachment.bases.${basis}`)) })
}
function submitButton(page: Page, locale: Locale) {
  return page.getByRole('button', { name: t(locale, 'attachmentForm.submit'), exact: true })
}

/** Picks the clinic by its name (the option reads "name — address"). */
async function chooseClinic(page: Page, locale: Locale, code: string) {
  const option = clinicSelect(page, locale).locator('option', { hasText: startsWith(organizationName(code, locale)) })
  await expect(option).toHaveCount(1)
  await clinicSelect(page, locale).selectOption((await option.getAttribute('value'))!)
}

/** Picks the section by its number (the option reads "№1 — doctor — territory (attached/norm)"). */
async function chooseSection(page: Page, locale: Locale, number: string) {
  const option = sectionSelect(page, locale).locator('option', { hasText: new RegExp(`^№${number} — `) })
  await expect(option).toHaveCount(1)
  await sectionSelect(page, locale).selectOption((await option.getAttribute('value'))!)
}

/** Goes from the patient's home through "My requests" to the new request form. */
async function openNewRequestForm(page: Page, locale: Locale) {
  await nav(page, locale)
    .getByRole('link', { name: t(locale, 'nav.myRequests'), exact: true })
    .click()
  await expect(page).toHaveURL('/patient/requests')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(locale, 'myRequests.heading'))
  await page.getByRole('link', { name: t(locale, 'myRequests.newRequest'), exact: true }).click()
  // The list of services a patient can ask for; attachment opens its own form.
  await expect(page).toHaveURL('/patient/requests/new')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(locale, 'newRequest.heading'))
  await shot(page, `new-request-${locale}`)
  await page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: t(locale, 'services.attachment.name'), exact: true }) })
    .getByRole('link', { name: t(locale, 'newRequest.open'), exact: true })
    .click()
  await expect(page).toHaveURL('/patient/requests/new/attachment')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(locale, 'attachmentForm.heading'))
}

/** The entries of the patient's "My requests" list. */
async function myRequests(page: Page, locale: Locale) {
  await page.goto('/patient/requests')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(locale, 'myRequests.heading'))
  return page.getByRole('main').getByRole('listitem')
}

/** A patient signs in, switches the language and submits a request to `clinic` (through the form). */
async function submitRequest(
  page: Page,
  locale: Locale,
  person: DemoPerson,
  clinic: string,
  basis: string,
): Promise<{ id: string; number: string }> {
  await signInPatient(page, person.iin)
  await switchLanguage(page, locale)
  await openNewRequestForm(page, locale)
  await chooseClinic(page, locale, clinic)
  await basisRadio(page, locale, basis).check()
  await submitButton(page, locale).click()
  await page.waitForURL(requestUrl)
  await expectStatus(page, locale, 'submitted')
  return { id: requestUrl.exec(page.url())![1]!, number: await requestNumber(page) }
}

/** registrar1 in a browser context of its own, on the queue. */
async function openDesk(browser: Browser, locale: Locale) {
  const context = await browser.newContext()
  const desk = await context.newPage()
  await signInStaff(desk, demoLogins.registrar)
  await switchLanguage(desk, locale)
  await nav(desk, locale)
    .getByRole('link', { name: t(locale, 'nav.queue'), exact: true })
    .click()
  await expect(desk).toHaveURL('/registrar/queue')
  await expect(desk.getByRole('heading', { level: 1 })).toContainText(t(locale, 'queue.heading'))
  return { context, desk }
}

function queueRows(desk: Page) {
  return desk.locator('tr[data-row]')
}

/** Presses `key` until `target` has the focus (the page's key handlers start once it has hydrated). */
async function pressUntilFocused(page: Page, key: string, target: Locator) {
  await expect(async () => {
    await page.keyboard.press(key)
    await expect(target).toBeFocused({ timeout: 500 })
  }).toPass({ timeout: 10_000 })
}

function decisionPanel(desk: Page, locale: Locale) {
  return desk.getByRole('region', { name: t(locale, 'decision.heading'), exact: true })
}

// ---------------------------------------------------------------------------------------------
// 1. The acceptance flow

// Two adults attached nowhere, one per language: Бекболатов Айдос (2nd micro-district) and Васильев Дмитрий
// (8th micro-district). Both take section 1: the form offers no other section while listClinicChoices is broken
// (see the test "the section list follows the chosen clinic" below).
const applicants = {
  kk: { person: demoPerson(demoPatients.unattached), section: '1' },
  ru: { person: demoPersonByKey('dmitriy'), section: '1' },
} as const

for (const locale of ['kk', 'ru'] as const) {
  test(`a patient asks for attachment, the registrar approves from the queue with the keyboard (${locale})`, async ({
    page,
    browser,
  }) => {
    const { person, section } = applicants[locale]
    expect(isAttachedInSeed(person.iin)).toBe(false)

    // The patient fills the form.
    await signInPatient(page, person.iin)
    await switchLanguage(page, locale)
    await openNewRequestForm(page, locale)
    const who = whoGroup(page, locale).getByRole('radio', { name: person.name, exact: true })
    await expect(who).toBeChecked()
    await expect(sectionSelect(page, locale)).toBeDisabled()
    await chooseClinic(page, locale, clinic1)
    await expect(sectionSelect(page, locale)).toBeEnabled()
    await chooseSection(page, locale, section)
    await expect(addressField(page, locale)).toHaveValue(person.address)
    await basisRadio(page, locale, 'free_choice').check()
    await shot(page, `attachment-form-${locale}`)
    await submitButton(page, locale).click()

    // The request's page: submitted, with a deadline.
    await page.waitForURL(requestUrl)
    const requestId = requestUrl.exec(page.url())![1]!
    const number = await requestNumber(page)
    const summary = summaryOf(page, locale)
    await expectStatus(page, locale, 'submitted')
    await expect(fieldOf(summary, locale, 'patient')).toContainText(person.name)
    await expect(fieldOf(summary, locale, 'clinic')).toHaveText(organizationName(clinic1, locale))
    await expect(fieldOf(summary, locale, 'section')).toHaveText(section)
    await expect(fieldOf(summary, locale, 'basis')).toHaveText(t(locale, 'patient.attachment.bases.free_choice'))
    await expect(fieldOf(summary, locale, 'address')).toHaveText(
      `${person.address} (${t(locale, 'attachmentForm.addressKinds.actual')})`,
    )
    // The patient sees when the answer is due (the working-time countdown is for staff) and a confirmation.
    await expect(fieldOf(summary, locale, 'dueAt')).toContainText(/\d{2}\.\d{2}\.\d{4}/)
    await expect(fieldOf(summary, locale, 'dueAt').locator('[data-deadline]')).toHaveCount(0)
    await expect(page.getByRole('status').filter({ hasText: t(locale, 'requests.submittedNotice') })).toBeVisible()
    await expect(page.getByRole('button', { name: t(locale, 'requests.cancel.button') })).toBeVisible()
    await shot(page, `attachment-request-submitted-${locale}`)

    // The registrar, at the desk: the queue is sorted by deadline, so the seed's overdue requests come first, in red,
    // and this request right after them; keyboard only from here.
    const { context, desk } = await openDesk(browser, locale)
    try {
      for (const [index, overdue] of seededOverdue.entries()) {
        await expect(queueRows(desk).nth(index)).toContainText(overdue.iin)
        await expect(queueRows(desk).nth(index).locator('[data-deadline]')).toHaveAttribute('data-deadline', 'overdue')
      }
      const first = queueRows(desk).nth(seededOverdue.length)
      await expect(first).toContainText(person.name)
      await expect(first).toContainText(person.iin)
      await expect(first.getByRole('cell').first()).toHaveText(number)
      await expect(first).toContainText(t(locale, 'requests.status.submitted'))
      await pressUntilFocused(desk, 'j', first)
      await shot(desk, `registrar-queue-${locale}`)
      await desk.keyboard.press('Enter')
      await desk.waitForURL(`/registrar/requests/${requestId}`)
      const panel = decisionPanel(desk, locale)
      await expect(panel).toBeVisible()
      await expect(summaryOf(desk, locale)).toContainText(person.name)
      await expectStatus(desk, locale, 'submitted')
      await shot(desk, `registrar-request-open-${locale}`)

      const approve = panel.getByRole('button', { name: startsWith(t(locale, 'decision.approve')) })
      await pressUntilFocused(desk, 'a', approve)
      await desk.keyboard.press('Enter')
      await expect(desk.getByRole('region', { name: t(locale, 'requests.decision.approved'), exact: true })).toBeVisible()
      await expectStatus(desk, locale, 'approved')
      await expect(panel).toHaveCount(0)
      await shot(desk, `registrar-request-approved-${locale}`)

      // The 064/e coupon (Rules p.29): a PDF with the patient's data, every Kazakh letter drawn from the DejaVu font.
      const couponLink = desk.getByRole('link', { name: t(locale, 'decision.printCoupon') })
      const couponUrl = await couponLink.getAttribute('href')
      const coupon = await desk.request.get(couponUrl!)
      expect(coupon.status()).toBe(200)
      expect(coupon.headers()['content-type']).toBe('application/pdf')
      const pdfPath = path.join('test-results', `coupon-064e-${locale}.pdf`)
      mkdirSync('test-results', { recursive: true })
      writeFileSync(pdfPath, await coupon.body())
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' })
      expect(text).toContain(person.iin)
      expect(text).toContain('064/е нысаны')
      expect(text).toContain(String(number))
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '80',
        '-singlefile',
        pdfPath,
        path.join('e2e', 'screenshots', `coupon-064e-${locale}`),
      ])

      // Nothing of it is left in the queue.
      await desk.goto('/registrar/queue')
      await expect(desk.locator('tr[data-row]', { hasText: person.iin })).toHaveCount(0)
      if (locale !== 'kk') await switchLanguage(desk, 'kk') // registrar1 back to the default language
    } finally {
      await context.close()
    }

    // The patient sees the decision.
    await page.reload()
    await expectStatus(page, locale, 'approved')
    const decision = page.getByRole('region', { name: t(locale, 'requests.decision.approved'), exact: true })
    await expect(decision).toBeVisible()
    await expect(
      decision.getByText(
        exactly(locale, 'requests.decision.by', { who: registrar1Name, when: /\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}/ }),
      ),
    ).toBeVisible()
    await expect(page.getByRole('button', { name: t(locale, 'requests.cancel.button') })).toHaveCount(0)
    const timeline = page.getByRole('region', { name: t(locale, 'requests.timeline'), exact: true })
    await expect(timeline.getByRole('listitem')).toHaveCount(2)
    await expect(timeline.getByRole('listitem').nth(0)).toContainText(t(locale, 'requests.events.submitted'))
    await expect(timeline.getByRole('listitem').nth(1)).toContainText(t(locale, 'requests.events.approve'))
    await expect(fieldOf(summaryOf(page, locale), locale, 'currentAttachment')).toContainText(organizationName(clinic1, locale))
    await shot(page, `attachment-request-approved-${locale}`)

    // …and on the home page is attached to clinic 1, in the chosen section, from today.
    await nav(page, locale)
      .getByRole('link', { name: t(locale, 'nav.myPage'), exact: true })
      .click()
    await expect(page).toHaveURL('/patient')
    const me = page.getByRole('main').getByRole('listitem').filter({ hasText: person.name })
    await expect(
      me.getByText(
        exactly(locale, 'patientHome.attachedTo', {
          clinic: organizationName(clinic1, locale),
          section,
          since: /\d{2}\.\d{2}\.\d{4}/,
        }),
      ),
    ).toBeVisible()
    await shot(page, `patient-home-attached-${locale}`)

    // Both SMS reached the patient's phone (the approval starts delivery at once).
    await expectSms(page, person.phone!, 'sms.requestSubmitted', { number })
    await expectSms(page, person.phone!, 'sms.requestApproved', { number })
  })
}

// ---------------------------------------------------------------------------------------------
// 2. Refusal

test('the registrar refuses with the keyboard: ground and reason required; the patient sees both (kk)', async ({
  page,
  browser,
}) => {
  const locale: Locale = 'kk'
  const person = demoPersonByKey('yerbolat') // attached nowhere
  const ground = attachmentRefusalGrounds.find((g) => g.code === 'requirements_not_met')!
  const reason = 'Мекенжайыңыз емхананың аумағына жатпайды: тіркеу орнына жеке куәлігіңізбен келіңіз.'
  // The registrar has the queue open before the request comes in; it appears there by itself (the queue refreshes
  // every 10 seconds, without reloading the page).
  const { context, desk } = await openDesk(browser, locale)
  let number = ''
  try {
    await expect(queueRows(desk).filter({ hasText: person.iin })).toHaveCount(0)
    await desk.evaluate(() => Object.assign(window, { sameDocument: true }))
    const submitted = await submitRequest(page, locale, person, clinic1, 'residence_change')
    const requestId = submitted.id
    number = submitted.number
    const row = queueRows(desk).filter({ hasText: person.iin })
    await expect(row).toContainText(person.name, { timeout: 15_000 })
    expect(await desk.evaluate(() => 'sameDocument' in window)).toBe(true)

    await pressUntilFocused(desk, 'j', row)
    await desk.keyboard.press('Enter')
    await desk.waitForURL(`/registrar/requests/${requestId}`)

    // R opens the refusal with the focus on the grounds (radios); Tab, Tab, Enter sends it empty.
    const grounds = desk.getByRole('group', { name: t(locale, 'decision.ground'), exact: true })
    const groundSelect = grounds.getByRole('radio').first()
    await pressUntilFocused(desk, 'r', groundSelect)
    const reasonField = desk.getByLabel(t(locale, 'decision.reason'), { exact: true })
    await desk.keyboard.press('Tab')
    await expect(reasonField).toBeFocused()
    await desk.keyboard.press('Tab')
    await expect(desk.getByRole('button', { name: t(locale, 'decision.confirmRefusal'), exact: true })).toBeFocused()
    await desk.keyboard.press('Enter')

    await expect(desk.locator('#ground-error')).toHaveText(t(locale, 'errors.request.refusalGroundUnknown'))
    await expect(groundSelect).toHaveAttribute('aria-invalid', 'true')
    await expect(grounds).toHaveAttribute('aria-describedby', 'ground-error')
    await expect(desk.locator('#reason-error')).toHaveText(t(locale, 'errors.request.reasonRequired'))
    await expect(reasonField).toHaveAttribute('aria-invalid', 'true')
    // The field is described by its error, and still by its hint.
    await expect(reasonField).toHaveAccessibleDescription(
      `${t(locale, 'errors.request.reasonRequired')} ${t(locale, 'decision.reasonHint')}`,
    )
    await expectStatus(desk, locale, 'submitted')
    await shot(desk, `registrar-refusal-errors-${locale}`)

    // Nothing was decided: out of the field, Esc goes back to the queue, where the request still waits.
    await desk.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await desk.keyboard.press('Escape')
    await desk.waitForURL('/registrar/queue')
    await expect(queueRows(desk).nth(seededOverdue.length)).toContainText(person.name)
    await expect(queueRows(desk).nth(seededOverdue.length)).toContainText(t(locale, 'requests.status.submitted'))

    // "/" goes to the search box; the IIN finds the request.
    const search = desk.getByLabel(t(locale, 'queue.filters.query'), { exact: true })
    await pressUntilFocused(desk, '/', search)
    await desk.keyboard.type(person.iin)
    await desk.keyboard.press('Enter')
    await desk.waitForURL((url) => url.searchParams.get('q') === person.iin)
    await expect(queueRows(desk)).toHaveCount(1)
    await expect(queueRows(desk).first()).toContainText(person.name)

    // Again, properly this time: T takes it first, then R refuses.
    await desk.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await pressUntilFocused(desk, 'j', queueRows(desk).first())
    await desk.keyboard.press('Enter')
    await desk.waitForURL(`/registrar/requests/${requestId}`)
    const take = decisionPanel(desk, locale).getByRole('button', { name: startsWith(t(locale, 'decision.take')) })
    await expect(take).toBeVisible()
    await expect(async () => {
      await desk.keyboard.press('t')
      await expectStatus(desk, locale, 'in_review')
    }).toPass({ timeout: 10_000 })
    await expect(fieldOf(summaryOf(desk, locale), locale, 'assignee')).toHaveText(registrar1Name)
    await expect(take).toHaveCount(0)
    await pressUntilFocused(desk, 'r', groundSelect)
    await grounds.getByRole('radio', { name: ground.titleKk }).check()
    await desk.keyboard.press('Tab')
    await desk.keyboard.type(reason)
    await shot(desk, `registrar-refusal-filled-${locale}`)
    await desk.keyboard.press('Tab')
    await desk.keyboard.press('Enter')
    const decided = desk.getByRole('region', { name: t(locale, 'requests.decision.refused'), exact: true })
    await expect(decided).toContainText(ground.kk)
    await expect(decided).toContainText(reason)
    await expectStatus(desk, locale, 'refused')
    await shot(desk, `registrar-request-refused-${locale}`)
  } finally {
    await context.close()
  }

  await page.reload()
  await expectStatus(page, locale, 'refused')
  const decision = page.getByRole('region', { name: t(locale, 'requests.decision.refused'), exact: true })
  await expect(decision).toContainText(t(locale, 'requests.decision.ground'))
  await expect(decision).toContainText(ground.kk)
  await expect(decision).toContainText(t(locale, 'requests.decision.reason'))
  await expect(decision).toContainText(reason)
  const timeline = page.getByRole('region', { name: t(locale, 'requests.timeline'), exact: true })
  await expect(timeline.getByRole('listitem')).toHaveCount(3)
  await expect(timeline.getByRole('listitem').nth(1)).toContainText(t(locale, 'requests.events.take'))
  await expect(timeline.getByRole('listitem').last()).toContainText(t(locale, 'requests.events.refuse'))
  await expect(timeline.getByRole('listitem').last()).toContainText(`${ground.kk}: ${reason}`)
  await shot(page, `attachment-request-refused-${locale}`)
  await expectSms(page, person.phone!, 'sms.requestSubmitted', { number })
  await expectSms(page, person.phone!, 'sms.requestRefused', { number })
})

// ---------------------------------------------------------------------------------------------
// 3. The form's validation, and a double click

// kk: a mother with a child (two people to choose from, no address until one is chosen); ru: a single adult.
const formPatients = {
  kk: demoPersonByKey('lazzat'),
  ru: demoPersonByKey('farid'),
} as const

for (const locale of ['kk', 'ru'] as const) {
  test(`the request form shows errors at the fields, and a double click sends one request (${locale})`, async ({ page }) => {
    const person = formPatients[locale]
    const people = [person, ...demoChildrenOf(person.iin)]
    expect(people.length).toBe(locale === 'kk' ? 2 : 1)
    await signInPatient(page, person.iin)
    await switchLanguage(page, locale)
    await expect(await myRequests(page, locale)).toHaveCount(0)
    await expect(page.getByText(t(locale, 'myRequests.empty'))).toBeVisible()
    await page.goto('/patient')
    await openNewRequestForm(page, locale)

    // Nothing chosen.
    await submitButton(page, locale).click()
    await expect(page.locator('#clinicId-error')).toHaveText(t(locale, 'errors.attachment.clinicRequired'))
    await expect(clinicSelect(page, locale)).toHaveAttribute('aria-invalid', 'true')
    await expect(clinicSelect(page, locale)).toHaveAttribute('aria-describedby', 'clinicId-error')
    await expect(page.locator('#basis-error')).toHaveText(t(locale, 'errors.attachment.basisRequired'))
    await expect(page.locator('#sectionId-error')).toHaveCount(0)
    if (people.length > 1) {
      await expect(page.locator('#patientId-error')).toHaveText(t(locale, 'errors.attachment.patientRequired'))
      await expect(page.locator('#address-error')).toHaveText(t(locale, 'errors.attachment.addressRequired'))
      await expect(addressField(page, locale)).toHaveValue('')
    } else {
      await expect(page.locator('#patientId-error')).toHaveCount(0)
      await expect(page.locator('#address-error')).toHaveCount(0)
      await expect(addressField(page, locale)).toHaveValue(person.address)
    }
    await expect(page).toHaveURL('/patient/requests/new/attachment')
    await shot(page, `attachment-form-errors-${locale}`)

    // Nothing was created.
    await expect(await myRequests(page, locale)).toHaveCount(0)

    // Filled in (for the child, where there is one) and sent with a double click: one request.
    await page.goto('/patient/requests/new/attachment')
    const subject = people[people.length - 1]!
    await whoGroup(page, locale).getByRole('radio', { name: subject.name, exact: true }).check()
    await expect(addressField(page, locale)).toHaveValue(subject.address)
    await chooseClinic(page, locale, clinic2)
    await basisRadio(page, locale, 'residence_change').check()
    const posts: string[] = []
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.headers()['next-action']) posts.push(request.postData() ?? '')
    })
    await submitButton(page, locale).dblclick()
    await page.waitForURL(requestUrl)
    await expectStatus(page, locale, 'submitted')
    await expect(fieldOf(summaryOf(page, locale), locale, 'patient')).toContainText(subject.name)
    await expect(fieldOf(summaryOf(page, locale), locale, 'section')).toHaveText(t(locale, 'requests.fields.anySection'))
    const requestId = requestUrl.exec(page.url())![1]!
    const number = await requestNumber(page)

    // Whether the second click reached the server or the button was already disabled, there is one request.
    // And the form's submission sent again as it was (a resend after a lost answer) answers with the same request.
    test.info().annotations.push({ type: 'submit POSTs on dblclick', description: String(posts.length) })
    expect(posts.length).toBeGreaterThanOrEqual(1)
    const [envelope] = JSON.parse(posts[0]!) as [unknown]
    expect(await callServerAction(page.request, 'submitAttachmentRequest', '/patient/requests/new/attachment', envelope)).toEqual(
      {
        ok: true,
        data: { requestId, number: Number(number), replayed: true },
      },
    )
    const entries = await myRequests(page, locale)
    await expect(entries).toHaveCount(1)
    await expect(entries.first()).toContainText(subject.name)
    await expect(entries.first()).toContainText(organizationName(clinic2, locale))
    await expect(entries.first()).toContainText(t(locale, 'requests.status.submitted'))
    await shot(page, `my-requests-${locale}`)

    // One SMS for one request (to the parent who applied).
    await deliverSmsNow(page.request)
    await expectSms(page, person.phone!, 'sms.requestSubmitted', { number })
  })
}

test('the section list follows the chosen clinic and offers an adult no children’s section', async ({ page }) => {
  const locale: Locale = 'kk'
  await signInPatient(page, demoPersonByKey('roza').iin) // attached nowhere; sends nothing
  await switchLanguage(page, locale)
  await page.goto('/patient/requests/new/attachment')
  for (const clinic of [clinic1, clinic2]) {
    await chooseClinic(page, locale, clinic)
    // Roza is 70: the pediatric sections (ages 0-17) are not offered to her.
    const numbers = demoSections
      .filter((section) => section.organization === clinic && section.department !== 'pediatrics')
      .map((section) => section.number)
    expect(numbers.length).toBeLessThan(demoSections.filter((section) => section.organization === clinic).length)
    const options = sectionSelect(page, locale).locator('option')
    await expect(options).toHaveText(
      [t(locale, 'attachmentForm.anySection'), ...numbers.map((number) => new RegExp(`^№${number} — `))],
      { timeout: 2_000 },
    )
  }
})

// ---------------------------------------------------------------------------------------------
// 4. Scope of the server actions, called over HTTP with someone else's cookies

test('a registrar of another clinic cannot decide the request, another patient cannot withdraw it (server actions)', async ({
  page,
  browser,
}) => {
  test.slow() // four people sign in, one after another
  const owner = demoPersonByKey('asem') // attached nowhere
  const { id: requestId, number } = await submitRequest(page, 'kk', owner, clinic1, 'free_choice')
  const fresh = { requestId, version: 1 }
  const requestPage = `/registrar/requests/${requestId}`
  const patientPage = `/patient/requests/${requestId}`
  const notFound = { ok: false, code: 'errors.request.notFound' }

  const stranger = await browser.newContext()
  const otherPatient = await browser.newContext()
  const desk = await browser.newContext()
  try {
    // registrar2 works at clinic 2.
    await signInStaff(await stranger.newPage(), demoLogins.otherClinicRegistrar)
    expect(await callServerAction(stranger.request, 'approveRequest', requestPage, fresh)).toEqual(notFound)
    expect(await callServerAction(stranger.request, 'takeRequest', requestPage, fresh)).toEqual(notFound)
    expect(
      await callServerAction(stranger.request, 'refuseRequest', requestPage, {
        ...fresh,
        ground: 'requirements_not_met',
        reason: 'Басқа емхананың тіркеушісі бас тартуға тырысады.',
      }),
    ).toEqual(notFound)

    // Another patient, of another family.
    await signInPatient(await otherPatient.newPage(), demoPatients.otherClinic)
    expect(await callServerAction(otherPatient.request, 'cancelRequest', patientPage, fresh)).toEqual(notFound)

    // Nothing changed: the owner still sees it submitted, with only the submission in its history…
    await page.reload()
    await expectStatus(page, 'kk', 'submitted')
    const timeline = page.getByRole('region', { name: t('kk', 'requests.timeline'), exact: true })
    await expect(timeline.getByRole('listitem')).toHaveCount(1)

    // …and registrar1 still finds it in the queue. The same call from her does go through (the recipe works).
    const registrar = await desk.newPage()
    await signInStaff(registrar, demoLogins.registrar)
    await registrar.goto('/registrar/queue')
    const row = registrar.locator('tr[data-row]', { hasText: owner.iin })
    await expect(row).toContainText(t('kk', 'requests.status.submitted'))
    expect(await callServerAction(desk.request, 'takeRequest', requestPage, fresh)).toEqual({
      ok: true,
      data: { status: 'in_review', version: 2 },
    })
    await registrar.reload()
    await expect(row).toContainText(t('kk', 'requests.status.in_review'))
  } finally {
    await Promise.all([stranger.close(), otherPatient.close(), desk.close()])
  }

  // The owner withdraws it with the button (and its confirmation), which empties the clinic's queue again.
  await page.reload()
  await expectStatus(page, 'kk', 'in_review')
  await page.getByRole('button', { name: t('kk', 'requests.cancel.button'), exact: true }).click()
  await expect(page.getByText(t('kk', 'requests.cancel.confirm'), { exact: true })).toBeVisible()
  await shot(page, 'attachment-request-cancel-confirm-kk')
  await page.getByRole('button', { name: t('kk', 'requests.cancel.yes'), exact: true }).click()
  await expectStatus(page, 'kk', 'cancelled')
  await expect(page.getByRole('button', { name: t('kk', 'requests.cancel.button') })).toHaveCount(0)
  const events = page.getByRole('region', { name: t('kk', 'requests.timeline'), exact: true }).getByRole('listitem')
  await expect(events).toHaveCount(3)
  await expect(events.nth(1)).toContainText(t('kk', 'requests.events.take'))
  await expect(events.nth(2)).toContainText(t('kk', 'requests.events.cancel'))

  // The owner was told of the submission and of the withdrawal.
  await deliverSmsNow(page.request)
  await expectSms(page, owner.phone!, 'sms.requestSubmitted', { number })
  await expectSms(page, owner.phone!, 'sms.requestCancelled', { number })
})

// ---------------------------------------------------------------------------------------------
// 5. The head's overdue board (the seed puts requests on it: scripts/seed/overdue-requests.ts)

test("the head sees the overdue board: the seed's requests past their deadline and who holds each (kk, ru)", async ({ page }) => {
  await signInStaff(page, demoLogins.head)
  for (const locale of ['kk', 'ru'] as const) {
    await switchLanguage(page, locale)
    await nav(page, locale)
      .getByRole('link', { name: t(locale, 'nav.overdue'), exact: true })
      .click()
    await expect(page).toHaveURL('/head/overdue')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${t(locale, 'overdue.heading')} (${seededOverdue.length})`)
    const rows = page.getByRole('main').getByRole('table').locator('tbody tr')
    await expect(rows).toHaveCount(seededOverdue.length)
    for (const [index, overdue] of seededOverdue.entries()) {
      const row = rows.nth(index)
      await expect(row).toContainText(overdue.name)
      await expect(row).toContainText(overdue.iin)
      await expect(row.locator('[data-deadline]')).toHaveAttribute('data-deadline', 'overdue')
      await expect(row.getByRole('cell').last()).toHaveText(overdue.holder ?? t(locale, 'overdue.nobody'))
    }
    await shot(page, `head-overdue-${locale}`)
  }
  await switchLanguage(page, 'kk')
})
