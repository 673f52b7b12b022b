// Every endpoint the app has is classified in the sweep's table (e2e/security/table.ts), and the table names nothing
// that is gone: a new page, route handler or server action fails here until it joins the sweep.
import { expect, test } from '@playwright/test'
import { discoverActions, discoverPaths } from './discover'
import { table, type ActionEntry, type PathEntry } from './table'

test('every page, route handler and server action is classified in the sweep table', () => {
  const paths = discoverPaths()
  const actions = discoverActions()
  const pathEntries = table.filter((e): e is PathEntry => e.kind !== 'action')
  const actionEntries = table.filter((e): e is ActionEntry => e.kind === 'action')

  const problems: string[] = []
  for (const found of paths) {
    const entry = pathEntries.find((e) => e.path === found.path && e.kind === found.kind)
    if (!entry) problems.push(`unclassified ${found.kind} ${found.path} (${found.file})`)
    else if (found.params.length > 0 && entry.resource === 'none' && !entry.subPaths)
      problems.push(`${found.path} has dynamic segments [${found.params.join(', ')}] but the table names no resource`)
    else if (found.params.length === 0 && entry.resource !== 'none')
      problems.push(`${found.path} has no dynamic segment but the table says it names a ${entry.resource}`)
    if (found.kind === 'route') {
      const swept = entry?.methods ?? ['GET']
      const unswept = found.methods.filter((m) => !swept.includes(m as 'GET' | 'POST'))
      if (entry && unswept.length) problems.push(`${found.path} exports ${unswept.join(', ')}, which the table does not sweep`)
    }
  }
  for (const entry of pathEntries)
    if (!paths.some((p) => p.path === entry.path && p.kind === entry.kind))
      problems.push(`the table names ${entry.kind} ${entry.path}, which app/ no longer has`)
  for (const action of actions)
    if (!actionEntries.some((e) => e.key === action.key)) problems.push(`unclassified server action ${action.key}`)
  for (const entry of actionEntries)
    if (!actions.some((a) => a.key === entry.key))
      problems.push(`the table names server action ${entry.key}, which the build does not have`)
  for (const action of actions)
    if (action.pages.length === 0) problems.push(`server action ${action.key} is imported by no page: nothing to POST it to`)

  console.log(`[security] ${paths.length} pages and route handlers, ${actions.length} server actions in the build`)
  expect(problems, problems.join('\n')).toEqual([])
})
