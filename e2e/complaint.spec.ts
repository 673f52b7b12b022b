import { expect, test } from '@playwright/test'
import {
  callServerAction,
  demoPersonByKey,
  organizationName,
  shot,
  signInPatient,
  signInStaff,
  switchLanguage,
  t,
} from './support'

// Rules p.38-40: the patient complains about a refusal; the department head answers within 5 working days, or
// forwards it to the quality-control body.
test('a patient complains about a refusal; the head forwards it to the quality-control body (kk, ru)', async ({
  page,
  browser,
}) => {
  const person = demoPersonByKey('maksat')
  await signInPatient(page, person.iin)
  await switchLanguage(page, 'kk')
  await page.goto('/patient/requests/new')
  const clinicSelect = page.getByLabel(t('kk', 'attachmentForm.clinic'), { exact: true })
  const clinicId = await clinicSelect.locator('option', { hasText: organizationName('aktau-pc-2', 'kk') }).getAttribute('value')
  const patientId = await page.getByRole('radio', { name: person.name }).getAttribute('value')
  const submitted = (await callServerAction(page.request, 'submitAttachmentRequest', '/patient/requests/new', {
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
  await expect(page.getByRole('heading', { level: 1 })).toContainText(t('kk', 'services.complaint.name'))

  const head = await browser.newContext()
  const headPage = await head.newPage()
  await signInStaff(headPage, 'head2')
  for (const locale of ['ru', 'kk'] as const) {
    await switchLanguage(headPage, locale)
    await headPage.goto('/head/complaints')
    await expect(headPage.locator('tr[data-row]', { hasText: person.iin })).toBeVisible()
    await shot(headPage, `head-complaints-${locale}`)
  }
  await headPage.locator('tr[data-row]', { hasText: person.iin }).getByRole('link').click()
  await headPage.waitForURL(/\/head\/requests\//)
  await headPage.getByRole('button', { name: new RegExp(`^${t('kk', 'decision.refuse')}`) }).click()
  await headPage.getByRole('radio').first().check()
  await headPage.getByLabel(t('kk', 'decision.reason'), { exact: true }).fill('Аумақ туралы дау: сапаны бақылау органы қарасын.')
  await headPage.getByRole('button', { name: t('kk', 'decision.confirmRefusal') }).click()
  await expect(headPage.getByRole('region', { name: t('kk', 'requests.decision.refused'), exact: true })).toBeVisible()
  await shot(headPage, 'head-complaint-forwarded-kk')
  await head.close()
})
