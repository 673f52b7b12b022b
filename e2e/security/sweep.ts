// The access-control sweep, generated from the table: every actor × every page, route handler and server action × every
// resource variant (own, other clinic, other patient, nothing).
import type { Actor } from './actors'
import { encodeReply, actionHeaders, type SendSpec } from './client'
import { discoverActions, type DiscoveredAction } from './discover'
import type { Case } from './runner'
import { pick, roleAllowed, table, variantsFor, type ActionEntry, type PathEntry, type Variant } from './table'
import { foreignMarkers, type World } from './world'

/** Puts an id into every dynamic segment of a path pattern (percent-encoded as a browser would). */
export function fill(pattern: string, id: string): string {
  return pattern.replace(/\[\[?(?:\.\.\.)?[^\]]+\]\]?/g, encodeURIComponent(id))
}

function expectation(allowedRole: boolean, variant: Variant, hasResource: boolean): 'allowed' | 'refused' {
  return allowedRole && (!hasResource || variant === 'own') ? 'allowed' : 'refused'
}

/** A tiny file that is not a PDF of ours: the check answers 415 (not a PDF) or 200 with no code. */
function verifyPdfBody() {
  return { file: { name: 'sweep.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% sweep\n%%EOF\n') } }
}

export async function pathCases(world: World, actors: Actor[], skipped: string[]): Promise<Case[]> {
  const cases: Case[] = []
  for (const entry of table.filter((e): e is PathEntry => e.kind !== 'action')) {
    const dynamic = entry.resource !== 'none'
    for (const actor of actors) {
      const allowedRole = roleAllowed(entry.allow, actor.role)
      for (const variant of variantsFor(actor, entry.resource)) {
        const named = await pick(actor, world, entry.resource, variant)
        if (dynamic && !named) {
          skipped.push(`${entry.path} × ${actor.key} × ${variant}: the database has no such resource`)
          continue
        }
        const paths = entry.subPaths ?? [named ? fill(entry.path, named.id) : entry.path]
        const specs: SendSpec[] = []
        for (const method of entry.methods ?? ['GET']) {
          if (method === 'GET') specs.push(...paths.map((path) => ({ method, path }) as SendSpec))
          else if (entry.posts) specs.push(...entry.posts.map(({ path, form }) => ({ method, path, form }) as SendSpec))
          else if (entry.path === '/verify/pdf') specs.push({ method, path: paths[0]!, multipart: verifyPdfBody() })
          else specs.push(...paths.map((path) => ({ method, path }) as SendSpec))
        }
        for (const spec of specs) {
          const expected = entry.expectAny ? 'any' : expectation(allowedRole, variant, dynamic)
          cases.push({
            endpoint: entry.path,
            entry,
            actor,
            variant,
            named,
            spec,
            expected,
            // A refused read writes nothing (no audit row either); an allowed read by staff is audited.
            mayWrite: expected === 'allowed' ? (entry.mayWrite ?? 'any') : (entry.mayWrite ?? []),
            markers: entry.leakExempt
              ? []
              : foreignMarkers(world, actor, entry.resource === 'verificationCode' ? { documentId: named?.document?.id } : {}),
            isolate: entry.isolate,
          })
        }
      }
    }
  }
  // Ids of nothing last: unknown verification codes count towards the /verify rate limit of this address.
  return [...cases.filter((c) => c.variant !== 'none'), ...cases.filter((c) => c.variant === 'none')]
}

function actionPage(
  entry: ActionEntry,
  action: DiscoveredAction,
  context: Parameters<NonNullable<ActionEntry['page']>>[0],
): string {
  if (entry.page) return entry.page(context)
  const page = action.pages.find((p) => !p.includes('[')) ?? action.pages[0] ?? '/'
  return page.includes('[') ? fill(page, '00000000-0000-4000-8000-000000000000') : page
}

export async function actionCases(world: World, actors: Actor[], skipped: string[]): Promise<Case[]> {
  const actions = new Map(discoverActions().map((a) => [a.key, a]))
  const cases: Case[] = []
  for (const entry of table.filter((e): e is ActionEntry => e.kind === 'action')) {
    const action = actions.get(entry.key)
    if (!action) continue // the classification test reports it
    const dynamic = entry.resource !== 'none'
    for (const actor of actors) {
      const skip = entry.skip?.(actor)
      if (skip) {
        skipped.push(`${entry.key} × ${actor.key}: ${skip}`)
        continue
      }
      const allowedRole = roleAllowed(entry.allow, actor.role)
      for (const variant of variantsFor(actor, entry.resource)) {
        const expected = entry.expectAlways ?? expectation(allowedRole, variant, dynamic)
        const probing = allowedRole && variant === 'own' && entry.expectAlways === undefined
        const named = await pick(actor, world, entry.resource, variant, probing ? entry.prefer : undefined)
        if (dynamic && !named) {
          skipped.push(`${entry.key} × ${actor.key} × ${variant}: the database has no such resource`)
          continue
        }
        const context = { actor, world, named }
        let args: unknown[]
        if (probing || (allowedRole && !dynamic)) {
          if (typeof entry.probe === 'string') {
            skipped.push(`${entry.key} × ${actor.key}: ${entry.probe}`)
            continue
          }
          args = entry.probe(context)
        } else args = entry.args(context)
        const page = actionPage(entry, action, context)
        const undoAction = entry.undoAction ? [...actions.values()].find((a) => a.name === entry.undoAction) : undefined
        const undoArgs = entry.undo?.(context)
        cases.push({
          endpoint: entry.key,
          entry,
          actor,
          variant,
          named,
          spec: { method: 'POST', path: page, headers: actionHeaders(action), body: encodeReply(args), actionName: action.name },
          expected,
          mayWrite: entry.mayWrite ?? (expected === 'refused' ? [] : 'any'),
          markers: foreignMarkers(world, actor),
          isolate: entry.isolate,
          undo:
            undoAction && undoArgs
              ? {
                  method: 'POST',
                  path: page,
                  headers: actionHeaders(undoAction),
                  body: encodeReply(undoArgs),
                  actionName: undoAction.name,
                }
              : undefined,
        })
      }
    }
  }
  return cases
}

/** Groups cases for runBatch: per endpoint, those that must not write apart from those that may. */
export function batches(cases: Case[]): Case[][] {
  const groups = new Map<string, Case[]>()
  for (const test of cases) {
    const key = `${test.endpoint}|${JSON.stringify(test.mayWrite)}`
    groups.set(key, [...(groups.get(key) ?? []), test])
  }
  return [...groups.values()]
}
