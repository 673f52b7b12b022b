// The access-control sweep: every role × every page, route handler and server action × own / other clinic / other
// patient / nothing. 0 leaks, 0 HTTP 500, 0 rows written by a refused call (README in table.ts).
import { expect, test } from '@playwright/test'
import { freshStaffSession, signedInActors } from './actors'
import { callAction, send } from './client'
import { discoverActions } from './discover'
import { Report, runBatch } from './runner'
import { actionCases, batches, pathCases } from './sweep'
import { loadWorld, refreshWorld } from './world'

test.describe.configure({ mode: 'default' })

async function setUp() {
  const actors = await signedInActors()
  const world = await loadWorld(actors)
  await refreshWorld(world)
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
