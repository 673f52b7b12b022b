import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from './fixtures'
import { demoPersonByKey, shot, signInPatient, signInStaff, switchLanguage, t, type Locale } from './support'

// Rules p.23-24: a pensioner applies in person. The registrar finds him by IIN, records the document presented (no
// copies), submits, prints the written application to the chief physician for him to sign by hand (p.23; he sees it
// on his own request page too), approves with the keyboard and prints the 064/e coupon (p.29).
const pensioners: Record<Locale, string> = { kk: 'viktor', ru: 'gulzhan' }

for (const locale of ['kk', 'ru'] as const) {
  test(`Rules of attachment p.23: a pensioner at the desk: found by IIN, written application recorded and printed, approved, coupon printed (${locale})`, async ({
    page,
    browser,
  }) => {
    const person = demoPersonByKey(pensioners[locale])
    await signInStaff(page, 'registrar1')
    await switchLanguage(page, locale)
    await page.goto('/registrar/desk')
    const iinField = page.getByLabel(t(locale, 'patient.iin'), { exact: true })
    await iinField.fill(`${person.iin.slice(0, 11)}0`.replace(/.$/, (d) => String((Number(person.iin[11]) + 1) % 10)))
    await iinField.press('Enter')
    await expect(page.locator('#desk-iin-error')).toHaveText(t(locale, 'errors.iin.checksum'))
    await page.getByLabel(t(locale, 'patient.iin'), { exact: true }).fill(person.iin)
    await page.getByLabel(t(locale, 'patient.iin'), { exact: true }).press('Enter')
    await expect(page.getByRole('heading', { level: 2 })).toContainText(person.name)

    // Nothing chosen: the errors stand beside their fields, and nothing is submitted.
    await page.getByRole('button', { name: t(locale, 'desk.submit') }).click()
    await expect(page.locator('#desk-category-error')).toHaveText(t(locale, 'errors.desk.categoryRequired'))
    await expect(page.locator('#desk-document-number-error')).toHaveText(t(locale, 'errors.desk.documentNumberRequired'))
    await expect(page).toHaveURL(/\/registrar\/desk/)
    await shot(page, `desk-errors-${locale}`)

    await page.getByLabel(t(locale, 'desk.category'), { exact: true }).selectOption('pensioner')
    // p.23(1), standard row 7(2): a pensioner proves the category with the pensioner's certificate, the only kind offered.
    await expect(page.getByLabel(t(locale, 'desk.documentKind'), { exact: true }).locator('option')).toHaveText([
      t(locale, 'desk.documentKinds.pension_certificate'),
    ])
    await page.getByLabel(t(locale, 'desk.documentKind'), { exact: true }).selectOption('pension_certificate')
    await page.getByLabel(t(locale, 'desk.documentNumber'), { exact: true }).fill('ПК-0457812')
    await page.getByLabel(t(locale, 'desk.documentIssuer'), { exact: true }).fill('ЗТМО Маңғыстау облыстық филиалы')
    await page.getByLabel(t(locale, 'attachmentForm.section'), { exact: true }).selectOption({ index: 1 })
    await shot(page, `desk-form-${locale}`)
    await page.getByRole('button', { name: t(locale, 'desk.submit') }).click()

    await page.waitForURL(/\/registrar\/requests\/[0-9a-f-]{36}$/)
    await expect(page.getByText(t(locale, 'desk.categories.pensioner'), { exact: true })).toBeVisible()
    await expect(page.getByText(t(locale, 'requests.channels.desk'), { exact: true })).toBeVisible()
    await expect(page.getByText(/ПК-0457812/)).toBeVisible()

    // p.23: the written application to the chief physician is a document of the request from submission on, recorded
    // (no digital signature: he signs the printed page), and printed at once from the request page.
    const applicationRow = page.locator('li[data-document="written_application"]')
    await expect(applicationRow).toContainText(t(locale, 'documents.kinds.written_application'))
    await expect(applicationRow).toContainText(t(locale, 'documents.recorded'))
    await expect(applicationRow).toContainText(t(locale, 'documents.signedOnPaper'))
    await shot(page, `desk-application-${locale}`)
    const applicationHref = await page.getByRole('link', { name: t(locale, 'decision.printApplication') }).getAttribute('href')
    expect(applicationHref).toMatch(/^\/documents\/[0-9a-f-]{36}\/pdf$/)
    const applicationPdf = await page.request.get(applicationHref!)
    expect(applicationPdf.headers()['content-type']).toBe('application/pdf')
    mkdirSync('test-results', { recursive: true })
    const applicationFile = path.join('test-results', `desk-application-${locale}.pdf`)
    writeFileSync(applicationFile, await applicationPdf.body())
    const applicationText = execFileSync('pdftotext', ['-enc', 'UTF-8', applicationFile, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    )
    expect(applicationText).toContain('БАС ДӘРІГЕРДІҢ АТЫНА ЖАЗБАША ӨТІНІШ')
    expect(applicationText).toContain('бас дәрігеріне')
    expect(applicationText).toContain('Главному врачу')
    expect(applicationText).toContain(person.iin)
    expect(applicationText).toContain('ПК-0457812')
    expect(applicationText).toContain('Өтініш беруші / Заявитель')
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-singlefile',
      applicationFile,
      path.join('e2e', 'screenshots', `desk-application-pdf-${locale}`),
    ])
    const requestPath = new URL(page.url()).pathname.replace('/registrar/', '/patient/')

    // The pensioner sees it on his own request page, and may download it.
    const own = await browser.newContext()
    const ownPage = await own.newPage()
    await signInPatient(ownPage, person.iin)
    await switchLanguage(ownPage, locale)
    await ownPage.goto(requestPath)
    const ownRow = ownPage.locator('li[data-document="written_application"]')
    await expect(ownRow).toContainText(t(locale, 'documents.kinds.written_application'))
    await expect(ownRow.getByRole('link', { name: t(locale, 'documents.download') })).toBeVisible()
    await shot(ownPage, `desk-application-patient-${locale}`)
    // Back to the person's own language (viktor reads Russian, gulzhan Kazakh), for the flows that follow.
    await switchLanguage(ownPage, locale === 'kk' ? 'ru' : 'kk')
    await own.close()

    const approve = page.getByRole('button', { name: new RegExp(`^${t(locale, 'decision.approve')}`) })
    await expect(async () => {
      await page.keyboard.press('a')
      await expect(approve).toBeFocused({ timeout: 500 })
    }).toPass({ timeout: 10_000 })
    await page.keyboard.press('Enter')
    await expect(page.getByRole('region', { name: t(locale, 'requests.decision.approved'), exact: true })).toBeVisible()
    await shot(page, `desk-approved-${locale}`)

    const href = await page.getByRole('link', { name: t(locale, 'decision.printCoupon') }).getAttribute('href')
    const coupon = await page.request.get(href!)
    expect(coupon.headers()['content-type']).toBe('application/pdf')
    mkdirSync('test-results', { recursive: true })
    const file = path.join('test-results', `desk-coupon-${locale}.pdf`)
    writeFileSync(file, await coupon.body())
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
    expect(text).toContain(person.iin)
    expect(text).toContain(person.name.split(' ')[0]!)
    if (locale !== 'kk') await switchLanguage(page, 'kk')

    // Standard row 2: the head sees the desk's service time, measured from opening the form to submitting it.
    const head = await browser.newContext()
    const headPage = await head.newPage()
    await signInStaff(headPage, 'head1')
    await expect(headPage.getByRole('region', { name: t('kk', 'headHome.deskTime') })).toContainText(/\d+/)
    await expect(headPage.getByRole('region', { name: t('kk', 'headHome.deskTime') })).not.toContainText(
      t('kk', 'headHome.deskTimeNone'),
    )
    await head.close()
  })
}
