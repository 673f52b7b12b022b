import postgres from 'postgres'
import { allowServerOnlyImports } from '../plain-node'
import { seedDemoData } from './demo'

// Demo data is loaded on the first start only: an empty organizations table means a new database.
export async function seedIfEmpty(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  try {
    const [row] = await sql<{ count: number }[]>`select count(*)::int as count from organizations`
    if (row && row.count > 0) return false
    // The signing inbox is seeded through the request engine.
    allowServerOnlyImports()
    await seedDemoData(sql)
    return true
  } finally {
    await sql.end()
  }
}
