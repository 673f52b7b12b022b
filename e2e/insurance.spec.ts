import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from './fixtures'
import { demoPersonByKey, shot, signInStaff, switchLanguage, t } from './support'

// Rules p.6, p.27 para 2, p.28-30: a foreigner staying in Kazakhstan temporarily attaches only under an insurance
// contract, at the desk, for the contract's term (p.29), with the identity document presented (the foreign passport).
// The desk offers that basis first and says why; an expired contract is refused beside its end date; a contract in
// force is approved and the coupon names the contract and the passport.
const foreigner = demoPersonByKey('temirlan')

const day = (offset: number) => {
  const date = new Date(Date.now() + offset * 86_400_000)
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(date)
}
const dotted = (iso: string) => iso.split('-').reverse().join('.')

for (const locale of ['kk', 'ru'] as const) {
  test(`p.27 para 2, p.28: a temporary resident attaches under an insurance contract for its term (${locale})`, async ({
    page,
  }) => {
    await signInStaff(page, 'registrar1')
    await switchLanguage(page, locale)
    await page.goto(`/registrar/desk?iin=${foreigner.iin}`)
    await expect(page.getByRole('heading', { level: 2 })).toContainText(foreigner.name)
    await expect(page.getByText(t(locale, 'patient.residences.temporary'))).toBeVisible()
    await expect(
      page.getByRole('note').filter({ hasText: t(locale, 'errors.attachment.temporaryResidentInsuranceOnly') }),
    ).toBeVisible()
    // The insurance category and basis are already chosen for a temporary resident.
    await expect(page.getByLabel(t(locale, 'attachmentForm.basis'), { exact: true })).toHaveValue('insurance_contract')

    await page.getByLabel(t(locale, 'desk.category'), { exact: true }).selectOption('insurance_contract')
    await page.getByLabel(t(locale, 'attachmentForm.basis'), { exact: true }).selectOption('insurance_contract')
    // Standard row 7(11): the document that proves the insurance category is the contract itself.
    await page.getByLabel(t(locale, 'desk.documentKind'), { exact: true }).selectOption('insurance_contract')
    await page.getByLabel(t(locale, 'desk.documentNumber'), { exact: true }).fill('ДМС-2026/0481')
    await page.getByLabel(t(locale, 'desk.documentIssuer'), { exact: true }).fill('АО «Халык-Life»')
    await page.getByLabel(t(locale, 'desk.identity.kind'), { exact: true }).selectOption('foreign_passport')
    await page.getByLabel(t(locale, 'desk.identity.number'), { exact: true }).fill('AC1234567')
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
    await expect(page.getByText(`${t(locale, 'desk.identity.kinds.foreign_passport')} № AC1234567`)).toBeVisible()
    await shot(page, `insurance-request-${locale}`)

    await page.getByRole('button', { name: new RegExp(`^${t(locale, 'decision.approve')}`) }).click()
    await expect(page.getByRole('region', { name: t(locale, 'requests.decision.approved'), exact: true })).toBeVisible()
    const href = await page.getByRole('link', { name: t(locale, 'decision.printCoupon') }).getAttribute('href')
    const coupon = await page.request.get(href!)
    expect(coupon.headers()['content-type']).toBe('application/pdf')
    // p.28: the coupon names the contract and the identity document presented.
    mkdirSync('test-results', { recursive: true })
    const file = path.join('test-results', `insurance-coupon-${locale}.pdf`)
    writeFileSync(file, await coupon.body())
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
    expect(text).toContain('ДМС-2026/0481')
    expect(text).toContain('AC1234567')
  })
}
