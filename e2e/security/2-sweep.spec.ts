// The access-control sweep: every role × every page, route handler and server action × own / other clinic / other
// patient / nothing. 0 leaks, 0 HTTP 500, 0 rows written by a refused call (README in table.ts).
import { expect, test } from '@playwright/test'
import { freshStaffSession, signedInActors } from './actors'
import { callAction, send } from './client'
import { discoverActions } from './discover'
import { Report, runBatch } from './runner'
import { actionCases, batches, fill, pathCases } from './sweep'
import { discoverPaths } from './discover'
import { table, type PathEntry } from './table'
import { documentMarkers, findLeaks, loadWorld, patientMarkers, refreshWorld, requestMarkers } from './world'

test.describe.configure({ mode: 'default' })

async function setUp() {
  const actors = await signedInActors()
  const world = await loadWorld(actors)
  await refreshWorld(world, actors)
  return { actors, world }
}

function finish(report: Report, title: string, started: number) {
  console.log(`${report.format(title)}\n  time ${((Date.now() - started) / 1000).toFixed(1)} s`)
  expect(report.summary(), 'problems (the report above lists each with a reproduction)').toEqual([])
}

test('sweep: pages and route handlers', async () => {
  const started = Date.now()
  const { actors, world } = await setUp()
  if (world.made.length) console.log(`[security] made through the app for this run: ${world.made.join('; ')}`)
  if (world.missing.length) console.log(`[security] could not find or make: ${world.missing.join('; ')}`)
  const report = new Report()
  const cases = await pathCases(world, actors, report.skipped)
  for (const batch of batches(cases)) await runBatch(batch, report)
  finish(report, 'sweep of pages and route handlers', started)
})

test('sweep: server actions', async () => {
  const started = Date.now()
  const { actors, world } = await setUp()
  const report = new Report()
  const cases = await actionCases(world, actors, report.skipped)
  for (const batch of batches(cases)) await runBatch(batch, report)
  finish(report, 'sweep of server actions', started)
})

test('signOutEverywhere ends the sessions it is asked to, and only for whoever asks', async () => {
  const action = discoverActions().find((a) => a.name === 'signOutEverywhere')!
  const api = await freshStaffSession('registrar1b')
  const other = await freshStaffSession('registrar1b')
  try {
    expect((await send(api, { method: 'GET', path: '/' })).location).toBe('/registrar')
    const answer = await callAction(api, action, '/registrar', [])
    expect(answer.status).toBeLessThan(500)
    expect(answer.actionRedirect).toBe('/login')
    // The other device's session of the same person ends too…
    expect((await send(other, { method: 'GET', path: '/' })).location).toBe('/login')
    // …and everyone else's stays.
    const { actors } = await setUp()
    for (const actor of actors.filter((a) => a.role !== 'anonymous'))
      expect((await send(actor.api, { method: 'GET', path: '/' })).location, actor.key).not.toBe('/login')
  } finally {
    await Promise.all([api.dispose(), other.dispose()])
  }
})

// The leak check is only as good as its markers: they must be found where the data IS shown, as the app renders it.
test('leak markers are found where the data is shown (positive control)', async () => {
  const { actors, world } = await setUp()
  const registrar = actors.find((a) => a.key === 'registrar1')!
  const request = world.requests.find((r) => r.organizationId === registrar.organizationId && r.service === 'attachment')!
  const patient = world.patients.get(request.patientId)!
  const page = await send(registrar.api, { method: 'GET', path: `/registrar/requests/${request.id}` })
  expect(page.status).toBe(200)
  const markers = [...requestMarkers(request), ...patientMarkers(patient)]
  expect(findLeaks(page.body, markers)).toEqual(markers.map((m) => m.label))

  const document = world.documents[0]!
  const anonymous = actors.find((a) => a.role === 'anonymous')!
  const verify = await send(anonymous.api, { method: 'GET', path: `/verify/${document.code}` })
  if (!verify.body.includes('data-verdict="rate_limited"'))
    expect(findLeaks(verify.body, documentMarkers(document))).toEqual(documentMarkers(document).map((m) => m.label))
})

// Headers every answer must carry (documented baseline; adapt here when the policy changes):
// - X-Content-Type-Options: nosniff, and a Referrer-Policy, on every answer;
// - on HTML pages, a Content-Security-Policy, and framing forbidden (X-Frame-Options, or CSP frame-ancestors).
// Strict-Transport-Security is not asked for: the e2e server speaks plain HTTP (TLS ends at the reverse proxy).
test('security headers on every page and route handler', async () => {
  const { actors } = await setUp()
  const entries = table.filter((e): e is PathEntry => e.kind !== 'action')
  const missing: string[] = []
  for (const found of discoverPaths()) {
    const entry = entries.find((e) => e.path === found.path && e.kind === found.kind)
    if (!entry) continue
    const actor = actors.find(
      (a) => entry.allow === 'public' || (Array.isArray(entry.allow) && entry.allow.includes(a.role as never)),
    )!
    const path = entry.subPaths?.[0] ?? fill(found.path, '00000000-0000-4000-8000-000000000000')
    const method = found.methods.includes('GET') || found.kind === 'page' ? 'GET' : 'POST'
    const answer = await send(actor.api, { method, path })
    const h = answer.headers
    const csp = h['content-security-policy'] ?? ''
    const lacks = [
      h['x-content-type-options'] !== 'nosniff' && 'X-Content-Type-Options: nosniff',
      !h['referrer-policy'] && 'Referrer-Policy',
      answer.contentType.includes('text/html') && !csp && 'Content-Security-Policy',
      answer.contentType.includes('text/html') &&
        !/^(deny|sameorigin)$/i.test(h['x-frame-options'] ?? '') &&
        !/frame-ancestors/.test(csp) &&
        'X-Frame-Options or CSP frame-ancestors',
    ].filter(Boolean)
    if (lacks.length) missing.push(`${method} ${path} (HTTP ${answer.status}, as ${actor.key}): no ${lacks.join(', ')}`)
  }
  console.log(
    missing.length
      ? `security headers missing on ${missing.length} answers:\n  ${missing.join('\n  ')}`
      : 'security headers: all present',
  )
  expect(missing).toEqual([])
})
