import { expect, test, type Page } from './fixtures'
import { demoPatients } from '../scripts/seed/demo-data'
import { exactly, inboxMessages, locales, patientForm, shot, switchLanguage, t, type Locale } from './support'

const iin = demoPatients.mother
const wrongIins = [
  { reason: 'checksum', value: iin.slice(0, 11) + String((Number(iin[11]) + 1) % 10) },
  { reason: 'length', value: iin.slice(0, 11) },
  { reason: 'digits', value: `${iin.slice(0, 11)}a` },
] as const

/** How many SMS the demo inbox holds, and the newest one's time: together they show whether anything was sent. */
async function inboxState(inbox: Page) {
  await inbox.goto('/dev/inbox')
  const messages = inboxMessages(inbox)
  const count = await messages.count()
  return { count, newest: count ? await messages.first().locator('time').getAttribute('datetime') : null }
}

const isServerAction = (method: string, headers: Record<string, string>) => method === 'POST' && 'next-action' in headers

async function openForm(page: Page, locale: Locale) {
  await page.goto('/login')
  await switchLanguage(page, locale)
  const form = patientForm(page)
  return {
    form,
    iinField: form.getByLabel(exactly(locale, 'login.patient.iin')),
    sendCode: form.getByRole('button', { name: exactly(locale, 'login.patient.sendCode') }),
    error: form.locator('#patient-iin-error'),
  }
}

for (const locale of locales) {
  test(`a wrong IIN is refused at the field, before anything is sent (${locale})`, async ({ page, context }) => {
    const inbox = await context.newPage()
    const before = await inboxState(inbox)
    const { form, iinField, sendCode, error } = await openForm(page, locale)

    const serverCalls: string[] = []
    page.on('request', (request) => {
      if (isServerAction(request.method(), request.headers())) serverCalls.push(request.url())
    })

    for (const { reason, value } of wrongIins) {
      await iinField.fill(value)
      await sendCode.click()
      await expect(error).toHaveText(t(locale, `errors.iin.${reason}`))
      await expect(error).toHaveRole('alert')
      await expect(iinField).toHaveAttribute('aria-invalid', 'true')
      await expect(form.getByLabel(exactly(locale, 'login.patient.code'))).toHaveCount(0)
      if (reason === 'checksum') await shot(page, `login-iin-checksum-${locale}`)
    }
    await shot(page, `login-iin-error-${locale}`)
    expect(serverCalls).toEqual([])
    expect(await inboxState(inbox)).toEqual(before)
  })

  // The browser's check is skipped by rewriting the request: a valid IIN is typed (so the form sends it),
  // and the wrong one replaces it on the way to the server action. The server must refuse it the same way.
  test(`the server refuses a wrong IIN with the same message (${locale})`, async ({ page, context }) => {
    const typed = demoPatients.unattached
    const inbox = await context.newPage()
    const before = await inboxState(inbox)
    const { form, iinField, sendCode, error } = await openForm(page, locale)

    let current: string = wrongIins[0].value
    let rewritten = 0
    await page.route(
      (url) => url.pathname === '/login',
      async (route) => {
        const request = route.request()
        const body = request.postData()
        if (!isServerAction(request.method(), request.headers()) || !body?.includes(typed)) return route.continue()
        rewritten++
        return route.continue({ postData: body.replace(typed, current) })
      },
    )

    for (const { reason, value } of wrongIins) {
      current = value
      const calls = rewritten
      await iinField.fill(typed)
      await sendCode.click()
      await expect(error).toHaveText(t(locale, `errors.iin.${reason}`))
      await expect(iinField).toHaveValue(typed)
      await expect(form.getByLabel(exactly(locale, 'login.patient.code'))).toHaveCount(0)
      expect(rewritten).toBe(calls + 1)
      if (reason === 'checksum') await shot(page, `login-iin-server-checksum-${locale}`)
    }
    expect(await inboxState(inbox)).toEqual(before)
  })
}
