import { demoAttachments, demoOrganizations, demoStaff } from '../scripts/seed/demo-data'
import { expect, test, type Page } from './fixtures'
import { anyLocale, demoPersonByKey, exactly, shot, signInPatient, signOut, switchLanguage, t, type Locale } from './support'

// Issue 15: the patient's home names his doctor and his clinic's phone and hours; his SMS are on his pages; the SMS
// language is the one on his record, which the screen's language does not change.
const people: Record<Locale, string> = { kk: 'arman', ru: 'elena' }
const other = (locale: Locale): Locale => (locale === 'kk' ? 'ru' : 'kk')

function clinicOf(key: string) {
  const attachment = demoAttachments.find((row) => row.patient === key && row.status === 'active')!
  const clinic = demoOrganizations.find((row) => row.code === attachment.organization)!
  const doctors = demoStaff.filter(
    (member) =>
      member.organization === attachment.organization && member.role === 'doctor' && member.section === attachment.section,
  )
  return { clinic, doctors }
}

async function newestSmsText(page: Page): Promise<string> {
  await page.goto('/patient/messages')
  return page.getByTestId('my-messages').locator('li').first().locator('p').innerText()
}

const signInText = (locale: Locale) => exactly(locale, 'sms.signInCode', { code: /•{6}/, minutes: /\d+/ })

for (const locale of ['kk', 'ru'] as const) {
  test(`the patient's home: his doctor, his clinic's phone and hours; his SMS, in his record's language (${locale})`, async ({
    page,
  }) => {
    test.setTimeout(60_000)
    const person = demoPersonByKey(people[locale])
    const { clinic, doctors } = clinicOf(people[locale])
    await signInPatient(page, person.iin)
    await switchLanguage(page, locale)

    const card = page.getByTestId('my-person').first()
    for (const doctor of doctors) await expect(card).toContainText(`${doctor.lastName} ${doctor.firstName}`)
    await expect(card.getByRole('link', { name: t(locale, 'patientHome.clinicPhone', { phone: clinic.phone }) })).toHaveAttribute(
      'href',
      `tel:${clinic.phone}`,
    )
    await expect(card).toContainText(
      t(locale, 'patientHome.hoursRun', {
        days: `${t(locale, 'patientHome.days.mon')}–${t(locale, 'patientHome.days.fri')}`,
        from: clinic.workingHours.mon!.from,
        to: clinic.workingHours.mon!.to,
      }),
    )
    await expect(page.getByRole('radio', { name: t(locale, `patientHome.noticeLanguage.${locale}`) })).toBeChecked()
    await shot(page, `patient-home-attachment-${locale}`)

    // The screen in the other language: his record, and so his SMS, stay in his own.
    await switchLanguage(page, other(locale))
    expect(await newestSmsText(page)).toMatch(signInText(locale))
    await shot(page, `patient-messages-${other(locale)}`)
    await signOut(page)
    await signInPatient(page, person.iin)
    expect(await newestSmsText(page)).toMatch(signInText(locale))
    await expect(page.locator('html')).toHaveAttribute('lang', other(locale))

    // He chooses the other language for his SMS on his home page: the next SMS is in it.
    await page.goto('/patient')
    await page.getByRole('radio', { name: anyLocale(`patientHome.noticeLanguage.${other(locale)}`) }).check()
    await page.getByRole('button', { name: t(other(locale), 'patientHome.noticeLanguage.save') }).click()
    await expect(
      page.getByRole('status').filter({
        hasText: t(other(locale), 'patientHome.noticeLanguage.saved', {
          language: t(other(locale), `patientHome.noticeLanguage.${other(locale)}In`),
        }),
      }),
    ).toBeVisible()
    await signOut(page)
    await signInPatient(page, person.iin)
    expect(await newestSmsText(page)).toMatch(signInText(other(locale)))

    // Back to his own language, as the demo data has it.
    await page.goto('/patient')
    await page.getByRole('radio', { name: anyLocale(`patientHome.noticeLanguage.${locale}`) }).check()
    await page.getByRole('button', { name: anyLocale('patientHome.noticeLanguage.save') }).click()
    await expect(page.getByRole('status')).toBeVisible()
  })
}
