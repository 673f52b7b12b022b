// Sends the sweep's and the fuzz's requests, classifies each answer, and collects every problem: an HTTP 500 (or a
// dropped connection), an answer that gives away someone else's data, a refused call that wrote rows, a role that got
// in where the table says it may not (or was kept out where it may).
import type { APIRequestContext } from '@playwright/test'
import { homeOf, type Actor } from './actors'
import { newApi, reproduction, send, type Answer, type SendSpec } from './client'
import { changedTables, fingerprint, newestRows } from './db'
import { accessRefusalCodes, type Entry, type Named, type Variant } from './table'
import { findLeaks, type Marker } from './world'

export type Expectation = 'allowed' | 'refused' | 'any'
export type Outcome = 'allowed' | 'refused' | 'error' | 'unexpected'

export type Case = {
  /** The table's name of the endpoint: a path pattern or an action key. */
  endpoint: string
  entry: Entry
  actor: Actor
  variant: Variant | string
  named: Named | null
  spec: SendSpec
  expected: Expectation
  /** Tables this call may write ('any': not checked, e.g. an allowed call). */
  mayWrite: string[] | 'any'
  markers: Marker[]
  /** Send from a copy of the actor's session (the call may change cookies). */
  isolate?: boolean
  /** What the outcome must be, beyond allowed/refused (e.g. the fuzz's "413 for a body over 1 MB"). */
  check?: (answer: Answer) => string | null
  /** Sent after an allowed call, to undo it. */
  undo?: SendSpec
}

export type Problem = {
  endpoint: string
  cause: string
  status: number
  actor: string
  detail: string
  repro: string
}

export class Report {
  problems: Problem[] = []
  outcomes = new Map<string, number>()
  sent = 0
  skipped: string[] = []

  add(problem: Problem) {
    this.problems.push(problem)
  }

  count(outcome: string) {
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1)
  }

  /** One line per endpoint and cause, with its count: what a failed test says. */
  summary(): string[] {
    const counts = new Map<string, number>()
    for (const p of this.problems) {
      const key = `${p.endpoint}: ${p.cause} (HTTP ${p.status})`
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
    return [...counts]
      .map(([key, n]) => `${n}× ${key}`)
      .sort((a, b) => a.slice(a.indexOf(' ')).localeCompare(b.slice(b.indexOf(' '))))
  }

  /** Problems grouped by endpoint, then by cause and status, each with a count and one reproduction. */
  format(title: string): string {
    const lines = [`${title}: ${this.sent} requests; outcomes ${JSON.stringify(Object.fromEntries(this.outcomes))}`]
    if (this.skipped.length) lines.push(`  skipped (${this.skipped.length}):`, ...this.skipped.map((s) => `    - ${s}`))
    if (!this.problems.length) {
      lines.push('  no problems')
      return lines.join('\n')
    }
    lines.push(`  ${this.problems.length} problems:`)
    const byEndpoint = new Map<string, Problem[]>()
    for (const problem of this.problems) byEndpoint.set(problem.endpoint, [...(byEndpoint.get(problem.endpoint) ?? []), problem])
    for (const [endpoint, problems] of [...byEndpoint].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`  ${endpoint}`)
      const byCause = new Map<string, Problem[]>()
      for (const problem of problems) {
        const key = `${problem.cause} (HTTP ${problem.status})`
        byCause.set(key, [...(byCause.get(key) ?? []), problem])
      }
      for (const [cause, group] of byCause) {
        const first = group[0]!
        const actors = [...new Set(group.map((p) => p.actor))].join(', ')
        lines.push(`    ${group.length}× ${cause} — as ${actors}`)
        lines.push(`       e.g. ${first.detail.slice(0, 400)}`)
        lines.push(`       repro: ${first.repro.slice(0, 700)}`)
      }
    }
    return lines.join('\n')
  }
}

function resultCode(answer: Answer): { ok?: boolean; code?: string } | null {
  const result = answer.result as { ok?: unknown; code?: unknown } | null | undefined
  if (!result || typeof result !== 'object') return null
  return {
    ok: typeof result.ok === 'boolean' ? result.ok : undefined,
    code: typeof result.code === 'string' ? result.code : undefined,
  }
}

/** Allowed or refused, as the answer says; an error for a 5xx, a dropped connection or a thrown action. */
export function classify(test: Case, answer: Answer): { outcome: Outcome; detail: string } {
  const { entry, actor } = test
  if (answer.status === 0 || answer.status >= 500 || answer.threw)
    return {
      outcome: 'error',
      detail: `HTTP ${answer.status}${answer.threw ? ' (the action threw)' : ''}: ${answer.body.slice(0, 200)}`,
    }
  const homes = actor.role === 'anonymous' ? ['/login'] : ['/login', homeOf[actor.role]]
  if (entry.kind === 'action') {
    if (answer.actionRedirect) {
      return homes.includes(answer.actionRedirect)
        ? { outcome: 'refused', detail: `redirect to ${answer.actionRedirect}` }
        : { outcome: 'unexpected', detail: `redirect to ${answer.actionRedirect}` }
    }
    const result = resultCode(answer)
    if (result?.ok === true) return { outcome: 'allowed', detail: `ok ${JSON.stringify(answer.result).slice(0, 150)}` }
    if (result?.ok === false) {
      const refusals = [...accessRefusalCodes, ...(entry.refusalCodes ?? [])]
      return refusals.includes(result.code ?? '')
        ? { outcome: 'refused', detail: result.code! }
        : { outcome: 'allowed', detail: `passed the access check: ${result.code}` }
    }
    if (answer.status >= 400) return { outcome: 'refused', detail: `HTTP ${answer.status}` }
    if (answer.result !== undefined)
      return { outcome: 'allowed', detail: `returned ${JSON.stringify(answer.result).slice(0, 100)}` }
    return { outcome: 'unexpected', detail: `HTTP ${answer.status} without a result: ${answer.body.slice(0, 150)}` }
  }
  // /verify/<code> after too many unknown codes from this address: "try later", whatever the code.
  if (answer.body.includes('data-verdict="rate_limited"')) return { outcome: 'refused', detail: 'rate limited' }
  const allowedStatus = entry.allowedStatus ?? [200]
  if (answer.status >= 300 && answer.status < 400) {
    if (test.expected === 'allowed' && allowedStatus.includes(answer.status))
      return { outcome: 'allowed', detail: `redirect to ${answer.location}` }
    return homes.includes(answer.location ?? '')
      ? { outcome: 'refused', detail: `redirect to ${answer.location}` }
      : { outcome: 'unexpected', detail: `redirect to ${answer.location}` }
  }
  if (answer.status >= 400) return { outcome: 'refused', detail: `HTTP ${answer.status}` }
  return allowedStatus.includes(answer.status)
    ? { outcome: 'allowed', detail: `HTTP ${answer.status}` }
    : { outcome: 'unexpected', detail: `HTTP ${answer.status}` }
}

async function sendAs(test: Case, spec: SendSpec): Promise<Answer> {
  if (!test.isolate) return send(test.actor.api, spec)
  const copy: APIRequestContext = await newApi(await test.actor.api.storageState())
  try {
    return await send(copy, spec)
  } finally {
    await copy.dispose()
  }
}

/** Sends one case and records what is wrong with its answer (except writes: see runBatch). */
async function runOne(test: Case, report: Report): Promise<{ outcome: Outcome; answer: Answer }> {
  const answer = await sendAs(test, test.spec)
  report.sent += 1
  const { outcome, detail } = classify(test, answer)
  report.count(test.expected === 'any' && outcome !== 'error' ? 'answered' : outcome)
  const problem = (cause: string, more: string) =>
    report.add({
      endpoint: test.endpoint,
      cause,
      status: answer.status,
      actor: test.actor.key,
      detail: `${test.actor.key} × ${test.variant}: ${more}`,
      repro: reproduction(test.spec, test.actor.key),
    })
  const extra = test.check?.(answer)
  if (extra) problem(extra, detail)
  if (outcome === 'refused' && detail === 'rate limited' && test.expected === 'allowed')
    report.skipped.push(
      `${test.endpoint} × ${test.actor.key} × ${test.variant}: rate-limited by earlier unknown codes from this address`,
    )
  else if (outcome === 'error') {
    if (!extra) problem(`HTTP ${answer.status || 'no answer'} on: ${test.variant}`, detail)
  } else if (outcome === 'unexpected' && test.expected !== 'any') problem('unexpected answer', detail)
  else if (test.expected !== 'any' && outcome !== test.expected)
    problem(
      test.expected === 'refused' ? 'ACCESS: a role got in where the table says it may not' : 'allowed role refused',
      `${detail} (named ${test.named ? `${test.named.variant} ${test.named.id}` : 'nothing'})`,
    )
  const leaks = findLeaks(answer.body, test.markers)
  if (leaks.length) problem('LEAK: foreign data in the answer', `${detail}; found ${leaks.join('; ')}`)
  if (outcome === 'allowed' && test.undo) await sendAs(test, test.undo)
  return { outcome, answer }
}

async function pool<T>(items: T[], width: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next++]!
        await run(item)
      }
    }),
  )
}

/**
 * Runs cases that must not write (beyond their `mayWrite`) between two fingerprints of the database; the cases of
 * one batch share their rule. When the batch wrote, each case is sent again alone between fingerprints to name it.
 */
export async function runBatch(cases: Case[], report: Report, width = 4): Promise<void> {
  if (cases.length === 0) return
  const rule = cases[0]!.mayWrite
  if (rule === 'any') {
    await pool(cases, width, async (test) => void (await runOne(test, report)))
    return
  }
  const before = await fingerprint()
  await pool(cases, width, async (test) => void (await runOne(test, report)))
  const after = await fingerprint()
  const wrote = changedTables(before, after).filter((table) => !rule.includes(table))
  if (wrote.length === 0) return
  // Name the call(s) that wrote: one at a time, between fingerprints (at most 40 of them).
  let named = false
  for (const test of cases.slice(0, 40)) {
    const alone = await fingerprint()
    const answer = await sendAs(test, test.spec)
    report.sent += 1
    const tables = changedTables(alone, await fingerprint()).filter((table) => !rule.includes(table))
    if (tables.length === 0) continue
    named = true
    const rows = await Promise.all(
      tables.map(async (table) => `${table}: ${JSON.stringify(await newestRows(table, 1)).slice(0, 300)}`),
    )
    report.add({
      endpoint: test.endpoint,
      cause: `WRITE: a refused call wrote rows (${tables.join(', ')})`,
      status: answer.status,
      actor: test.actor.key,
      detail: `${test.actor.key} × ${test.variant}: ${classify(test, answer).detail}; newest ${rows.join(' | ')}`,
      repro: reproduction(test.spec, test.actor.key),
    })
  }
  if (!named) {
    const test = cases[0]!
    report.add({
      endpoint: test.endpoint,
      cause: `WRITE: a batch of refused calls wrote rows (${wrote.join(', ')}), not reproduced one by one`,
      status: 0,
      actor: [...new Set(cases.map((c) => c.actor.key))].join(','),
      detail: `${cases.length} calls`,
      repro: reproduction(test.spec, test.actor.key),
    })
  }
}
