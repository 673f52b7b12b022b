// `npm run partitions:retire`: the months retention retires today (lib/partitions `retention`; periods and their
// reading in docs/decisions.md, "Partitions and retention"), printed; with --apply, retired. The history's months are
// detached whole into schema archive (never a row deleted or changed) to be exported, the outbox's dropped. Run by the
// owner of the tables on DATABASE_URL, on purpose: nothing schedules it, and the app's role may not run it.
// Flags: --apply, --today YYYY-MM-DD (an Almaty day; default today).
import { parseArgs } from 'node:util'
import postgres from 'postgres'
import { createDatabase } from '../db/client'
import { almatyDay } from '../lib/calendar'
import { planRetirement, retirePartitions } from '../lib/jobs/partitions'
import { retention } from '../lib/partitions'

const { values: flags } = parseArgs({
  options: { apply: { type: 'boolean', default: false }, today: { type: 'string' } },
  strict: true,
})

async function main() {
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL (the owner of the tables) is not set')
  const today = flags.today ?? almatyDay(new Date())
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  try {
    const db = createDatabase(sql)
    const plans = await planRetirement(db, today, retention)
    for (const plan of plans) {
      const names = plan.partitions.map((partition) => partition.name).join(', ') || 'nothing'
      console.log(`${plan.table}: kept ${plan.rule.keepMonths} months from ${plan.before}; ${plan.rule.then}: ${names}`)
    }
    if (!flags.apply) {
      console.log('dry run: --apply retires these')
      return
    }
    for (const name of await retirePartitions(db, plans)) console.log(`retired ${name}`)
  } finally {
    await sql.end()
  }
}

main().catch((error: unknown) => {
  // A failed query's own message is PostgreSQL's, in its cause (db/query-errors.ts).
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : ''
  console.error(error instanceof Error ? `${error.message}${cause}` : error)
  process.exit(1)
})
