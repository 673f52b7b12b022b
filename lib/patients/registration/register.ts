import 'server-only'
import { eq } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { patientRegistrations, patients, type RegistrationSource } from '@/db/schema'
import { invalidInput, type ActionResult } from '@/lib/action-result'
import { writeAudit } from '@/lib/audit'
import type { StaffActor } from '@/lib/auth/actor'
import { authorize } from '@/lib/auth/authorize'
import { almatyDay } from '@/lib/calendar'
import { violatedConstraint } from '@/lib/errors/database'
import type { RegisterOfIndividuals } from '@/lib/register-of-individuals'
import { isBirthDateAfter } from './rules'
import type { RegistrationData } from './schema'

type Result = ActionResult<
  { patientId: number; iin: string; replayed: boolean },
  'errors.request.notAllowed' | 'errors.request.duplicateKey' | 'errors.registration.alreadyRegistered'
>

const alreadyRegistered = {
  ok: false,
  code: 'errors.registration.alreadyRegistered',
  fieldErrors: { iin: 'errors.registration.alreadyRegistered' },
} as const

// The identity data came from the register when the register knows the IIN and the registrar kept what it says;
// otherwise they were typed from the document presented.
async function sourceOf(register: RegisterOfIndividuals, data: RegistrationData): Promise<RegistrationSource> {
  const lookup = await register.lookup(data.iin)
  if (lookup.state !== 'found') return 'document'
  const person = lookup.person
  const same =
    person.lastName === data.lastName &&
    person.firstName === data.firstName &&
    (person.middleName ?? '') === data.middleName &&
    person.birthDate === data.birthDate &&
    person.sex === data.sex &&
    person.status === data.status
  return same ? 'register' : 'document'
}

async function replayOf(db: Pick<Database, 'select'>, actor: StaffActor, idempotencyKey: string): Promise<Result | null> {
  const [row] = await db
    .select({ patientId: patientRegistrations.patientId, registeredBy: patientRegistrations.registeredBy, iin: patients.iin })
    .from(patientRegistrations)
    .innerJoin(patients, eq(patients.id, patientRegistrations.patientId))
    .where(eq(patientRegistrations.idempotencyKey, idempotencyKey))
  if (!row) return null
  if (row.registeredBy !== actor.id) return { ok: false, code: 'errors.request.duplicateKey' }
  return { ok: true, data: { patientId: row.patientId, iin: row.iin, replayed: true } }
}

// Issue 15: a walk-in the database does not know is registered at the desk from the identity document presented (or
// the national register's data), then any service can be taken for them. One person per IIN: the unique IIN decides
// a race between two registrars (or a double submit with two keys); the same key replays the first registration.
export async function registerPatient(
  db: Database,
  actor: StaffActor,
  data: RegistrationData,
  context: { now: Date; address: string | null; register: RegisterOfIndividuals },
): Promise<Result> {
  if (!authorize(actor, 'patient.register', { organizationId: actor.organizationId }))
    return { ok: false, code: 'errors.request.notAllowed' }
  if (isBirthDateAfter(data.birthDate, almatyDay(context.now)))
    return invalidInput({ birthDate: 'errors.registration.birthDateInFuture' })
  const replayed = await replayOf(db, actor, data.idempotencyKey)
  if (replayed) return replayed
  const source = await sourceOf(context.register, data)
  try {
    return await db.transaction(async (tx): Promise<Result> => {
      const [existing] = await tx.select({ id: patients.id }).from(patients).where(eq(patients.iin, data.iin))
      // The same form sent twice: the other submission committed the person between the replay check and here.
      if (existing) return (await replayOf(tx, actor, data.idempotencyKey)) ?? alreadyRegistered
      const [patient] = await tx
        .insert(patients)
        .values({
          iin: data.iin,
          lastName: data.lastName,
          firstName: data.firstName,
          middleName: data.middleName || null,
          birthDate: data.birthDate,
          sex: data.sex,
          status: data.status,
          residence: data.residence || null,
          address: data.address,
          phone: data.phone || null,
          locale: actor.locale,
        })
        .returning({ id: patients.id })
      await tx.insert(patientRegistrations).values({
        patientId: patient!.id,
        organizationId: actor.organizationId,
        registeredBy: actor.id,
        registeredAt: context.now,
        source,
        phoneConsent: data.phone !== '' && data.phoneConsent,
        idempotencyKey: data.idempotencyKey,
      })
      await writeAudit(tx, {
        actor,
        action: 'patient.register',
        organizationId: actor.organizationId,
        patientId: patient!.id,
        entity: 'patient',
        entityId: patient!.id,
        address: context.address,
        details: { source, register: context.register.name, phone: data.phone !== '', phoneConsent: data.phoneConsent },
      })
      return { ok: true, data: { patientId: patient!.id, iin: data.iin, replayed: false } }
    })
  } catch (error) {
    const constraint = violatedConstraint(error)
    if (constraint === 'patient_registrations_idempotency_unique' || constraint === 'patients_iin_unique')
      return (await replayOf(db, actor, data.idempotencyKey)) ?? alreadyRegistered
    throw error
  }
}
