import { makeIin } from '../lib/iin'
import { demoIndividuals } from '../lib/register-of-individuals/demo'
import { expect, test } from './fixtures'
import { shot, signInStaff, switchLanguage, t } from './support'

// Issue 15: a walk-in the database does not know. The registrar finds nobody by the IIN at the desk, registers the
// person (kk: typed from the document, the national register not knowing the IIN; ru: prefilled from the demo
// register), lands on the desk with them, takes and approves their application; then records their detachment (kk:
// left the country; ru: death), after which the register no longer lists them.
const walkIns = {
  kk: { iin: makeIin({ birthDate: '1992-05-05', sex: 'male', serial: 8850 }), reason: 'left_country' },
  ru: { iin: demoIndividuals[0]!.iin, reason: 'death' },
} as const

for (const locale of ['kk', 'ru'] as const) {
  test(`Issue 15: a walk-in registered at the desk, attached, then detached (${locale})`, async ({ page }) => {
    const { iin, reason } = walkIns[locale]
    await signInStaff(page, 'registrar1')
    await switchLanguage(page, locale)
    await page.goto('/registrar/desk')
    await page.getByLabel(t(locale, 'patient.iin'), { exact: true }).fill(iin)
    await page.getByLabel(t(locale, 'patient.iin'), { exact: true }).press('Enter')
    await expect(page.getByRole('status')).toContainText(t(locale, 'desk.notFound'))
    await page.getByRole('link', { name: t(locale, 'registration.register') }).click()
    await page.waitForURL(/\/registrar\/patients\/new\?iin=/)
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: t(locale, 'registration.submit') }) })

    if (locale === 'kk') {
      await expect(page.getByText(t(locale, 'registration.notInRegister'))).toBeVisible()
      // Prefilled from the IIN's digits only; the rest typed from the document.
      await expect(form.getByLabel(t(locale, 'registration.birthDate'), { exact: true })).toHaveValue('1992-05-05')
      await shot(page, `walk-in-new-${locale}`)
      await form.getByLabel(t(locale, 'registration.birthDate'), { exact: true }).fill('1992-05-06')
      await form.getByLabel(t(locale, 'registration.phone'), { exact: true }).fill('+77015550199')
      await form.getByRole('button', { name: t(locale, 'registration.submit') }).click()
      await expect(page.locator('#registration-last-name-error')).toHaveText(t(locale, 'errors.registration.lastNameRequired'))
      await expect(page.locator('#registration-birth-date-error')).toHaveText(
        t(locale, 'errors.registration.birthDateDisagreesWithIin'),
      )
      await expect(page.locator('#registration-phone-consent-error')).toHaveText(t(locale, 'errors.desk.phoneConsentRequired'))
      await shot(page, `walk-in-errors-${locale}`)
      await form.getByLabel(t(locale, 'registration.lastName'), { exact: true }).fill('Оспанов')
      await form.getByLabel(t(locale, 'registration.firstName'), { exact: true }).fill('Дәурен')
      await form.getByLabel(t(locale, 'registration.birthDate'), { exact: true }).fill('1992-05-05')
      await form.getByLabel(t(locale, 'registration.address'), { exact: true }).fill('Ақтау қ., 15 шағын аудан, 8 үй, 21 пәтер')
      await form.getByLabel(t(locale, 'registration.phoneConsent'), { exact: true }).check()
    } else {
      await expect(page.getByText(t(locale, 'registration.fromRegister', { adapter: 'demo' }))).toBeVisible()
      await expect(form.getByLabel(t(locale, 'registration.lastName'), { exact: true })).toHaveValue(demoIndividuals[0]!.lastName)
      await shot(page, `walk-in-new-${locale}`)
    }
    await form.getByRole('button', { name: t(locale, 'registration.submit') }).click()

    // Registered: at the desk with them, to take any service.
    await page.waitForURL(/\/registrar\/desk\?iin=\d{12}&registered=1$/)
    await expect(page.getByRole('status').first()).toContainText(
      t(locale, 'registration.registered', { name: '' }).split(':')[0]!,
    )
    await shot(page, `walk-in-registered-${locale}`)
    await page.getByLabel(t(locale, 'desk.category'), { exact: true }).selectOption('disability')
    await page.getByLabel(t(locale, 'desk.documentKind'), { exact: true }).selectOption('mse_extract')
    await page.getByLabel(t(locale, 'desk.documentNumber'), { exact: true }).fill('МӘС-0457812')
    await page.getByLabel(t(locale, 'desk.documentIssuer'), { exact: true }).fill('МӘС бөлімі')
    await page.getByLabel(t(locale, 'attachmentForm.section'), { exact: true }).selectOption({ index: 1 })
    await page.getByRole('button', { name: t(locale, 'desk.submit') }).click()
    await page.waitForURL(/\/registrar\/requests\/[0-9a-f-]{36}$/)
    const approve = page.getByRole('button', { name: new RegExp(`^${t(locale, 'decision.approve')}`) })
    await expect(async () => {
      await page.keyboard.press('a')
      await expect(approve).toBeFocused({ timeout: 500 })
    }).toPass({ timeout: 10_000 })
    await page.keyboard.press('Enter')
    await expect(page.getByRole('region', { name: t(locale, 'requests.decision.approved'), exact: true })).toBeVisible()

    // Attached: in the clinic's register; then detached from the person's card.
    await page.goto(`/registrar?q=${iin}`)
    await page.locator(`a[href^="/registrar/patients/"]`).first().click()
    await page.waitForURL(/\/registrar\/patients\/\d+$/)
    await page.getByRole('link', { name: t(locale, 'detachment.link') }).click()
    await page.waitForURL(/\/registrar\/patients\/\d+\/detach$/)
    await page.getByRole('button', { name: t(locale, 'detachment.submit') }).click()
    await expect(page.locator('#detachment-reason-error')).toHaveText(t(locale, 'errors.detachment.reasonRequired'))
    await page.getByLabel(t(locale, `detachment.reasons.${reason}`)).check()
    await shot(page, `walk-in-detach-${locale}`)
    await page.getByRole('button', { name: t(locale, 'detachment.submit') }).click()
    await expect(page.getByRole('button', { name: t(locale, 'common.cancel'), exact: true })).toBeVisible()
    await shot(page, `walk-in-detach-confirm-${locale}`)
    await page.getByRole('button', { name: t(locale, 'detachment.submit') }).click()
    await expect(page.getByRole('status')).toContainText(t(locale, `detachment.reasons.${reason}`))
    await shot(page, `walk-in-detached-${locale}`)
    await page.getByRole('link', { name: t(locale, 'detachment.toRegister') }).click()
    await page.waitForURL(/\/registrar\/register$/)

    // The register follows: the clinic's search by IIN no longer finds him among its own; beyond the clinic he is a
    // person attached nowhere, whom the desk can take an application from.
    await page.goto(`/registrar?q=${iin}`)
    await expect(page.locator(`a[href^="/registrar/patients/"]`)).toHaveCount(0)
    if (reason === 'death') {
      await expect(page.getByRole('cell', { name: t(locale, 'patientSearch.beyond.deceased'), exact: true })).toBeVisible()
      await expect(page.getByRole('link', { name: t(locale, 'patientSearch.beyond.apply') })).toHaveCount(0)
    } else {
      await expect(page.getByRole('cell', { name: t(locale, 'patientSearch.beyond.notAttached'), exact: true })).toBeVisible()
      await expect(page.getByRole('link', { name: t(locale, 'patientSearch.beyond.apply') })).toHaveAttribute(
        'href',
        `/registrar/desk?iin=${iin}`,
      )
    }
  })
}
