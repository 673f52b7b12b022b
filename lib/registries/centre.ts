import 'server-only'
import { eq } from 'drizzle-orm'
import type { Database, Transaction } from '@/db/client'
import { organizations, patients, type DispensaryRegistry } from '@/db/schema'
import type { StaffActor } from '@/lib/auth/actor'
import { authorize, type Action } from '@/lib/auth/authorize'
import { registerOfIndividuals } from '@/lib/register-of-individuals'
import { registryOf } from './registry-of'

export type Centre = { organizationId: number; registry: DispensaryRegistry }

// The actor's centre and the registry it keeps, when the actor may `action` on it; null for anyone else.
export async function centreOf(db: Database | Transaction, actor: StaffActor, action: Action): Promise<Centre | null> {
  if (!authorize(actor, action, { organizationId: actor.organizationId })) return null
  const [organization] = await db
    .select({ type: organizations.type })
    .from(organizations)
    .where(eq(organizations.id, actor.organizationId))
  const registry = organization ? registryOf(organization.type) : null
  return registry ? { organizationId: actor.organizationId, registry } : null
}

export type Identity = {
  iin: string
  patientId: number | null
  lastName: string
  firstName: string
  middleName: string | null
  birthDate: string
}

// A person by IIN as the records know her: the patients table first, then the register of individuals (a person no
// clinic of the region has seen). Name and birth date are never taken from what the centre typed (rule 4).
export async function identityByIin(db: Database | Transaction, iin: string): Promise<Identity | 'unknown' | 'unavailable'> {
  const [patient] = await db
    .select({
      patientId: patients.id,
      lastName: patients.lastName,
      firstName: patients.firstName,
      middleName: patients.middleName,
      birthDate: patients.birthDate,
    })
    .from(patients)
    .where(eq(patients.iin, iin))
  if (patient) return { iin, ...patient }
  const found = await registerOfIndividuals().lookup(iin)
  if (found.state === 'unavailable') return 'unavailable'
  if (found.state === 'not_found') return 'unknown'
  const { lastName, firstName, middleName, birthDate } = found.person
  return { iin, patientId: null, lastName, firstName, middleName, birthDate }
}
