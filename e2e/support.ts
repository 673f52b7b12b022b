// Shared helpers of the end-to-end suite: sign-in (staff and patient), language switch, screenshots and texts.
// Texts always come from the app's message tree (messages/<locale>.json and each service's own files, merged as the
// app merges them), never hard-coded, so a changed translation changes the tests too.
import { IntlMessageFormat } from 'intl-messageformat'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test'
import {
  DEMO_STAFF_PASSWORD,
  demoAttachments,
  demoOrganizations,
  demoPatientList,
  demoPatients,
  demoRepresentatives,
} from '../scripts/seed/demo-data'
import { makeIin } from '../lib/iin'

export const locales = ['kk', 'ru'] as const
export type Locale = (typeof locales)[number]

type MessageTree = { [key: string]: string | MessageTree }

const readMessages = (file: URL) => JSON.parse(readFileSync(fileURLToPath(file), 'utf8')) as MessageTree

function mergeInto(target: MessageTree, source: MessageTree): MessageTree {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key]
    target[key] = typeof existing === 'object' && typeof value === 'object' ? mergeInto(existing, value) : value
  }
  return target
}

// As lib/i18n/messages.ts merges them (its JSON imports need a bundler): the app's, then each service's own.
function messagesIn(locale: Locale): MessageTree {
  const services = new URL('../lib/services/', import.meta.url)
  return readdirSync(services, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => new URL(`${entry.name}/messages/${locale}.json`, services))
    .filter((file) => existsSync(file))
    .reduce(
      (tree, file) => mergeInto(tree, readMessages(file)),
      readMessages(new URL(`../messages/${locale}.json`, import.meta.url)),
    )
}

const messagesOf: Record<Locale, MessageTree> = { kk: messagesIn('kk'), ru: messagesIn('ru') }

/** The message `key` (dotted) of `locale`, with `{param}` placeholders filled in. */
export function t(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  let node: string | MessageTree | undefined = messagesOf[locale]
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined
  if (typeof node !== 'string') throw new Error(`No message "${key}" in the ${locale} messages`)
  // Plurals and selects are ICU syntax: format them as next-intl does.
  if (/\{\w+, (plural|select|selectordinal),/.test(node)) return String(new IntlMessageFormat(node, locale).format(params))
  return node.replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in params ? String(params[name]) : placeholder))
}

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Matches the whole text of `key` in either language: for pages whose language is not known beforehand. */
export function anyLocale(key: string, params: Record<string, string | number> = {}): RegExp {
  return new RegExp(`^(?:${locales.map((locale) => escapeRegExp(t(locale, key, params))).join('|')})$`)
}

/**
 * Matches exactly the text of `key` in `locale` (accessible names are matched loosely by default).
 * A RegExp parameter stands for a part not known beforehand, e.g. `{ count: /\d+/ }`.
 */
export function exactly(locale: Locale, key: string, params: Record<string, string | number | RegExp> = {}): RegExp {
  const marks: Record<string, string> = {}
  const sources: Record<string, string> = {}
  for (const [name, value] of Object.entries(params)) {
    const mark = value instanceof RegExp ? `\u0000${name}\u0000` : String(value)
    marks[name] = mark
    if (value instanceof RegExp) sources[mark] = value.source
  }
  let source = escapeRegExp(t(locale, key, marks))
  for (const [mark, part] of Object.entries(sources)) source = source.replace(mark, `(?:${part})`)
  return new RegExp(`^${source}$`)
}

// ---------------------------------------------------------------------------------------------
// Demo people

export type DemoPerson = { iin: string; name: string; phone: string | null; address: string }

export function demoPerson(iin: string): DemoPerson {
  const person = demoPatientList.find((p) => p.iin === iin)
  if (!person) throw new Error(`No demo patient with IIN ${iin}`)
  return {
    iin,
    name: [person.lastName, person.firstName, person.middleName].filter(Boolean).join(' '),
    phone: person.phone,
    address: person.address,
  }
}

/** A demo patient by the seed's local key (e.g. 'dmitriy'), for tests that need people of their own. */
export function demoPersonByKey(key: string): DemoPerson {
  const person = demoPatientList.find((p) => p.key === key)
  if (!person) throw new Error(`No demo patient with key ${key}`)
  return demoPerson(person.iin)
}

/** Whether the seed attaches the demo patient anywhere (an active attachment). */
export function isAttachedInSeed(iin: string): boolean {
  const person = demoPatientList.find((p) => p.iin === iin)
  return demoAttachments.some((a) => a.patient === person?.key && a.status === 'active')
}

/** The name of a demo organization (by code) in `locale`. */
export function organizationName(code: string, locale: Locale): string {
  const organization = demoOrganizations.find((o) => o.code === code)
  if (!organization) throw new Error(`No demo organization ${code}`)
  return locale === 'ru' ? organization.nameRu : organization.nameKk
}

/** The children a demo patient represents, oldest first (as the patient's home lists them). */
export function demoChildrenOf(iin: string): DemoPerson[] {
  const parent = demoPatientList.find((p) => p.iin === iin)
  return demoRepresentatives
    .filter((link) => link.representative === parent?.key && link.validTo === null)
    .map((link) => demoPatientList.find((p) => p.key === link.child)!)
    .sort((a, b) => a.birthDate.localeCompare(b.birthDate))
    .map((child) => demoPerson(child.iin))
}

export const mother = demoPerson(demoPatients.mother)

// ---------------------------------------------------------------------------------------------
// Sign-in

export function staffForm(page: Page) {
  return page.getByRole('region', { name: anyLocale('login.staff.heading') })
}

export function patientForm(page: Page) {
  return page.getByRole('region', { name: anyLocale('login.patient.heading') })
}

/** Fills and submits the staff form of an open /login page; does not wait for the outcome. */
export async function submitStaffForm(page: Page, login: string, password: string): Promise<void> {
  const form = staffForm(page)
  await form.getByLabel(anyLocale('login.staff.login')).fill(login)
  await form.getByLabel(anyLocale('login.staff.password')).fill(password)
  await form.getByRole('button', { name: anyLocale('login.staff.submit') }).click()
}

/** Signs a member of staff in and waits until they have left the sign-in page (for their role's home). */
export async function signInStaff(page: Page, login: string, password: string = DEMO_STAFF_PASSWORD): Promise<void> {
  await page.goto('/login')
  await submitStaffForm(page, login, password)
  await page.waitForURL((url) => url.pathname !== '/login')
}

/** Messages of the demo SMS inbox, newest first. */
export function inboxMessages(inbox: Page, recipient?: string) {
  return inbox.locator(recipient ? `li[data-recipient="${recipient}"]` : 'li[data-recipient]')
}

/** `datetime` of the newest message in the inbox (for one recipient), or null when there is none. */
async function newestStamp(inbox: Page, recipient: string): Promise<string | null> {
  const newest = inboxMessages(inbox, recipient).first()
  return (await newest.count()) ? newest.locator('time').getAttribute('datetime') : null
}

/**
 * Signs a patient in: asks for a code, reads the new SMS in /dev/inbox (in a second tab of the same browser),
 * types it in, and waits for /patient. Mind the app's limit of 3 codes per IIN in 15 minutes.
 */
export async function signInPatient(page: Page, iin: string): Promise<void> {
  const { phone } = demoPerson(iin)
  if (!phone) throw new Error(`Demo patient ${iin} has no phone, so cannot get a code`)
  const inbox = await page.context().newPage()
  await inbox.goto('/dev/inbox')
  const before = await newestStamp(inbox, phone)

  await page.goto('/login')
  const form = patientForm(page)
  await form.getByLabel(anyLocale('login.patient.iin')).fill(iin)
  await form.getByRole('button', { name: anyLocale('login.patient.sendCode') }).click()
  const codeField = form.getByLabel(anyLocale('login.patient.code'))
  await expect(codeField).toBeVisible()

  // The code is stored before the form shows the code field; a reload or two covers any lag anyway.
  await expect
    .poll(async () => {
      await inbox.reload()
      return newestStamp(inbox, phone)
    })
    .not.toBe(before)
  const text = await inboxMessages(inbox, phone).first().locator('p').innerText()
  const code = /\b(\d{6})\b/.exec(text)?.[1]
  if (!code) throw new Error(`No 6-digit code in the SMS "${text}"`)
  await inbox.close()

  await codeField.fill(code)
  await form.getByRole('button', { name: anyLocale('login.patient.signIn') }).click()
  await page.waitForURL('/patient')
}

/** Signs out with the header button and waits for the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page
    .getByRole('banner')
    .getByRole('button', { name: anyLocale('shell.signOut') })
    .click()
  await page.waitForURL('/login')
}

/** The patient id of a demo patient, read from registrar1's search result link (in a context of its own). */
export async function patientIdByIin(browser: Browser, iin: string, login = 'registrar1'): Promise<string> {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    await signInStaff(page, login)
    await page.goto(`/registrar?q=${iin}`)
    const link = page.getByRole('table').getByRole('link')
    await expect(link).toHaveCount(1)
    const href = await link.getAttribute('href')
    const id = /^\/registrar\/patients\/(\d+)$/.exec(href ?? '')?.[1]
    if (!id) throw new Error(`Unexpected link ${href}`)
    return id
  } finally {
    await context.close()
  }
}

// ---------------------------------------------------------------------------------------------
// Server actions over HTTP

type ActionManifest = { node: Record<string, { exportedName?: string; workers: Record<string, unknown> }> }

/** The id of the server action `name` in the built app (.next/server/server-reference-manifest.json). */
export function serverActionId(name: string): string {
  const path = fileURLToPath(new URL('../.next/server/server-reference-manifest.json', import.meta.url))
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as ActionManifest
  const entry = Object.entries(manifest.node).find(([, action]) => action.exportedName === name)
  if (!entry) throw new Error(`No server action "${name}" in the build; run \`npx next build\``)
  return entry[0]
}

/**
 * Calls the server action `name` as the browser would, with the cookies of `api` (e.g. `context.request` of a
 * context where someone signed in), by POSTing to `path` (a page that uses the action); returns the action's result.
 * This goes around the pages: what the server answers to a hand-made request is what counts.
 */
export async function callServerAction(api: APIRequestContext, name: string, path: string, ...args: unknown[]): Promise<unknown> {
  const response = await api.post(path, {
    headers: {
      'Next-Action': serverActionId(name),
      'Content-Type': 'text/plain;charset=UTF-8',
      Accept: 'text/x-component',
    },
    data: JSON.stringify(args),
    maxRedirects: 0,
  })
  const text = await response.text()
  // The RSC answer: line 0 is the page tree, line 1 the action's return value.
  const line = text.split('\n').find((row) => row.startsWith('1:'))
  if (!line) throw new Error(`No action result in the answer (HTTP ${response.status()}): ${text.slice(0, 500)}`)
  return JSON.parse(line.slice(2)) as unknown
}

// ---------------------------------------------------------------------------------------------
// SMS notifications

// A well-formed IIN of nobody on file: asking a code for it sends nothing (and tells nothing), but runs delivery.
const nobodysIin = makeIin({ birthDate: '1970-01-01', sex: 'male', serial: 9990 })

/**
 * Makes the server deliver the SMS outbox now instead of at its minute sweep. Submitting and withdrawing a request
 * queue an SMS without starting delivery (only sign-in codes and decisions do), so without this those SMS arrive
 * up to a minute later, in the middle of whichever test runs then.
 */
export async function deliverSmsNow(api: APIRequestContext): Promise<void> {
  if (demoPatientList.some((p) => p.iin === nobodysIin)) throw new Error(`${nobodysIin} belongs to a demo patient`)
  expect(await callServerAction(api, 'requestCode', '/login', { iin: nobodysIin })).toEqual({ ok: true, data: { sent: true } })
}

/** Waits until the demo inbox (opened in a new tab of `page`'s context) holds the SMS `key` (sms.*) for `phone`. */
export async function expectSms(
  page: Page,
  phone: string,
  key: string,
  params: Record<string, string | number> = {},
): Promise<void> {
  const inbox = await page.context().newPage()
  try {
    const text = anyLocale(key, params)
    await expect
      .poll(
        async () => {
          await inbox.goto('/dev/inbox')
          return inboxMessages(inbox, phone).locator('p').filter({ hasText: text }).count()
        },
        { message: `SMS ${key} ${JSON.stringify(params)} to ${phone}` },
      )
      .toBe(1)
  } finally {
    await inbox.close()
  }
}

// ---------------------------------------------------------------------------------------------
// Language, screenshots

/**
 * Switches the language with the header's (or the sign-in page's) Қаз/Рус buttons and waits for <html lang>.
 * Does nothing when the page is already in that language.
 */
export async function switchLanguage(page: Page, locale: Locale): Promise<void> {
  const html = page.locator('html')
  const group = page.getByRole('group', { name: anyLocale('shell.language') })
  const button = group.getByRole('button', { name: t(locale, `shell.languages.${locale}`), exact: true })
  if ((await html.getAttribute('lang')) !== locale) await button.click()
  await expect(html).toHaveAttribute('lang', locale)
  await expect(button).toHaveAttribute('aria-pressed', 'true')
}

/** Full-page screenshot to e2e/screenshots/<name>.png (git-ignored). */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: fileURLToPath(new URL(`./screenshots/${name}.png`, import.meta.url)), fullPage: true })
}

/**
 * The signed-in patient on `page` asks to be attached to the clinic `clinicCode` (the section left to the clinic),
 * through the portal form's server action; the clinic's id and the patient's id are read from the form, whatever the
 * page's language.
 */
export async function submitAttachmentAsPatient(
  page: Page,
  person: DemoPerson,
  clinicCode: string,
  basis: 'residence_change' | 'free_choice',
): Promise<{ requestId: string; number: number }> {
  await page.goto('/patient/requests/new/attachment')
  const clinicId = await page
    .locator('select option', {
      hasText: new RegExp(`^(?:${locales.map((l) => escapeRegExp(organizationName(clinicCode, l))).join('|')}) — `),
    })
    .getAttribute('value')
  const patientId = await page.getByRole('radio', { name: person.name }).getAttribute('value')
  const submitted = (await callServerAction(page.request, 'submitAttachmentRequest', '/patient/requests/new/attachment', {
    idempotencyKey: crypto.randomUUID(),
    payload: { patientId, clinicId, sectionId: '', address: person.address, basis },
  })) as { ok: boolean; data: { requestId: string; number: number } }
  expect(submitted.ok).toBe(true)
  return submitted.data
}
