import { expect, test } from './fixtures'
import { demoPersonByKey, shot, signInStaff, switchLanguage, t } from './support'

// Rules p.28-30: a foreigner attaches at the desk under a voluntary insurance contract, for the contract's term (p.29).
// An expired contract is refused beside its end date; a contract in force is approved and the coupon shows its end.
const foreigner = demoPersonByKey('aleksey')

const day = (offset: number) => {
  const date = new Date(Date.now() + offset * 86_400_000)
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(date)
}
const dotted = (iso: string) => iso.split('-').reverse().join('.')

for (const locale of ['kk', 'ru'] as const) {
  test(`a foreigner attaches under an insurance contract for its term (${locale})`, async ({ page }) => {
    await signInStaff(page, 'registrar1')
    await switchLanguage(page, locale)
    await page.goto(`/registrar/desk?iin=${foreigner.iin}`)
    await expect(page.getByRole('heading', { level: 2 })).toContainText(foreigner.name)

    await page.getByLabel(t(locale, 'desk.category'), { exact: true }).selectOption('insurance_contract')
    await page.getByLabel(t(locale, 'attachmentForm.basis'), { exact: true }).selectOption('insurance_contract')
    // Standard row 7(11): the document that proves the insurance category is the contract itself.
    await page.getByLabel(t(locale, 'desk.documentKind'), { exact: true }).selectOption('insurance_contract')
    await page.getByLabel(t(locale, 'desk.documentNumber'), { exact: true }).fill('ДМС-2026/0481')
    await page.getByLabel(t(locale, 'desk.documentIssuer'), { exact: true }).fill('АО «Халык-Life»')
    await page.getByLabel(t(locale, 'desk.insurance.kind'), { exact: true }).selectOption('voluntary')
    await page.getByLabel(t(locale, 'desk.insurance.number'), { exact: true }).fill('ДМС-2026/0481')
    await page.getByLabel(t(locale, 'desk.insurance.insurer'), { exact: true }).fill('АО «Халык-Life»')
    await page.getByLabel(t(locale, 'desk.insurance.startsOn'), { exact: true }).fill(day(-400))
    await page.getByLabel(t(locale, 'desk.insurance.endsOn'), { exact: true }).fill(day(-1))
    await page.getByRole('button', { name: t(locale, 'desk.submit') }).click()
    await expect(page.locator('#desk-insurance-ends-on-error')).toHaveText(t(locale, 'errors.insurance.expired'))
    await expect(page).toHaveURL(/\/registrar\/desk/)
    await shot(page, `insurance-expired-${locale}`)

    const endsOn = day(200)
    await page.getByLabel(t(locale, 'desk.insurance.startsOn'), { exact: true }).fill(day(-30))
    await page.getByLabel(t(locale, 'desk.insurance.endsOn'), { exact: true }).fill(endsOn)
    await page.getByRole('button', { name: t(locale, 'desk.submit') }).click()
    await page.waitForURL(/\/registrar\/requests\/[0-9a-f-]{36}$/)
    // The contract (kind, number, insurer, term) is shown beside the document presented, which is the contract too.
    await expect(page.getByText(/ДМС-2026\/0481/).filter({ hasText: dotted(endsOn) })).toBeVisible()
    await shot(page, `insurance-request-${locale}`)

    await page.getByRole('button', { name: new RegExp(`^${t(locale, 'decision.approve')}`) }).click()
    await expect(page.getByRole('region', { name: t(locale, 'requests.decision.approved'), exact: true })).toBeVisible()
    const href = await page.getByRole('link', { name: t(locale, 'decision.printCoupon') }).getAttribute('href')
    const coupon = await page.request.get(href!)
    expect(coupon.headers()['content-type']).toBe('application/pdf')
  })
}
