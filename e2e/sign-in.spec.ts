import { expect, test } from './fixtures'
import { demoLogins, demoPatients } from '../scripts/seed/demo-data'
import { demoChildrenOf, exactly, locales, mother, shot, signInPatient, signInStaff, signOut, switchLanguage, t } from './support'

const staffRoles = [
  { role: 'registrar', login: demoLogins.registrar, home: '/registrar' },
  { role: 'doctor', login: demoLogins.doctor, home: '/doctor' },
  { role: 'head', login: demoLogins.head, home: '/head' },
  { role: 'chief', login: demoLogins.chief, home: '/chief' },
] as const

for (const locale of locales) {
  test(`sign-in page (${locale})`, async ({ page }) => {
    await page.goto('/login')
    await switchLanguage(page, locale)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(locale, 'login.title'))
    await expect(page.getByRole('heading', { name: t(locale, 'login.patient.heading') })).toBeVisible()
    await expect(page.getByRole('heading', { name: t(locale, 'login.staff.heading') })).toBeVisible()
    await expect(page).toHaveTitle(new RegExp(t(locale, 'login.title')))
    await shot(page, `login-${locale}`)
  })

  for (const { role, login, home } of staffRoles) {
    test(`${role} signs in and lands on ${home} (${locale})`, async ({ page }) => {
      await signInStaff(page, login)
      await expect(page).toHaveURL(home)
      await switchLanguage(page, locale)
      const header = page.getByRole('banner')
      await expect(header).toContainText(t(locale, `shell.roles.${role}`))
      await expect(header.getByRole('button', { name: exactly(locale, 'shell.signOut') })).toBeVisible()
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      await shot(page, `${role}-home-${locale}`)
    })
  }

  test(`sign-out returns to /login and closes the staff pages (${locale})`, async ({ page }) => {
    await signInStaff(page, demoLogins.registrar)
    await switchLanguage(page, locale)
    await signOut(page)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(locale, 'login.title'))
    await page.goto('/registrar')
    await expect(page).toHaveURL('/login')
    await expect(page.getByRole('banner').getByRole('button', { name: exactly(locale, 'shell.signOut') })).toHaveCount(0)
  })

  // One sign-in per language: the app sends at most 3 codes per IIN in 15 minutes.
  test(`patient signs in with an SMS code and sees herself and her children (${locale})`, async ({ page }) => {
    await signInPatient(page, demoPatients.mother)
    await expect(page).toHaveURL('/patient')
    await switchLanguage(page, locale)
    await expect(page.getByRole('banner')).toContainText(t(locale, 'shell.roles.patient'))
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(locale, 'patientHome.heading'))

    const people = page.getByRole('main').getByRole('listitem')
    const children = demoChildrenOf(demoPatients.mother)
    expect(children.length).toBeGreaterThan(0)
    await expect(people).toHaveCount(1 + children.length)
    await expect(people.nth(0).getByRole('link').first()).toHaveText(mother.name)
    await expect(people.nth(0)).toContainText(t(locale, 'patientHome.me'))
    for (const [index, child] of children.entries()) {
      await expect(
        people
          .nth(index + 1)
          .getByRole('link')
          .first(),
      ).toHaveText(child.name)
      await expect(people.nth(index + 1)).toContainText(t(locale, 'patient.family.child'))
    }
    await shot(page, `patient-home-${locale}`)

    await page.setViewportSize({ width: 390, height: 844 })
    await page.reload()
    await expect(people).toHaveCount(1 + children.length)
    await shot(page, `patient-home-phone-${locale}`)

    // The child's card, through the link on the home page.
    const child = children[0]!
    await page.getByRole('link', { name: child.name }).click()
    await expect(page).toHaveURL(/\/patient\/people\/\d+$/)
    await expect(page.getByRole('heading', { level: 1, name: child.name })).toBeVisible()
    await expect(page.getByText(child.iin, { exact: true })).toBeVisible()
    await expect(page.getByRole('heading', { name: t(locale, 'patient.attachment.heading'), exact: true })).toBeVisible()
    await shot(page, `patient-child-card-phone-${locale}`)
    await page.setViewportSize({ width: 1366, height: 768 })
    await shot(page, `patient-child-card-${locale}`)

    // The demo inbox holds the code that was just used.
    await page.goto('/dev/inbox')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(locale, 'devInbox.heading'))
    await expect(page.locator(`li[data-recipient="${mother.phone}"]`).first()).toContainText(/\b\d{6}\b/)
    await shot(page, `dev-inbox-${locale}`)
  })
}
