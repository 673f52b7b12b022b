import { expect, test } from './fixtures'
import { makeIin } from '../lib/iin'
import { demoPerson, locales, shot, signInStaff, switchLanguage, t } from './support'

// Issue 16: a registry centre's doctor keeps the TB registry: adds a person by IIN (name and birth date from the
// records), is refused a duplicate beside the IIN, removes the person with a day and a reason, reads the history, and
// imports a CSV: a file with a bad line is previewed with its errors and cannot be committed; a good file is, and the
// first preview, replaced by her second upload, then reads as expired.
// People used (none of them on a seeded registry or used by another spec): kk Сейітова Дана, Жақсыбеков Арман;
// ru Кузнецова Елена, Бекмағанбетова Жанар.
const people = {
  kk: { added: demoPerson('980521400140'), imported: demoPerson('900214300775'), withoutIin: ['Омаров', 'Бекзат', '1961-04-04'] },
  ru: { added: demoPerson('820909400950'), imported: demoPerson('691125400893'), withoutIin: ['Орлов', 'Пётр', '1958-08-08'] },
} as const

const header = 'iin;last_name;first_name;middle_name;birth_date;group;observed_since'
const nobody = makeIin({ birthDate: '1966-06-06', sex: 'male', serial: 9931 })

for (const locale of locales) {
  test(`the TB centre's doctor adds, removes, reads the history and imports a CSV (${locale})`, async ({ page }) => {
    const { added, imported, withoutIin } = people[locale]
    await signInStaff(page, 'tb1')
    await switchLanguage(page, locale)
    await page.goto('/centre')
    const registry = t(locale, 'centre.registries.tb')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(locale, 'centre.list.heading', { registry }))
    // The seed's TB registry: Иванова Ольга under observation, the record without an IIN.
    await expect(page.getByRole('row').filter({ hasText: '850809400209' })).toContainText(t(locale, 'centre.list.active'))
    await expect(page.getByRole('row').filter({ hasText: 'Ермекова' })).toContainText(t(locale, 'centre.list.noIin'))
    await shot(page, `centre-registry-${locale}`)

    // Add: an IIN nobody knows is refused beside the field; a known one shows the records' name and birth date.
    await page.getByRole('link', { name: t(locale, 'centre.nav.add'), exact: true }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(locale, 'centre.add.heading'))
    const iin = page.getByLabel(t(locale, 'centre.add.iin'), { exact: true })
    await iin.fill(nobody)
    await page.getByRole('button', { name: t(locale, 'centre.add.find') }).click()
    await expect(page.locator('#record-iin-error')).toHaveText(t(locale, 'centre.errors.iinUnknown'))
    await iin.fill(added.iin)
    await page.getByRole('button', { name: t(locale, 'centre.add.find') }).click()
    await expect(page.getByTestId('record-found')).toContainText(added.name.split(' ')[0]!)
    await page.getByLabel(t(locale, 'centre.add.group'), { exact: true }).fill('IA')
    await page.getByLabel(t(locale, 'centre.add.observedSince'), { exact: true }).fill('2026-11-02')
    await shot(page, `centre-add-${locale}`)
    await page.getByRole('button', { name: t(locale, 'centre.add.submit') }).click()
    await expect(page.getByText(t(locale, 'centre.add.saved'))).toBeVisible()

    // The same person again: refused beside the IIN, what was typed stays.
    await page.getByRole('button', { name: t(locale, 'centre.add.another') }).click()
    await iin.fill(added.iin)
    await page.getByLabel(t(locale, 'centre.add.group'), { exact: true }).fill('II')
    await page.getByLabel(t(locale, 'centre.add.observedSince'), { exact: true }).fill('2026-11-03')
    await page.getByRole('button', { name: t(locale, 'centre.add.submit') }).click()
    await expect(page.locator('#record-iin-error')).toHaveText(t(locale, 'centre.errors.alreadyOnRegistry'))
    await expect(page.getByLabel(t(locale, 'centre.add.group'), { exact: true })).toHaveValue('II')
    await shot(page, `centre-add-duplicate-${locale}`)

    // The history, from the registry's search; removal with a reason, confirmed once more.
    await page.goto(`/centre?q=${added.iin}`)
    await page.getByRole('link', { name: added.name.split(' ')[0]! }).click()
    await expect(page.getByRole('heading', { level: 1 })).toContainText(t(locale, 'centre.history.heading'))
    await expect(page.getByText(t(locale, 'centre.history.active'))).toBeVisible()
    await page.getByLabel(t(locale, 'centre.remove.reasons.moved'), { exact: true }).check()
    await page.getByLabel(t(locale, 'centre.remove.note'), { exact: true }).fill('Атырау')
    await page.getByRole('button', { name: t(locale, 'centre.remove.submit') }).click()
    await shot(page, `centre-remove-confirm-${locale}`)
    await page
      .getByRole('button', { name: t(locale, 'centre.remove.submit') })
      .last()
      .click()
    await expect(
      page
        .getByRole('listitem')
        .filter({ hasText: t(locale, 'centre.history.events.removed') })
        .last(),
    ).toContainText('Атырау')
    await expect(page.getByRole('button', { name: t(locale, 'centre.remove.submit') })).toHaveCount(0)
    await shot(page, `centre-history-${locale}`)

    // Import: a file with errors is previewed line by line and cannot be committed; nothing is written.
    await page.getByRole('link', { name: t(locale, 'centre.nav.import'), exact: true }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(locale, 'centre.import.heading'))
    await shot(page, `centre-import-${locale}`)
    const upload = async (name: string, text: string) => {
      await page.getByLabel(t(locale, 'centre.import.file'), { exact: true }).setInputFiles({
        name,
        mimeType: 'text/csv',
        buffer: Buffer.from(text, 'utf8'),
      })
      await page.getByRole('button', { name: t(locale, 'centre.import.upload') }).click()
      await page.waitForURL(/\/centre\/import\?import=/)
    }
    const [last, first, born] = withoutIin
    await upload(
      'bad.csv',
      [
        header,
        `${imported.iin};;;;;IA;2025-02-01`,
        `${nobody};;;;;IA;2025-02-01`,
        `;${last};${first};;${born};II;31.02.2025`,
      ].join('\n'),
    )
    await expect(page.getByTestId('import-counts')).toHaveText(
      t(locale, 'centre.import.counts', { lines: 3, errors: 2, good: 1 }),
    )
    await expect(page.getByRole('row').filter({ hasText: nobody })).toContainText(t(locale, 'centre.import.errors.unknownIin'))
    await expect(page.getByRole('row').filter({ hasText: last })).toContainText(t(locale, 'centre.import.errors.badDate'))
    await expect(page.getByText(t(locale, 'centre.import.cannotCommit'))).toBeVisible()
    await expect(
      page.getByRole('button', { name: /./ }).filter({ hasText: t(locale, 'centre.import.commit', { good: 1 }) }),
    ).toHaveCount(0)
    await shot(page, `centre-import-errors-${locale}`)
    const replacedPreview = page.url()

    // The corrected file (comma-separated, with a BOM) is committed whole.
    await page.getByRole('link', { name: t(locale, 'centre.import.another') }).click()
    await upload(
      'good.csv',
      `\uFEFF${header.replaceAll(';', ',')}\n${imported.iin},,,,,IA,2025-02-01\n,${last},${first},,${born},II,2025-02-28\n`,
    )
    await expect(page.getByTestId('import-counts')).toHaveText(
      t(locale, 'centre.import.counts', { lines: 2, errors: 0, good: 2 }),
    )
    await shot(page, `centre-import-preview-${locale}`)
    await page.getByRole('button', { name: t(locale, 'centre.import.commit', { good: 2 }) }).click()
    await expect(page.getByText(t(locale, 'centre.import.committed', { records: 2 }))).toBeVisible()
    await shot(page, `centre-import-committed-${locale}`)
    // Her new upload replaced the preview with errors: its link says it is no longer kept (and is removed by the job).
    await page.goto(replacedPreview)
    await expect(page.getByText(t(locale, 'centre.import.expired'))).toBeVisible()
    await expect(page.getByTestId('import-counts')).toHaveCount(0)
    await shot(page, `centre-import-expired-${locale}`)
    await page.getByRole('link', { name: t(locale, 'centre.import.uploadAgain') }).click()
    await expect(page.getByLabel(t(locale, 'centre.import.file'), { exact: true })).toBeVisible()
    await page.goto(`/centre?q=${imported.iin}`)
    await expect(page.getByRole('row').filter({ hasText: imported.iin })).toContainText(t(locale, 'centre.list.active'))
    await switchLanguage(page, 'kk')
  })
}

test('a clinic registrar is sent home from the centre pages, and the upload answers 404', async ({ page }) => {
  await signInStaff(page, 'registrar1')
  await page.goto('/centre')
  await expect(page).toHaveURL(/\/registrar$/)
  const answer = await page.request.post('/centre/import/upload', {
    headers: { 'content-type': 'text/csv', origin: new URL(page.url()).origin },
    data: `${header}\n`,
  })
  expect(answer.status()).toBe(404)
})
