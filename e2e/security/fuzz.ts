// The bounded fuzz: deterministic (fast-check with a fixed seed), over every server action and every dynamic route
// (pages with [id]/[code] segments, route handlers), plus the query strings pages read, as signed-in roles and
// anonymously. Each case is a Case of runner.ts: no HTTP 500 ever, no foreign data in any answer, no rows written
// beyond what the endpoint may write.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import type { Actor } from './actors'
import { actionHeaders, encodeReply, type Answer, type SendSpec } from './client'
import { discoverActions, discoverPaths, projectRoot, type DiscoveredAction } from './discover'
import type { Case } from './runner'
import { fill } from './sweep'
import { pick, roleAllowed, table, type ActionEntry, type Entry, type Named, type PathEntry, type Variant } from './table'
import { foreignMarkers, type World } from './world'

export const fuzzSeed = Number(process.env.SECURITY_FUZZ_SEED ?? 20261207)

/** How many inputs per endpoint (the total is printed; at least 2,000 requests in all). */
export const perAction = Number(process.env.SECURITY_FUZZ_PER_ACTION ?? 48)
export const perDynamicPath = Number(process.env.SECURITY_FUZZ_PER_PATH ?? 40)

// ---------------------------------------------------------------------------------------------
// Values

type Labelled = { label: string; value: unknown }

const nul = fc
  .tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }))
  .map(([a, b]): Labelled => ({ label: 'NUL byte in a string', value: `${a}\u0000${b}` }))
const loneSurrogate = fc
  .tuple(fc.string({ maxLength: 6 }), fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff'))
  .map(([a, s]): Labelled => ({ label: 'lone surrogate in a string', value: `${a}${s}` }))
const longString = fc
  .constantFrom(5_000, 60_000, 300_000)
  .map((n): Labelled => ({ label: `very long string (${n} chars)`, value: 'я'.repeat(n) }))
const oddString = fc
  .constantFrom(
    '',
    ' ',
    '\u202e\u200b\ufeff',
    "' or 1=1 --",
    '<script>alert(1)</script>',
    '$@1',
    '$Q1',
    '$K1',
    '%00',
    '../../../../etc/passwd',
    '𝕏𝕪𝕫 🙂 ә ғ қ ң',
  )
  .map((value): Labelled => ({ label: 'odd string', value }))
const randomString = fc.string({ unit: 'binary', maxLength: 64 }).map((value): Labelled => ({ label: 'random string', value }))
const wrongType = fc
  .constantFrom<unknown>(0, -1, 1.5, 2 ** 53 + 1, 1e308, -1e308, true, false, null, [], {}, [1, 'a', null], {
    a: { b: { c: [] } },
  })
  .map((value): Labelled => ({
    label: `wrong type (${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value})`,
    value,
  }))
const anything = fc.anything({ maxDepth: 3 }).map((value): Labelled => ({ label: 'random value', value }))

const junkIds = [
  'not-a-uuid',
  '------------------------------------',
  '0123456789abcdef0123456789abcdef0123',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '6f1c2a9e-5b7d-4c3e-9a1f-0000000dead\u0000',
  '99999999999999999999',
  '-1',
  '0',
  '1e21',
  '9'.repeat(400),
]

function forgedIds(foreign: string[]): fc.Arbitrary<Labelled> {
  return fc.oneof(
    fc.constantFrom(...junkIds).map((value): Labelled => ({ label: 'forged id (not an id)', value })),
    fc.uuid().map((value): Labelled => ({ label: 'forged id (random uuid)', value })),
    ...(foreign.length
      ? [fc.constantFrom(...foreign).map((value): Labelled => ({ label: "forged id (another's real id)", value }))]
      : []),
    fc.constantFrom(-1, 0, 2 ** 63, 1e21).map((value): Labelled => ({ label: 'forged id (number)', value })),
  )
}

const stringValue = fc.oneof(
  { weight: 3, arbitrary: nul },
  { weight: 3, arbitrary: loneSurrogate },
  { weight: 1, arbitrary: longString },
  { weight: 2, arbitrary: oddString },
  { weight: 2, arbitrary: randomString },
  { weight: 3, arbitrary: wrongType },
  { weight: 1, arbitrary: anything },
)

// ---------------------------------------------------------------------------------------------
// Action arguments

type Leaf = { path: (string | number)[]; key: string }

function leavesOf(value: unknown, at: (string | number)[] = []): Leaf[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => leavesOf(item, [...at, index]))
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => leavesOf(item, [...at, key]))
  return [{ path: at, key: String(at.findLast((p) => typeof p === 'string') ?? 'value') }]
}

function setAt(root: unknown, at: (string | number)[], value: unknown): unknown {
  if (at.length === 0) return value
  const copy = (Array.isArray(root) ? [...root] : { ...(root as Record<string, unknown>) }) as Record<string | number, unknown>
  const [head, ...rest] = at
  copy[head!] = setAt(copy[head!], rest, value)
  return copy
}

const idKey = /(^|[a-z])(requestId|documentId|documentIds|Id|id)$/

/** A mutation of the argument list `template`: one field, the whole argument, extra arguments or fields. */
function mutations(template: unknown[], foreignIds: string[]): fc.Arbitrary<{ label: string; args: unknown[] }> {
  const leaves = leavesOf(template)
  const forged = forgedIds(foreignIds)
  const field = fc.tuple(fc.nat(Math.max(0, leaves.length - 1)), stringValue, forged).map(([index, value, id]) => {
    const leaf = leaves[index]
    if (!leaf) return { label: `whole argument: ${value.label}`, args: [value.value] }
    const useId = idKey.test(leaf.key) || /^\d+$/.test(leaf.key)
    const chosen = useId ? id : value
    return { label: `${chosen.label} in ${leaf.key}`, args: setAt(template, leaf.path, chosen.value) as unknown[] }
  })
  const whole = stringValue.map((value) => ({ label: `whole argument: ${value.label}`, args: [value.value] }))
  const extra = fc
    .constantFrom<{ label: string; make: (t: unknown[]) => unknown[] }>(
      { label: 'extra arguments', make: (t) => [...t, 'extra', { x: 1 }] },
      { label: 'no arguments', make: () => [] },
      {
        label: 'prototype keys',
        make: (t) => [
          Object.assign(JSON.parse('{"__proto__":{"ok":true},"constructor":{"prototype":{"ok":true}}}') as object, t[0]),
        ],
      },
      { label: 'argument is an array of itself', make: (t) => [[t[0], t[0]]] },
      { label: 'deeply nested argument', make: () => [JSON.parse(`${'['.repeat(2000)}${']'.repeat(2000)}`)] },
    )
    .map(({ label, make }) => ({ label, args: make(template) }))
  return fc.oneof({ weight: 6, arbitrary: field }, { weight: 2, arbitrary: whole }, { weight: 1, arbitrary: extra })
}

/** The raw bodies no browser sends: not JSON, not a list, React's reference strings unescaped. */
export const malformedBodies: { label: string; body: string | Buffer; contentType?: string }[] = [
  { label: 'empty body', body: '' },
  { label: 'invalid JSON', body: '[' },
  { label: 'invalid JSON', body: '[{"a":' },
  { label: 'JSON that is not an array (object)', body: '{}' },
  { label: 'JSON that is not an array (string)', body: '"x"' },
  { label: 'JSON that is not an array (number)', body: '1' },
  { label: 'JSON that is not an array (null)', body: 'null' },
  { label: 'unescaped "$@1"', body: '["$@1"]' },
  { label: 'unescaped "$Q1"', body: '["$Q1"]' },
  { label: 'unescaped "$K1"', body: '["$K1"]' },
  { label: 'unescaped "$T1"', body: '[{"a":"$T1"}]' },
  { label: 'unescaped "$F1"', body: '["$F1"]' },
  { label: 'invalid UTF-8 bytes', body: Buffer.from([0x5b, 0x22, 0xff, 0xfe, 0xc0, 0x22, 0x5d]) },
  {
    label: 'multipart garbage',
    body: '--x\r\nContent-Disposition: form-data; name="0"\r\n\r\n[\r\n--x--',
    contentType: 'multipart/form-data; boundary=x',
  },
  { label: 'a form-urlencoded body', body: 'a=1&0=%5B%5D', contentType: 'application/x-www-form-urlencoded' },
]

// ---------------------------------------------------------------------------------------------
// Building the cases

function actorsFor(entry: Entry, actors: Actor[]) {
  const allowed = actors.filter((a) => roleAllowed(entry.allow, a.role))
  const others = actors.filter((a) => !roleAllowed(entry.allow, a.role) && a.role !== 'anonymous')
  const anonymous = actors.filter((a) => a.role === 'anonymous')
  return { allowed: allowed.length ? allowed : anonymous, others: others.length ? others : anonymous, anonymous }
}

/** 3 of 5 inputs from a role that may use the endpoint (they reach deeper code), 1 anonymous, 1 from another role. */
function chooseActor(index: number, groups: ReturnType<typeof actorsFor>): Actor {
  const slot = index % 5
  const group = slot < 3 ? groups.allowed : slot === 3 ? groups.anonymous : groups.others
  return group[Math.floor(index / 5) % group.length]!
}

async function foreignIdsFor(actor: Actor, world: World): Promise<string[]> {
  const ids: string[] = []
  const variants: Variant[] = actor.role === 'patient' ? ['otherPatient', 'otherOrg'] : ['otherOrg']
  for (const kind of ['request', 'document', 'patient', 'protocol'] as const)
    for (const variant of variants) {
      const named = await pick(actor, world, kind, variant)
      if (named) ids.push(named.id)
    }
  return ids
}

function actionPage(entry: ActionEntry, action: DiscoveredAction, actor: Actor, world: World, named: Named | null): string {
  if (entry.page) return entry.page({ actor, world, named })
  const page = action.pages.find((p) => !p.includes('[')) ?? action.pages[0] ?? '/'
  return page.includes('[') ? fill(page, '00000000-0000-4000-8000-000000000000') : page
}

/** Tables an action's fuzz may write: its sweep allowance, and for the few whose probe writes, that (documented). */
function fuzzMayWrite(entry: ActionEntry): string[] {
  if (entry.key.endsWith('#changeLanguage')) return ['staff', 'patients', 'audit_log'] // the profile's language, audited
  // saveOverride's probe saves a day off on a Sunday (undone after the fuzz); removeOverride's takes it away.
  if (entry.key.endsWith('#saveOverride') || entry.key.endsWith('#removeOverride')) return ['calendar_overrides', 'audit_log']
  return Array.isArray(entry.mayWrite) ? entry.mayWrite : []
}

/** Actions whose probe succeeds for real (their fuzz may be accepted); any other accepted fuzz input is a finding. */
const mayAccept = ['#changeLanguage', '#requestCode', '#saveOverride', '#removeOverride', '#saveNoticeLanguage']

function acceptedCheck(entry: ActionEntry) {
  return (answer: Answer) => {
    const result = answer.result as { ok?: unknown } | undefined
    if (result && result.ok === true && !mayAccept.some((suffix) => entry.key.endsWith(suffix)))
      return 'a fuzzed call was accepted (ok: true)'
    return null
  }
}

export async function actionFuzzCases(world: World, actors: Actor[]): Promise<Case[]> {
  const actions = new Map(discoverActions().map((a) => [a.key, a]))
  const cases: Case[] = []
  let seed = fuzzSeed
  for (const entry of table.filter((e): e is ActionEntry => e.kind === 'action')) {
    const action = actions.get(entry.key)
    if (!action) continue
    const groups = actorsFor(entry, actors)
    for (let index = 0; index < perAction; index++) {
      const actor = chooseActor(index, groups)
      if (entry.skip?.(actor)) continue
      // Templates: the allowed role's own probe (it passes the access check and changes nothing: the fuzz reaches deeper
      // code), or an attempt on someone else's resource. Never an allowed role's real attempt: that would succeed.
      const own =
        roleAllowed(entry.allow, actor.role) && typeof entry.probe !== 'string' && (entry.resource === 'none' || index % 2 === 0)
      const variant: Variant =
        entry.resource === 'none' ? 'none' : own ? 'own' : actor.role === 'patient' ? 'otherPatient' : 'otherOrg'
      const named =
        entry.resource === 'none'
          ? null
          : ((await pick(actor, world, entry.resource, variant, own ? entry.prefer : undefined)) ??
            (await pick(actor, world, entry.resource, 'none')))
      const context = { actor, world, named }
      const template = own && typeof entry.probe !== 'string' ? entry.probe(context) : entry.args(context)
      const [mutation] = fc.sample(mutations(template, await foreignIdsFor(actor, world)), { seed: seed++, numRuns: 1 })
      // Posted to the page of no resource: the page an action re-renders is then a 404 (a re-render of a real page
      // would be an allowed, audited read by whoever is allowed to see it).
      const page = actionPage(entry, action, actor, world, null)
      cases.push({
        endpoint: entry.key,
        entry,
        actor,
        variant: mutation!.label,
        named,
        spec: {
          method: 'POST',
          path: page,
          headers: actionHeaders(action),
          body: encodeReply(mutation!.args),
          actionName: action.name,
        },
        expected: 'any',
        mayWrite: fuzzMayWrite(entry),
        markers: foreignMarkers(world, actor),
        isolate: entry.isolate,
        check: acceptedCheck(entry),
      })
    }
  }
  return cases
}

/** Malformed bodies, a body over 1 MB (413 expected) and forged action ids, for every action. */
export function actionBodyCases(world: World, actors: Actor[]): Case[] {
  const actions = new Map(discoverActions().map((a) => [a.key, a]))
  const cases: Case[] = []
  for (const entry of table.filter((e): e is ActionEntry => e.kind === 'action')) {
    const action = actions.get(entry.key)
    if (!action) continue
    const groups = actorsFor(entry, actors)
    malformedBodies.forEach(({ label, body, contentType }, index) => {
      const actor = index % 2 === 0 ? groups.allowed[0]! : groups.anonymous[0]!
      if (entry.skip?.(actor)) return
      const page = actionPage(entry, action, actor, world, null)
      const headers = { ...actionHeaders(action), ...(contentType ? { 'Content-Type': contentType } : {}) }
      cases.push({
        endpoint: entry.key,
        entry,
        actor,
        variant: `malformed body: ${label}`,
        named: null,
        spec: { method: 'POST', path: page, headers, body, actionName: action.name },
        expected: 'any',
        mayWrite: fuzzMayWrite(entry),
        markers: foreignMarkers(world, actor),
        isolate: entry.isolate,
      })
    })
    const actor = groups.allowed[0]!
    if (entry.skip?.(actor)) continue
    cases.push({
      endpoint: entry.key,
      entry,
      actor,
      variant: 'body over 1 MB',
      named: null,
      spec: {
        method: 'POST',
        path: actionPage(entry, action, actor, world, null),
        headers: actionHeaders(action),
        body: JSON.stringify(['a'.repeat(1_100_000)]),
        actionName: action.name,
      },
      expected: 'any',
      mayWrite: [],
      markers: [],
      isolate: entry.isolate,
      check: (answer) => (answer.status === 413 ? null : `a body over 1 MB is not answered 413`),
    })
  }
  // The no-JavaScript form post of an action (multipart with a `$ACTION_ID_<id>` field, no Next-Action header).
  for (const entry of table.filter((e): e is ActionEntry => e.kind === 'action')) {
    const action = actions.get(entry.key)
    if (!action) continue
    const actor = actorsFor(entry, actors).allowed[0]!
    if (entry.skip?.(actor)) continue
    cases.push({
      endpoint: entry.key,
      entry,
      actor,
      variant: 'a no-JavaScript form post ($ACTION_ID_ field)',
      named: null,
      spec: {
        method: 'POST',
        path: actionPage(entry, action, actor, world, null),
        multipart: { [`$ACTION_ID_${action.id}`]: '', login: '\u0000', iin: 'x', requestId: 'x' },
      },
      expected: 'any',
      mayWrite: fuzzMayWrite(entry),
      markers: foreignMarkers(world, actor),
      isolate: entry.isolate,
    })
  }
  // Forged action ids: not in this build, or not an id at all; with the RSC headers and as a plain form post.
  const anyAction = [...actions.values()][0]!
  const anonymous = actors.find((a) => a.role === 'anonymous')!
  const registrar = actors.find((a) => a.role === 'registrar')!
  for (const [label, id] of [
    ['an unknown action id', '00'.repeat(21)],
    ['an action id that is not hex', 'x'.repeat(42)],
    ['a very long action id', 'a'.repeat(5000)],
    ['an empty action id', ''],
  ] as const)
    for (const actor of [anonymous, registrar])
      for (const page of ['/login', '/registrar/queue']) {
        const pseudo: ActionEntry = {
          ...(table.find((e) => e.kind === 'action') as ActionEntry),
          key: 'forged Next-Action header',
        }
        cases.push({
          endpoint: 'forged Next-Action header',
          entry: pseudo,
          actor,
          variant: label,
          named: null,
          spec: { method: 'POST', path: page, headers: { ...actionHeaders(anyAction), 'Next-Action': id }, body: '[]' },
          expected: 'any',
          mayWrite: [],
          markers: foreignMarkers(world, actor),
        })
        cases.push({
          endpoint: 'forged Next-Action header',
          entry: pseudo,
          actor,
          variant: `${label}, form-urlencoded`,
          named: null,
          spec: {
            method: 'POST',
            path: page,
            headers: { 'Next-Action': id, 'Content-Type': 'application/x-www-form-urlencoded' },
            body: 'a=1',
          },
          expected: 'any',
          mayWrite: [],
          markers: foreignMarkers(world, actor),
        })
      }
  return cases
}

// ---------------------------------------------------------------------------------------------
// Dynamic segments and query strings

/** Path segments as sent on the wire (already encoded, or deliberately badly). */
const badSegments: Labelled[] = [
  { label: 'bad percent-encoding', value: '%' },
  { label: 'bad percent-encoding', value: '%E0%A4%A' },
  { label: 'bad percent-encoding', value: '%zz' },
  { label: 'bad percent-encoding', value: '%%' },
  { label: 'NUL byte (%00)', value: '%00' },
  { label: 'NUL byte (%00)', value: 'abc%00def' },
  { label: 'lone surrogate (CESU-8 %ED%A0%80)', value: '%ED%A0%80' },
  { label: 'invalid UTF-8 (%C0%AF)', value: '%C0%AF' },
  { label: 'encoded slash', value: '..%2F..%2Fetc%2Fpasswd' },
]

function segmentValues(foreign: string[]): fc.Arbitrary<Labelled> {
  const raw = fc.constantFrom(...badSegments)
  const encoded = fc
    .oneof(
      nul,
      loneSurrogate.map((v) => ({ ...v, value: `x${v.value as string}` })),
      fc.constantFrom(5_000, 20_000).map((n): Labelled => ({ label: `very long segment (${n} chars)`, value: 'a'.repeat(n) })),
      forgedIds(foreign),
      randomString,
    )
    .map(({ label, value }): Labelled => {
      let text = String(value)
      try {
        text = encodeURIComponent(text)
      } catch {
        // A lone surrogate cannot be encoded as UTF-8: send it as CESU-8, which no decoder accepts.
        text = [...text]
          .map((c) => (c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) <= 0xdfff ? '%ED%A0%80' : encodeURIComponent(c)))
          .join('')
      }
      return { label, value: text }
    })
  return fc.oneof({ weight: 2, arbitrary: raw }, { weight: 3, arbitrary: encoded })
}

export async function pathFuzzCases(world: World, actors: Actor[]): Promise<Case[]> {
  const cases: Case[] = []
  let seed = fuzzSeed + 100_000
  const entries = table.filter((e): e is PathEntry => e.kind !== 'action')
  for (const found of discoverPaths().filter((p) => p.params.length > 0)) {
    const entry = entries.find((e) => e.path === found.path && e.kind === found.kind)
    if (!entry) continue
    const groups = actorsFor(entry, actors)
    // Every junk id and every bad encoding once as a role that may use the path (systematic), then random ones.
    const systematic: Labelled[] = [
      ...junkIds.map((value) => ({ label: 'forged id (not an id)', value: encodeURIComponent(value) })),
      ...badSegments,
    ]
    for (let index = 0; index < systematic.length + perDynamicPath; index++) {
      const actor = index < systematic.length ? groups.allowed[index % groups.allowed.length]! : chooseActor(index, groups)
      const [value] =
        index < systematic.length
          ? [systematic[index]!]
          : fc.sample(segmentValues(await foreignIdsFor(actor, world)), { seed: seed++, numRuns: 1 })
      const pathname = found.path.replace(/\[\[?(?:\.\.\.)?[^\]]+\]\]?/g, String(value!.value))
      // Route handlers: now and then a method they do not export (405 expected, never 500).
      const method =
        found.kind === 'route' && index % 8 === 7
          ? found.methods.includes('POST')
            ? 'GET'
            : 'POST'
          : (found.methods[0] ?? 'GET')
      const spec: SendSpec = { method: method as 'GET' | 'POST', path: pathname }
      cases.push({
        endpoint: entry.path,
        entry,
        actor,
        variant: method === (found.methods[0] ?? 'GET') ? value!.label : `${value!.label}, method ${method}`,
        named: null,
        spec,
        expected: 'any',
        mayWrite: entry.mayWrite ?? [],
        markers: entry.leakExempt ? [] : foreignMarkers(world, actor),
        isolate: entry.isolate,
      })
    }
  }
  return cases
}

/** The query parameters a page or route reads (`searchParams` in its source), each fuzzed a few times. */
export async function queryFuzzCases(world: World, actors: Actor[]): Promise<Case[]> {
  const cases: Case[] = []
  let seed = fuzzSeed + 200_000
  const entries = table.filter((e): e is PathEntry => e.kind !== 'action')
  for (const found of discoverPaths().filter((p) => p.params.length === 0)) {
    const source = readFileSync(path.join(projectRoot, found.file), 'utf8')
    if (!source.includes('searchParams')) continue
    const names = [
      ...new Set([
        ...[...source.matchAll(/(\w+)\?:\s*string/g)].map((m) => m[1]!),
        ...[...source.matchAll(/searchParams\.get\('(\w+)'\)/g)].map((m) => m[1]!),
      ]),
    ]
    const entry = entries.find((e) => e.path === found.path && e.kind === found.kind)
    if (!entry || names.length === 0) continue
    const groups = actorsFor(entry, actors)
    for (let index = 0; index < 4 * names.length; index++) {
      const actor = index % 4 === 3 ? groups.anonymous[0]! : groups.allowed[index % groups.allowed.length]!
      const name = names[index % names.length]!
      const [value] = fc.sample(segmentValues([]), { seed: seed++, numRuns: 1 })
      const repeated = index % 7 === 6 ? `&${name}=a&${name}=b` : ''
      cases.push({
        endpoint: `${entry.path}?${names.join('&')}`,
        entry,
        actor,
        variant: `${value!.label} in ?${name}`,
        named: null,
        spec: { method: 'GET', path: `${found.path}?${name}=${String(value!.value)}${repeated}` },
        expected: 'any',
        // An allowed read is audited whatever the query asked (a list's view, the register export); a refused one
        // (the anonymous actor) writes nothing.
        mayWrite: groups.allowed.includes(actor) ? ['audit_log'] : (entry.mayWrite ?? []),
        markers: entry.leakExempt ? [] : foreignMarkers(world, actor),
        isolate: entry.isolate,
      })
    }
  }
  return cases
}
