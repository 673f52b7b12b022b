import { expect, test } from './fixtures'
import { demoOrganizations, demoSections } from '../scripts/seed/demo-data'
import { callServerAction, demoPersonByKey, shot, signInPatient, signInStaff, switchLanguage, t } from './support'

// Rules p.31(2), reading 5: free choice of clinic at most twice per calendar year. Руслан is attached to clinic 1 by a
// free choice made in 2025 (not counted); this year he chooses clinic 2, then clinic 1 again; a third time is refused.
test('a third free choice in a year is not offered, and a forged one is refused with the reason (kk, ru)', async ({
  browser,
  page,
}) => {
  const person = demoPersonByKey('ruslan')
  const clinicIds = await (async () => {
    await signInPatient(page, person.iin)
    await switchLanguage(page, 'kk')
    await page.goto('/patient/requests/new/attachment')
    const options = page.getByLabel(t('kk', 'attachmentForm.clinic'), { exact: true }).locator('option')
    await expect(options).toHaveCount(3)
    const values = await options.evaluateAll((nodes) => nodes.map((node) => (node as HTMLOptionElement).value).filter(Boolean))
    return values
  })()
  expect(clinicIds).toHaveLength(demoOrganizations.filter((o) => o.type === 'primary_care').length)
  expect(demoSections.length).toBeGreaterThan(0)
  const patientId = await page.getByRole('radio', { name: person.name }).getAttribute('value')

  // Two free choices, each approved by the registrar of the chosen clinic.
  for (const [index, registrar] of [
    [1, 'registrar2'],
    [0, 'registrar1'],
  ] as const) {
    const submitted = (await callServerAction(page.request, 'submitAttachmentRequest', '/patient/requests/new/attachment', {
      idempotencyKey: crypto.randomUUID(),
      payload: { patientId, clinicId: clinicIds[index], sectionId: '', address: person.address, basis: 'free_choice' },
    })) as { ok: boolean; data: { requestId: string } }
    expect(submitted.ok).toBe(true)
    const desk = await browser.newContext()
    const deskPage = await desk.newPage()
    await signInStaff(deskPage, registrar)
    const approved = await callServerAction(
      deskPage.request,
      'approveRequest',
      `/registrar/requests/${submitted.data.requestId}`,
      {
        requestId: submitted.data.requestId,
        version: 1,
      },
    )
    expect(approved).toEqual({ ok: true, data: { status: 'approved', version: 2 } })
    await desk.close()
  }

  for (const locale of ['kk', 'ru'] as const) {
    await switchLanguage(page, locale)
    await page.goto('/patient/requests/new/attachment')
    await page.getByRole('radio', { name: person.name }).check()
    // Not offered: the other bases are, with the reason free choice is not.
    await expect(page.getByRole('radio', { name: t(locale, 'patient.attachment.bases.residence_change') })).toBeVisible()
    await expect(page.getByRole('radio', { name: t(locale, 'patient.attachment.bases.free_choice') })).toHaveCount(0)
    await expect(page.getByText(t(locale, 'attachmentForm.freeChoiceUsed'))).toBeVisible()

    // A forged submit: the form sends "residence_change", the request on the wire says "free_choice".
    await page.route('**/patient/requests/new/attachment', async (route) => {
      const body = route.request().postData()
      if (route.request().method() !== 'POST' || !body?.includes('residence_change')) return route.continue()
      return route.continue({ postData: body.replace('residence_change', 'free_choice') })
    })
    await page.getByLabel(t(locale, 'attachmentForm.clinic'), { exact: true }).selectOption(clinicIds[1]!)
    await page.getByRole('radio', { name: t(locale, 'patient.attachment.bases.residence_change') }).check()
    await page.getByRole('button', { name: t(locale, 'attachmentForm.submit') }).click()
    await expect(page.locator('#basis-error')).toHaveText(t(locale, 'errors.attachment.freeChoiceLimit'))
    await expect(page).toHaveURL('/patient/requests/new/attachment')
    await shot(page, `free-choice-refused-${locale}`)
    await page.unrouteAll()
  }
  await switchLanguage(page, 'kk')
})
