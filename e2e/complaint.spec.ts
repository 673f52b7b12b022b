import { expect, test } from './fixtures'
import {
  callServerAction,
  demoPersonByKey,
  escapeRegExp,
  organizationName,
  shot,
  signInPatient,
  signInStaff,
  switchLanguage,
  t,
} from './support'

// Rules p.38-40: the patient complains about a refusal; the department head answers within 5 working days, or
// forwards it to the quality-control body (within 3) and records the body's answer when it arrives (p.39).
test('a patient complains about a refusal; the head forwards it and records the quality-control body’s answer (kk, ru)', async ({
  page,
  browser,
}) => {
  const person = demoPersonByKey('maksat')
  await signInPatient(page, person.iin)
  await switchLanguage(page, 'kk')
  await page.goto('/patient/requests/new/attachment')
  const clinicSelect = page.getByLabel(t('kk', 'attachmentForm.clinic'), { exact: true })
  const clinicId = await clinicSelect.locator('option', { hasText: organizationName('aktau-pc-2', 'kk') }).getAttribute('value')
  const patientId = await page.getByRole('radio', { name: person.name }).getAttribute('value')
  const submitted = (await callServerAction(page.request, 'submitAttachmentRequest', '/patient/requests/new/attachment', {
    idempotencyKey: crypto.randomUUID(),
    payload: { patientId, clinicId, sectionId: '', address: person.address, basis: 'residence_change' },
  })) as { ok: boolean; data: { requestId: string } }
  expect(submitted.ok).toBe(true)
  const requestId = submitted.data.requestId

  const desk = await browser.newContext()
  const deskPage = await desk.newPage()
  await signInStaff(deskPage, 'registrar2')
  expect(
    await callServerAction(deskPage.request, 'refuseRequest', `/registrar/requests/${requestId}`, {
      requestId,
      version: 1,
      ground: 'requirements_not_met',
      reason: 'Мекенжай емхананың аумағына жатпайды.',
    }),
  ).toMatchObject({ ok: true })
  await desk.close()

  // The complaint, from the refused request's page; too short a text is refused at the field.
  await page.goto(`/patient/requests/${requestId}`)
  await page.getByRole('button', { name: t('kk', 'complaint.button') }).click()
  const textField = page.getByLabel(t('kk', 'complaint.text'), { exact: true })
  await textField.fill('Келіспеймін')
  await page.getByRole('button', { name: t('kk', 'complaint.submit') }).click()
  await expect(page.locator('#complaint-text-error')).toHaveText(t('kk', 'errors.complaint.textRequired'))
  await textField.fill('Мен осы мекенжайда тұрамын, ол емхананың аумағына жатады. Шешімді қайта қарауды сұраймын.')
  await shot(page, 'complaint-form-kk')
  await page.getByRole('button', { name: t('kk', 'complaint.submit') }).click()
  await page.waitForURL(/\/patient\/requests\/[0-9a-f-]{36}\?submitted=1$/)
  const complaintId = new URL(page.url()).pathname.split('/').pop()!
  // This complaint's row on the head's board (earlier runs may have left others of the same person).
  const complaintRow = `tr[data-row]:has(a[href="/head/requests/${complaintId}"])`
  await expect(page.getByRole('heading', { level: 1 })).toContainText(t('kk', 'services.complaint.name'))

  const head = await browser.newContext()
  const headPage = await head.newPage()
  await signInStaff(headPage, 'head2')
  for (const locale of ['ru', 'kk'] as const) {
    await switchLanguage(headPage, locale)
    await headPage.goto('/head/complaints')
    const held = headPage.getByRole('region', { name: new RegExp(`^${escapeRegExp(t(locale, 'complaints.open'))}`) })
    const row = held.locator(complaintRow)
    await expect(row).toBeVisible()
    // p.40 and p.38: both deadlines run while the clinic holds the complaint.
    await expect(row.locator('[data-column="forward-by"] [data-deadline]')).toBeVisible()
    await expect(row.locator('[data-column="answer-by"] [data-deadline]')).toBeVisible()
    await shot(headPage, `head-complaints-${locale}`)
  }
  await headPage.locator(complaintRow).getByRole('link').click()
  await expect(headPage.getByRole('region', { name: t('kk', 'complaint.review.heading') })).toContainText(
    t('kk', 'complaint.forwardBy'),
  )
  await headPage.waitForURL(/\/head\/requests\//)
  // p.40: not satisfied, the complaint is forwarded with the clinic's answer (the button says so, not "refuse").
  const decision = headPage.getByRole('region', { name: t('kk', 'complaint.decision.heading') })
  await decision
    .getByLabel(t('kk', 'complaint.decision.answerLabel'), { exact: true })
    .fill('Аумақ туралы дау: сапаны бақылау органы қарасын.')
  await decision.getByRole('button', { name: t('kk', 'complaint.decision.forward'), exact: true }).click()
  await expect(headPage.getByRole('region', { name: t('kk', 'complaint.outcomeHeadings.forwarded'), exact: true })).toBeVisible()
  await shot(headPage, 'head-complaint-forwarded-kk')

  // p.39: forwarded, the complaint waits for the body on the board with the body's due date.
  await headPage.goto('/head/complaints')
  const forwarded = headPage.getByRole('region', { name: new RegExp(`^${escapeRegExp(t('kk', 'complaints.forwarded'))}`) })
  const forwardedRow = forwarded.locator(complaintRow)
  await expect(forwardedRow.locator('[data-column="quality-control-due"] [data-deadline="ok"]')).toBeVisible()
  await shot(headPage, 'head-complaints-forwarded-kk')

  // The body's answer: nothing chosen is refused at the field, then recorded with its outcome.
  await forwardedRow.getByRole('link').click()
  await headPage.waitForURL(/\/head\/requests\//)
  const review = headPage.getByRole('region', { name: t('kk', 'complaint.review.heading') })
  await expect(review).toContainText(t('kk', 'complaint.review.awaiting'))
  await review.getByRole('button', { name: t('kk', 'complaint.review.submit') }).click()
  await expect(headPage.locator('#outcome-error')).toHaveText(t('kk', 'errors.complaint.outcomeRequired'))
  await expect(headPage.locator('#answer-text-error')).toHaveText(t('kk', 'errors.complaint.answerTextRequired'))
  await review.getByRole('radio', { name: t('kk', 'complaint.review.outcomes.rejected') }).check()
  await review.getByLabel(t('kk', 'complaint.review.text'), { exact: true }).fill('№ 12-3/456 хат: емхананың шешімі заңды.')
  await shot(headPage, 'head-complaint-answer-form-kk')
  await review.getByRole('button', { name: t('kk', 'complaint.review.submit') }).click()
  await expect(review).toContainText(t('kk', 'complaint.review.outcomes.rejected'))
  await expect(review.getByRole('button', { name: t('kk', 'complaint.review.submit') })).toHaveCount(0)
  await expect(headPage.getByText(t('kk', 'requests.events.quality_control_answer'))).toBeVisible()
  await shot(headPage, 'head-complaint-answer-recorded-kk')
  await switchLanguage(headPage, 'ru')
  await expect(headPage.getByRole('region', { name: t('ru', 'complaint.review.heading') })).toContainText(
    t('ru', 'complaint.review.outcomes.rejected'),
  )
  await shot(headPage, 'head-complaint-answer-recorded-ru')

  // Answered, it leaves the board.
  await headPage.goto('/head/complaints')
  await expect(headPage.locator(complaintRow)).toHaveCount(0)
  await head.close()
})
