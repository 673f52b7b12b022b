import { expect, test, type Page } from './fixtures'
import { demoPatients } from '../scripts/seed/demo-data'
import {
  demoPerson,
  demoPersonByKey,
  expectSms,
  shot,
  signInStaff,
  switchLanguage,
  t,
  type DemoPerson,
  type Locale,
} from './support'

// Rules of attachment p.30 para 2: a family is attached on one member's written consent, with each member's identity
// document recorded (no copies). The registrar finds the mother, adds her child by IIN, submits one request per member
// and approves the whole family with one decision. Each family stays at its own clinic and sections, as in the seed.
const families: Record<Locale, { registrar: string; mother: DemoPerson; child: DemoPerson; sections: [string, string] }> = {
  kk: {
    registrar: 'registrar1',
    mother: demoPerson(demoPatients.mother),
    child: demoPerson(demoPatients.child),
    sections: ['1', '4'],
  },
  ru: { registrar: 'registrar2', mother: demoPersonByKey('olga'), child: demoPersonByKey('maksim'), sections: ['1', '4'] },
}

async function chooseSection(page: Page, index: number, number: string) {
  const select = page.locator(`#family-${index}-section`)
  const value = await select.locator('option', { hasText: new RegExp(`^№${number} — `) }).getAttribute('value')
  await select.selectOption(value!)
}

const numberIn = async (page: Page) => /\d{4,}/.exec(await page.getByRole('heading', { level: 1 }).innerText())![0]

for (const locale of ['kk', 'ru'] as const) {
  test(`a family at the desk: the mother's written consent, each member's document, one decision for all (${locale})`, async ({
    page,
  }) => {
    test.setTimeout(60_000)
    const { registrar, mother, child, sections } = families[locale]
    await signInStaff(page, registrar)
    await switchLanguage(page, locale)
    await page.goto(`/registrar/desk?iin=${mother.iin}`)
    await expect(page.getByRole('heading', { level: 2 })).toContainText(mother.name)
    await page
      .getByRole('navigation', { name: t(locale, 'desk.modes.label') })
      .getByRole('link', { name: t(locale, 'desk.modes.family') })
      .click()
    await page.waitForURL(`/registrar/desk/family?iin=${mother.iin}`)
    const submit = page.getByRole('button', { name: t(locale, 'deskFamily.submit') })

    // Only the mother, no consent, no document: the errors stand at their fields and nothing is submitted.
    await submit.click()
    await expect(page.locator('#family-consent-error')).toHaveText(t(locale, 'errors.family.consentRequired'))
    await expect(page.locator('#family-members-error')).toHaveText(t(locale, 'errors.family.membersRequired'))
    await expect(page.locator('#family-0-document-number-error')).toHaveText(t(locale, 'errors.desk.documentNumberRequired'))
    await expect(page).toHaveURL(/\/registrar\/desk\/family/)
    await shot(page, `family-errors-${locale}`)

    // The child is added by IIN; the mother is offered as the legal representative (p.30 para 3).
    await page.getByLabel(t(locale, 'deskFamily.addIin'), { exact: true }).fill(child.iin)
    await page.getByRole('button', { name: t(locale, 'deskFamily.add'), exact: true }).click()
    await expect(page.getByRole('group', { name: new RegExp(child.name) })).toBeVisible()
    await expect(page.getByRole('group', { name: new RegExp(child.name) })).toContainText(t(locale, 'deskFamily.child'))
    await expect(page.locator('#family-1-representative-iin')).toHaveValue(mother.iin)
    // The same person twice is refused at once.
    await page.getByLabel(t(locale, 'deskFamily.addIin'), { exact: true }).fill(child.iin)
    await page.getByRole('button', { name: t(locale, 'deskFamily.add'), exact: true }).click()
    await expect(page.locator('#family-add-iin-error')).toHaveText(t(locale, 'errors.family.memberTwice'))

    await page.getByLabel(t(locale, 'deskFamily.consent')).check()
    await page.locator('#family-0-document-number').fill('045612378')
    await page.locator('#family-0-document-issuer').fill('ҚР ІІМ')
    await chooseSection(page, 0, sections[0])
    await expect(page.locator('#family-1-document-kind')).toHaveValue('birth_certificate')
    await page.locator('#family-1-document-number').fill('I-МҢ 0457812')
    await page.locator('#family-1-document-issuer').fill('Ақтау қ. АХАТ бөлімі')
    await chooseSection(page, 1, sections[1])
    await shot(page, `family-form-${locale}`)
    await submit.click()

    // The mother's request: the family, the child's request beside it, and a decision that covers both.
    await page.waitForURL(/\/registrar\/requests\/[0-9a-f-]{36}$/)
    const motherNumber = await numberIn(page)
    await expect(page.getByText(t(locale, 'desk.categories.family'), { exact: true })).toBeVisible()
    const family = page.getByRole('region', { name: t(locale, 'family.heading'), exact: true })
    await expect(family).toContainText(t(locale, 'family.applicant', { name: mother.name }))
    await expect(family.getByRole('listitem')).toHaveCount(1)
    await expect(family.getByRole('listitem')).toContainText(child.name)
    await expect(family.getByRole('listitem')).toContainText(t(locale, 'requests.status.submitted'))
    const childNumber = (await family.getByRole('link').innerText()).replace(/\D/g, '')
    await expect(page.getByText(t(locale, 'family.decisionApplies', { count: 2 }), { exact: true })).toBeVisible()
    await shot(page, `family-request-${locale}`)

    // The queue marks both rows as one family and names the other member with the status.
    await page.goto('/registrar/queue')
    for (const [member, other] of [
      [mother, child],
      [child, mother],
    ] as const) {
      const row = page.locator('tr[data-row]', { hasText: member.iin })
      await expect(row).toContainText(t(locale, 'family.badge', { count: 2 }))
      await expect(row).toContainText(`${other.name} (${t(locale, 'requests.status.submitted')})`)
    }
    await shot(page, `family-queue-${locale}`)

    // One approval decides the family.
    await page.goBack()
    await page.waitForURL(/\/registrar\/requests\//)
    await page.getByRole('button', { name: new RegExp(`^${t(locale, 'decision.approve')}`) }).click()
    await expect(page.getByRole('region', { name: t(locale, 'requests.decision.approved'), exact: true })).toBeVisible()
    await expect(family.getByRole('listitem')).toContainText(t(locale, 'requests.status.approved'))
    await shot(page, `family-approved-${locale}`)
    await family.getByRole('link').click()
    await page.waitForURL(/\/registrar\/requests\//)
    await expect(page.getByRole('heading', { level: 1 })).toContainText(childNumber)
    await expect(page.getByRole('region', { name: t(locale, 'requests.decision.approved'), exact: true })).toBeVisible()
    await expect(page.getByRole('link', { name: t(locale, 'decision.printCoupon') })).toBeVisible()

    // Each member's notice: the child has no phone, so the mother is told of both.
    await expectSms(page, mother.phone!, 'sms.requestApproved', { number: motherNumber })
    await expectSms(page, mother.phone!, 'sms.requestApproved', { number: childNumber })
    if (locale !== 'kk') await switchLanguage(page, 'kk')
  })
}
