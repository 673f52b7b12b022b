import { register } from 'node:module'
import postgres from 'postgres'
import { seedDemoData } from './demo'

let serverOnlyResolved = false

// The signing inbox is seeded through the request engine, whose modules `import 'server-only'`. Outside Next's
// react-server bundle that import throws; for the seed (run by scripts/start.ts and the benches, in plain Node) it is
// resolved to an empty module, as vitest does with an alias.
function resolveServerOnlyToEmpty(): void {
  if (serverOnlyResolved) return
  serverOnlyResolved = true
  register(
    `data:text/javascript,${encodeURIComponent(
      `export async function resolve(specifier, context, next) {
         if (specifier === 'server-only') return { url: 'data:text/javascript,export {}', shortCircuit: true }
         return next(specifier, context)
       }`,
    )}`,
  )
}

// Demo data is loaded on the first start only: an empty organizations table means a new database.
export async function seedIfEmpty(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  try {
    const [row] = await sql<{ count: number }[]>`select count(*)::int as count from organizations`
    if (row && row.count > 0) return false
    resolveServerOnlyToEmpty()
    await seedDemoData(sql)
    return true
  } finally {
    await sql.end()
  }
}
