import { expect, test } from './fixtures'
import {
  callServerAction,
  demoPersonByKey,
  escapeRegExp,
  shot,
  signInPatient,
  signInStaff,
  submitAttachmentAsPatient,
  switchLanguage,
  t,
} from './support'

// Rules p.38-40: the head satisfies a complaint about a refusal with a written answer; the refusal is reopened and
// goes back to the registrar's queue; the registrar decides it again; the patient sees the answer and the new decision.
const people = { kk: 'nurbol', ru: 'aleksey' } as const
const complaintText = {
  kk: 'Мен осы мекенжайда тұрамын, ол емхананың аумағына жатады. Бас тартуды қайта қарауды сұраймын.',
  ru: 'Я живу по этому адресу, он относится к территории поликлиники. Прошу пересмотреть отказ.',
}
const answerText = {
  kk: 'Мекенжай тексерілді: емхананың аумағына жатады. Бас тарту қате болды, өтінім қайта қаралады.',
  ru: 'Адрес проверен: он относится к территории поликлиники. Отказ был ошибочным, заявка будет рассмотрена заново.',
}

for (const locale of ['kk', 'ru'] as const) {
  test(`p.40: a complaint satisfied, the refusal re-decided (${locale})`, async ({ page, browser }) => {
    const person = demoPersonByKey(people[locale])
    await signInPatient(page, person.iin)
    await switchLanguage(page, locale)
    const submitted = await submitAttachmentAsPatient(page, person, 'aktau-pc-2', 'residence_change')
    const { requestId, number } = submitted

    const desk = await browser.newContext()
    const registrar = await desk.newPage()
    await signInStaff(registrar, 'registrar2')
    await switchLanguage(registrar, locale)
    expect(
      await callServerAction(registrar.request, 'refuseRequest', `/registrar/requests/${requestId}`, {
        requestId,
        version: 1,
        ground: 'requirements_not_met',
        reason: 'Мекенжай емхананың аумағына жатпайды.',
      }),
    ).toMatchObject({ ok: true })

    // The patient complains from the refused request's page.
    await page.goto(`/patient/requests/${requestId}`)
    await page.getByRole('button', { name: t(locale, 'complaint.button') }).click()
    await page.getByLabel(t(locale, 'complaint.text'), { exact: true }).fill(complaintText[locale])
    await page.getByRole('button', { name: t(locale, 'complaint.submit') }).click()
    await page.waitForURL(/\/patient\/requests\/[0-9a-f-]{36}\?submitted=1$/)
    const complaintId = new URL(page.url()).pathname.split('/').pop()!
    // The complaint names the decision it contests, with a link to it.
    const contestedName = `${t(locale, 'services.attachment.name')} №${number}`
    const contestedLink = page.locator('a[data-contested]')
    await expect(contestedLink).toHaveAttribute('href', `/patient/requests/${requestId}`)
    await expect(contestedLink).toContainText(contestedName)

    // The registrar sees the same link on the complaint.
    await registrar.goto(`/registrar/requests/${complaintId}`)
    await expect(registrar.locator('a[data-contested]')).toHaveAttribute('href', `/registrar/requests/${requestId}`)

    // The head: the answer is required; three outcomes in the clinic's words.
    const headContext = await browser.newContext()
    const head = await headContext.newPage()
    await signInStaff(head, 'head2')
    await switchLanguage(head, locale)
    await head.goto(`/head/requests/${complaintId}`)
    await expect(head.locator('a[data-contested]')).toHaveAttribute('href', `/head/requests/${requestId}`)
    const panel = head.getByRole('region', { name: t(locale, 'complaint.decision.heading') })
    await expect(panel).toContainText(t(locale, 'complaint.decision.effects.reopen', { request: contestedName }))
    for (const label of ['satisfy', 'partly', 'forward'] as const)
      await expect(panel.getByRole('button', { name: t(locale, `complaint.decision.${label}`), exact: true })).toBeVisible()
    await expect(panel.getByRole('button', { name: t(locale, 'decision.refuse') })).toHaveCount(0)
    await panel.getByRole('button', { name: t(locale, 'complaint.decision.satisfy'), exact: true }).click()
    await expect(head.locator('#complaint-answer-error')).toHaveText(t(locale, 'errors.complaint.decisionAnswerRequired'))
    await panel.getByLabel(t(locale, 'complaint.decision.answerLabel'), { exact: true }).fill(answerText[locale])
    await shot(head, `complaint-satisfy-form-${locale}`)
    await panel.getByRole('button', { name: t(locale, 'complaint.decision.satisfy'), exact: true }).click()
    const outcome = head.getByRole('region', { name: t(locale, 'complaint.outcomeHeadings.satisfied'), exact: true })
    await expect(outcome).toContainText(answerText[locale])
    await expect(head.getByRole('heading', { level: 1 }).locator('..')).toContainText(t(locale, 'complaint.outcomes.satisfied'))
    await shot(head, `complaint-satisfied-head-${locale}`)

    // The contested refusal is open again: its history keeps the refusal and says why it was reopened.
    await head.locator('a[data-contested]').click()
    await head.waitForURL(`/head/requests/${requestId}`)
    const history = head.getByRole('region', { name: t(locale, 'requests.timeline'), exact: true })
    await expect(history).toContainText(t(locale, 'requests.events.refuse'))
    await expect(history).toContainText(t(locale, 'requests.events.reopen'))
    await expect(history.locator('a[data-reopened-by]')).toHaveAttribute('href', `/head/requests/${complaintId}`)
    await headContext.close()

    // Back in the registrar's queue, and decided again.
    await registrar.goto('/registrar/queue')
    const row = registrar.locator(`tr[data-row]:has(a[href="/registrar/requests/${requestId}"])`)
    await expect(row).toContainText(t(locale, 'requests.status.in_review'))
    await shot(registrar, `complaint-reopened-queue-${locale}`)
    await registrar.goto(`/registrar/requests/${requestId}`)
    await shot(registrar, `complaint-reopened-request-${locale}`)
    await registrar.getByRole('button', { name: new RegExp(`^${escapeRegExp(t(locale, 'decision.approve'))}`) }).click()
    await expect(registrar.getByRole('region', { name: t(locale, 'requests.decision.approved'), exact: true })).toBeVisible()
    await desk.close()

    // The patient: the complaint's outcome and answer, then the new decision with the old refusal in its history.
    await page.goto(`/patient/requests/${complaintId}`)
    await expect(page.getByRole('region', { name: t(locale, 'complaint.outcomeHeadings.satisfied'), exact: true })).toContainText(
      answerText[locale],
    )
    await expect(page.getByText(t(locale, 'requests.decision.approved'), { exact: true })).toHaveCount(0)
    await expect(page.getByRole('region', { name: t(locale, 'requests.timeline'), exact: true })).toContainText(
      t(locale, 'complaint.outcomes.satisfied'),
    )
    await shot(page, `complaint-satisfied-patient-${locale}`)
    await page.locator('a[data-contested]').click()
    await page.waitForURL(`/patient/requests/${requestId}`)
    await expect(page.getByRole('region', { name: t(locale, 'requests.decision.approved'), exact: true })).toBeVisible()
    const events = page.getByRole('region', { name: t(locale, 'requests.timeline'), exact: true })
    await expect(events).toContainText(t(locale, 'requests.events.refuse'))
    await expect(events).toContainText(t(locale, 'requests.events.reopen'))
    await expect(events).toContainText(t(locale, 'requests.events.approve'))
    await shot(page, `complaint-redecided-patient-${locale}`)
  })
}
