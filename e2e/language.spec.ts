import { expect, test } from './fixtures'
import { demoLogins } from '../scripts/seed/demo-data'
import { exactly, signInStaff, signOut, switchLanguage, t } from './support'

test('the language chosen is remembered for the user on another device', async ({ page, browser }) => {
  await signInStaff(page, demoLogins.registrar)
  await switchLanguage(page, 'kk')
  await switchLanguage(page, 'ru')
  await expect(page.getByRole('banner')).toContainText(t('ru', 'shell.roles.registrar'))
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('ru', 'patientSearch.heading'))
  await signOut(page)
  // The sign-in page of this browser stays in Russian too (the cookie).
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('ru', 'login.title'))

  // Another "device": a new context without cookies starts in Kazakh and turns Russian at sign-in.
  const other = await browser.newContext()
  try {
    const device = await other.newPage()
    await device.goto('/login')
    await expect(device.locator('html')).toHaveAttribute('lang', 'kk')
    await expect(device.getByRole('heading', { level: 1 })).toHaveText(t('kk', 'login.title'))
    await signInStaff(device, demoLogins.registrar)
    await expect(device).toHaveURL('/registrar')
    await expect(device.locator('html')).toHaveAttribute('lang', 'ru')
    const header = device.getByRole('banner')
    await expect(header).toContainText(t('ru', 'shell.roles.registrar'))
    await expect(header.getByRole('button', { name: exactly('ru', 'shell.signOut') })).toBeVisible()
    await expect(header.getByRole('button', { name: t('ru', 'shell.languages.ru'), exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
    await expect(device.getByRole('heading', { level: 1 })).toHaveText(t('ru', 'patientSearch.heading'))

    // Back to Kazakh, so that registrar1 starts in the default language elsewhere.
    await switchLanguage(device, 'kk')
    await expect(header).toContainText(t('kk', 'shell.roles.registrar'))
  } finally {
    await other.close()
  }
})
