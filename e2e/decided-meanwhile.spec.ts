import { expect, test } from './fixtures'
import {
  demoPersonByKey,
  exactly,
  shot,
  signInPatient,
  signInStaff,
  submitAttachmentAsPatient,
  switchLanguage,
  t,
} from './support'

// Issue 15: a registrar refuses a request that someone else decided meanwhile (a second tab, a colleague). The panel
// says who decided it and when, keeps the reason he typed, and shows the decision only when he asks.
const cases = {
  kk: { person: 'valentina', clinic: 'aktau-pc-2', registrar: 'registrar2' },
  ru: { person: 'kulpash', clinic: 'aktau-pc-2', registrar: 'registrar2' },
} as const

for (const locale of ['kk', 'ru'] as const) {
  test(`a decision on a request decided meanwhile says who and when, and keeps the text typed (${locale})`, async ({
    page,
    browser,
  }) => {
    test.setTimeout(90_000)
    const { person: key, clinic, registrar } = cases[locale]
    const person = demoPersonByKey(key)
    await signInPatient(page, person.iin)
    await switchLanguage(page, 'kk')
    const submitted = await submitAttachmentAsPatient(page, person, clinic, 'residence_change')
    const url = `/registrar/requests/${submitted.requestId}`

    const desk = await browser.newContext()
    const mine = await desk.newPage()
    await signInStaff(mine, registrar)
    await switchLanguage(mine, locale)
    await mine.goto(url)
    const other = await desk.newPage()
    await other.goto(url)

    // This tab starts a refusal and types its reason...
    await mine.keyboard.press('r')
    await mine.getByRole('radio').first().check()
    const reason = 'Тіркеу куәлігі ұсынылмады / Не представлена справка о регистрации.'
    await mine.getByLabel(t(locale, 'decision.reason')).fill(reason)
    // ...while the other approves.
    await other.getByRole('button', { name: new RegExp(`^${t(locale, 'decision.approve')}`) }).click()
    await expect(other.getByRole('region', { name: t(locale, 'requests.decision.approved'), exact: true })).toBeVisible()

    await mine.getByRole('button', { name: t(locale, 'decision.confirmRefusal') }).click()
    const panel = mine.getByRole('region', { name: t(locale, 'decision.heading'), exact: true })
    await expect(panel.getByRole('alert')).toHaveText(
      exactly(locale, 'errors.request.alreadyDecidedBy', { who: /.+/, when: /\d{2}\.\d{2}\.\d{4}.*/ }),
    )
    await expect(panel.getByLabel(t(locale, 'decision.unsentReason'))).toHaveValue(reason)
    // Nothing was refused: the request stays approved.
    await expect(panel.getByRole('button', { name: new RegExp(`^${t(locale, 'decision.approve')}`) })).toHaveCount(0)
    await shot(mine, `decided-meanwhile-${locale}`)
    await panel.getByRole('button', { name: t(locale, 'decision.showDecision') }).click()
    await expect(mine.getByRole('region', { name: t(locale, 'requests.decision.approved'), exact: true })).toBeVisible()
    await desk.close()
  })
}
