import 'server-only'
import type { Database } from '@/db/client'
import { writeAudit } from '@/lib/audit'
import type { StaffActor } from '@/lib/auth/actor'
import { authorize } from '@/lib/auth/authorize'
import type { RegisteredIndividual, RegisterOfIndividuals } from '@/lib/register-of-individuals'
import { findPatientForDesk } from '../queries'

export type WalkInLookup =
  | { state: 'in_database'; iin: string }
  | { state: 'rate_limited'; until: Date }
  | { state: 'found'; person: RegisteredIndividual; adapter: string }
  | { state: 'not_found' }
  | { state: 'unavailable' }

// Before registering a walk-in: is the IIN already in the database (then the registrar opens the person at the desk),
// and what does the national register say of it (to prefill the form)? Counted and audited like a desk lookup; the
// register's answer is audited too.
export async function lookUpWalkIn(
  db: Database,
  actor: StaffActor,
  iin: string,
  context: { address: string | null; register: RegisterOfIndividuals; now?: Date },
): Promise<WalkInLookup> {
  if (!authorize(actor, 'patient.register', { organizationId: actor.organizationId })) return { state: 'not_found' }
  const known = await findPatientForDesk(db, actor, iin, context.address, context.now)
  if (known.state === 'found') return { state: 'in_database', iin }
  if (known.state === 'rate_limited') return known
  const answer = await context.register.lookup(iin)
  await writeAudit(db, {
    actor,
    action: 'registerOfIndividuals.lookup',
    organizationId: actor.organizationId,
    entity: 'iin',
    entityId: iin,
    address: context.address,
    details: { adapter: context.register.name, state: answer.state },
  })
  return answer.state === 'found' ? { ...answer, adapter: context.register.name } : answer
}
