import { expect, test } from './fixtures'
import { DEMO_STAFF_PASSWORD, demoLogins } from '../scripts/seed/demo-data'
import { staffForm, shot, submitStaffForm, switchLanguage, t } from './support'

// Five failed sign-ins within 15 minutes lock the login for 15 minutes. The fifth failure locks at once and says so
// (lib/auth/credentials.ts checks the lock again after recording the failure; tests/integration/sign-in.test.ts).
// The login stays locked for the rest of the run, so this is a single test in both languages.
test('wrong passwords lock the login; then even the right password is refused (kk, then ru)', async ({ page }) => {
  const login = demoLogins.lockoutTarget
  await page.goto('/login')
  await switchLanguage(page, 'kk')
  const alert = staffForm(page).getByRole('alert')
  const password = staffForm(page).getByLabel(t('kk', 'login.staff.password'), { exact: true })

  for (let attempt = 1; attempt <= 4; attempt++) {
    await submitStaffForm(page, login, `wrong-password-${attempt}`)
    // The form empties the password after a refusal; waiting for that means this attempt's answer has arrived.
    await expect(password).toHaveValue('')
    await expect(alert).toHaveText(t('kk', 'errors.auth.invalidCredentials'))
    await expect(page).toHaveURL('/login')
  }

  await submitStaffForm(page, login, 'wrong-password-5')
  await expect(password).toHaveValue('')
  await expect(alert).toHaveText(t('kk', 'errors.auth.locked'))

  await submitStaffForm(page, login, 'wrong-password-6')
  await expect(password).toHaveValue('')
  await expect(alert).toHaveText(t('kk', 'errors.auth.locked'))

  await submitStaffForm(page, login, DEMO_STAFF_PASSWORD)
  await expect(password).toHaveValue('')
  await expect(alert).toHaveText(t('kk', 'errors.auth.locked'))
  await expect(page).toHaveURL('/login')
  await shot(page, 'lockout-kk')

  await switchLanguage(page, 'ru')
  await submitStaffForm(page, login, DEMO_STAFF_PASSWORD)
  await expect(staffForm(page).getByLabel(t('ru', 'login.staff.password'), { exact: true })).toHaveValue('')
  await expect(alert).toHaveText(t('ru', 'errors.auth.locked'))
  await expect(page).toHaveURL('/login')
  await shot(page, 'lockout-ru')
})
