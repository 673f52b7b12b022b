import 'server-only'
import { sql, type SQL } from 'drizzle-orm'
import type { Transaction } from '@/db/client'
import type { DispensaryRegistry } from '@/db/schema'

// Issue 16: a person on a registry never receives an automatic «не состоит», even when the record is added a moment
// before the certificate is decided. Both sides take transaction-scoped advisory locks, in READ COMMITTED:
// - a record added on the centre's screen, and a certificate's decision, take the registry's lock SHARED and then the
//   lock of the person's birth date in that registry EXCLUSIVE (every match, by IIN or by name, shares the birth date);
// - an import takes the registry's lock EXCLUSIVE (one lock, not one per line: a transaction holds a bounded number).
// Whichever commits first is seen by the other: the decision's match query runs after its lock is granted, so it
// reads a record committed before; a record added after the decision committed is a later fact the certificate of
// that moment rightly did not carry.
const registryKey: Record<DispensaryRegistry, number> = { tb: 160_001, mental_health: 160_002, narcology: 160_003 }

const epochDay = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000)

export async function lockRegistryPerson(tx: Transaction, registry: DispensaryRegistry, birthDate: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${registryKey[registry]}::int, 0)`)
  await tx.execute(sql`select pg_advisory_xact_lock(${registryKey[registry]}::int, ${epochDay(birthDate)}::int)`)
}

// The same two locks, taken by the statement that reads the person (`birthDate`: its date column): the registry's
// shared, then the birth date's exclusive, in this order (a select list is evaluated left to right). The registry is
// read by a later statement, so after both are granted.
export function registryPersonLocks(registry: DispensaryRegistry, birthDate: SQL): { registry: SQL; person: SQL } {
  return {
    registry: sql`pg_advisory_xact_lock_shared(${registryKey[registry]}::int, 0)`,
    person: sql`pg_advisory_xact_lock(${registryKey[registry]}::int, (${birthDate} - date '1970-01-01')::int)`,
  }
}

export async function lockRegistryForImport(tx: Transaction, registry: DispensaryRegistry): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${registryKey[registry]}::int, 0)`)
}
