import { expect, test } from './fixtures'
import { locales, shot, signInStaff, switchLanguage, t } from './support'

for (const locale of locales) {
  test(`the registrar sees the register of attached population and exports it (${locale})`, async ({ page }) => {
    await signInStaff(page, 'registrar1')
    await switchLanguage(page, locale)
    await page.goto('/registrar/register')
    const heading = page.getByRole('heading', { level: 1 })
    await expect(heading).toContainText(t(locale, 'register.heading'))
    const rows = page.getByRole('main').getByRole('table').getByRole('row')
    const total = Number(/\((\d+)\)/.exec(await heading.innerText())?.[1])
    expect(total).toBeGreaterThan(10)
    await expect(rows).toHaveCount(total + 1)

    // One section only.
    await page.getByLabel(t(locale, 'register.section')).selectOption({ index: 1 })
    await page.getByRole('button', { name: t(locale, 'queue.filters.apply') }).click()
    await page.waitForURL(/section=/)
    const sectionTotal = Number(/\((\d+)\)/.exec(await heading.innerText())?.[1])
    expect(sectionTotal).toBeLessThan(total)
    await shot(page, `registrar-register-${locale}`)

    // The CSV download: every attached person of the section, plus the header.
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: t(locale, 'register.export') }).click()
    const file = await download
    const text = await new Response((await file.createReadStream()) as unknown as ReadableStream).text()
    const lines = text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
    expect(lines[0]).toContain(t(locale, 'register.columns.iin'))
    expect(lines).toHaveLength(sectionTotal + 1)
    if (locale === 'ru') await switchLanguage(page, 'kk')
  })
}
