import { expect, test } from './fixtures'
import { demoSections } from '../scripts/seed/demo-data'
import { demoPersonByKey, shot, signInPatient, signInStaff, submitAttachmentAsPatient, switchLanguage, t } from './support'

// Issue 15: an attachment is never left without a section. A patient leaves the section to the clinic; the registrar
// sees a section chosen for him (only the adults' and general sections of the clinic: he is an adult), picks another
// one, approves, and the request and its coupon carry that section.
const cases = {
  kk: { person: 'meruert', clinic: 'aktau-pc-2', registrar: 'registrar2', pick: '3' },
  ru: { person: 'irina', clinic: 'aktau-pc-1', registrar: 'registrar1', pick: '3' },
} as const

for (const locale of ['kk', 'ru'] as const) {
  test(`the registrar chooses the section at approval when the patient left it to the clinic (${locale})`, async ({
    page,
    browser,
  }) => {
    const { person: key, clinic, registrar, pick } = cases[locale]
    const person = demoPersonByKey(key)
    await signInPatient(page, person.iin)
    await switchLanguage(page, 'kk')
    const submitted = await submitAttachmentAsPatient(page, person, clinic, 'free_choice')

    const desk = await browser.newContext()
    const deskPage = await desk.newPage()
    await signInStaff(deskPage, registrar)
    await switchLanguage(deskPage, locale)
    await deskPage.goto(`/registrar/requests/${submitted.requestId}`)
    const section = deskPage.getByLabel(t(locale, 'decision.section'), { exact: true })
    // A section is already chosen; the children's sections of the clinic are not among the choices.
    await expect(section).not.toHaveValue('')
    const offered = await section.locator('option').allTextContents()
    const adults = demoSections.filter((s) => s.organization === clinic && s.department !== 'pediatrics')
    expect(offered.map((label) => label.split(' ')[0])).toEqual(expect.arrayContaining(adults.map((s) => `№${s.number}`)))
    expect(offered).toHaveLength(adults.length)
    await shot(deskPage, `section-at-approval-${locale}`)

    const option = section.locator('option', { hasText: new RegExp(`^№${pick} `) })
    await section.selectOption((await option.getAttribute('value'))!)
    await deskPage.getByRole('button', { name: new RegExp(`^${t(locale, 'decision.approve')}`) }).click()
    await expect(deskPage.getByRole('region', { name: t(locale, 'requests.decision.approved'), exact: true })).toBeVisible()
    const summary = deskPage
      .locator('dt', { hasText: t(locale, 'requests.fields.section') })
      .locator('xpath=following-sibling::dd[1]')
    await expect(summary).toHaveText(pick)
    await shot(deskPage, `section-at-approval-approved-${locale}`)
    await desk.close()
  })
}
