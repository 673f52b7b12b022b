import 'server-only'
import { and, eq, isNull, sql, type SQLWrapper } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { dispensaryRecordEvents, dispensaryRecords } from '@/db/schema'
import { invalidInput, type ActionResult } from '@/lib/action-result'
import { writeAudit } from '@/lib/audit'
import type { StaffActor } from '@/lib/auth/actor'
import { almatyDay } from '@/lib/calendar'
import { violatedConstraint } from '@/lib/errors/database'
import { foldName } from '@/lib/text/fold'
import { centreOf, identityByIin } from './centre'
import { lockRegistryPerson } from './lock'
import type { AddRecordData, RemoveRecordData } from './record-schema'
import { birthDateRefusal, observedSinceRefusal, removedOnRefusal } from './rules/record-days'

type Context = { now: Date; address: string | null }

export type LookupResult = ActionResult<
  { lastName: string; firstName: string; middleName: string | null; birthDate: string },
  'centre.errors.notCentre'
>

// The add form's «Find»: the name and birth date of an IIN, from the patients or the register of individuals. Audited
// like the desk's lookup of a person.
export async function lookupPersonForRegistry(
  db: Database,
  actor: StaffActor,
  iin: string,
  context: Context,
): Promise<LookupResult> {
  const centre = await centreOf(db, actor, 'registry.keep')
  if (!centre) return { ok: false, code: 'centre.errors.notCentre' }
  const identity = await identityByIin(db, iin)
  await writeAudit(db, {
    actor,
    action: 'registry.lookup',
    organizationId: centre.organizationId,
    patientId: typeof identity === 'object' ? identity.patientId : null,
    address: context.address,
    details: { iin, found: typeof identity === 'object' },
  })
  if (identity === 'unavailable') return invalidInput({ iin: 'centre.errors.registerUnavailable' })
  if (identity === 'unknown') return invalidInput({ iin: 'centre.errors.iinUnknown' })
  const { lastName, firstName, middleName, birthDate } = identity
  return { ok: true, data: { lastName, firstName, middleName, birthDate } }
}

export type AddRecordResult = ActionResult<
  { recordId: number; replayed: boolean },
  'centre.errors.notCentre' | 'errors.request.duplicateKey'
>

const foldedEquals = (column: SQLWrapper, text: string | null) =>
  sql`coalesce(fold_name(${column}), '') = ${foldName(text ?? '')}`

// Puts a person on the centre's registry. By IIN, the name and birth date are the records' (never typed); without
// one, as typed. Under the person's registry lock (lib/registries/lock.ts), so a certificate decided at the same moment
// sees the record or comes before it; a second active record of the same person is refused beside the field (the
// unique index `dispensary_records_one_active` holds it when two doctors add at once).
export async function addRecord(
  db: Database,
  actor: StaffActor,
  data: AddRecordData,
  context: Context,
): Promise<AddRecordResult> {
  const centre = await centreOf(db, actor, 'registry.keep')
  if (!centre) return { ok: false, code: 'centre.errors.notCentre' }
  const [replayed] = await db
    .select({ id: dispensaryRecords.id, addedBy: dispensaryRecords.addedBy })
    .from(dispensaryRecords)
    .where(eq(dispensaryRecords.idempotencyKey, data.idempotencyKey))
  if (replayed)
    return replayed.addedBy === actor.id
      ? { ok: true, data: { recordId: replayed.id, replayed: true } }
      : { ok: false, code: 'errors.request.duplicateKey' }
  const today = almatyDay(context.now)
  let person: {
    iin: string | null
    patientId: number | null
    lastName: string
    firstName: string
    middleName: string | null
    birthDate: string
  }
  if (data.withoutIin) {
    person = {
      iin: null,
      patientId: null,
      lastName: data.lastName,
      firstName: data.firstName,
      middleName: data.middleName || null,
      birthDate: data.birthDate,
    }
    const refusal = birthDateRefusal(person.birthDate, today)
    if (refusal) return invalidInput({ birthDate: refusal })
  } else {
    const identity = await identityByIin(db, data.iin)
    if (identity === 'unavailable') return invalidInput({ iin: 'centre.errors.registerUnavailable' })
    if (identity === 'unknown') return invalidInput({ iin: 'centre.errors.iinUnknown' })
    person = identity
  }
  const sinceRefusal = observedSinceRefusal(data.observedSince, person.birthDate, today)
  if (sinceRefusal) return invalidInput({ observedSince: sinceRefusal })
  const duplicate = invalidInput({ [person.iin ? 'iin' : 'lastName']: 'centre.errors.alreadyOnRegistry' })
  try {
    return await db.transaction(async (tx): Promise<AddRecordResult> => {
      await lockRegistryPerson(tx, centre.registry, person.birthDate)
      const [active] = await tx
        .select({ id: dispensaryRecords.id })
        .from(dispensaryRecords)
        .where(
          and(
            eq(dispensaryRecords.registry, centre.registry),
            isNull(dispensaryRecords.removedOn),
            person.iin
              ? eq(dispensaryRecords.iin, person.iin)
              : and(
                  isNull(dispensaryRecords.iin),
                  eq(dispensaryRecords.organizationId, centre.organizationId),
                  eq(dispensaryRecords.birthDate, person.birthDate),
                  foldedEquals(dispensaryRecords.lastName, person.lastName),
                  foldedEquals(dispensaryRecords.firstName, person.firstName),
                  foldedEquals(dispensaryRecords.middleName, person.middleName),
                ),
          ),
        )
        .limit(1)
      if (active) return duplicate
      const [record] = await tx
        .insert(dispensaryRecords)
        .values({
          organizationId: centre.organizationId,
          registry: centre.registry,
          ...person,
          observationGroup: data.observationGroup,
          observedSince: data.observedSince,
          addedBy: actor.id,
          source: 'screen',
          idempotencyKey: data.idempotencyKey,
        })
        .returning({ id: dispensaryRecords.id })
      await tx.insert(dispensaryRecordEvents).values({
        recordId: record!.id,
        type: 'added',
        staffId: actor.id,
        data: { observationGroup: data.observationGroup, observedSince: data.observedSince },
      })
      await writeAudit(tx, {
        actor,
        action: 'registry.add',
        organizationId: centre.organizationId,
        patientId: person.patientId,
        entity: 'dispensary_record',
        entityId: record!.id,
        address: context.address,
        details: { registry: centre.registry, withoutIin: person.iin === null },
      })
      return { ok: true, data: { recordId: record!.id, replayed: false } }
    })
  } catch (error) {
    const constraint = violatedConstraint(error)
    if (constraint === 'dispensary_records_one_active') return duplicate
    if (constraint === 'dispensary_records_idempotency_unique') return { ok: false, code: 'errors.request.duplicateKey' }
    throw error
  }
}

export type RemoveRecordResult = ActionResult<
  { recordId: number },
  'centre.errors.recordNotFound' | 'centre.errors.changedMeanwhile' | 'centre.errors.alreadyRemoved'
>

// Removes a person from the registry on a day, for a reason: the record stays, ended (the person's history). Against
// the version the doctor saw, under the person's registry lock.
export async function removeRecord(
  db: Database,
  actor: StaffActor,
  data: RemoveRecordData,
  context: Context,
): Promise<RemoveRecordResult> {
  const centre = await centreOf(db, actor, 'registry.keep')
  if (!centre) return { ok: false, code: 'centre.errors.recordNotFound' }
  const scope = and(
    eq(dispensaryRecords.id, data.recordId),
    eq(dispensaryRecords.organizationId, centre.organizationId),
    eq(dispensaryRecords.registry, centre.registry),
  )
  const [seen] = await db.select({ birthDate: dispensaryRecords.birthDate }).from(dispensaryRecords).where(scope)
  if (!seen) return { ok: false, code: 'centre.errors.recordNotFound' }
  const today = almatyDay(context.now)
  return db.transaction(async (tx): Promise<RemoveRecordResult> => {
    await lockRegistryPerson(tx, centre.registry, seen.birthDate)
    const [record] = await tx
      .select({
        patientId: dispensaryRecords.patientId,
        observedSince: dispensaryRecords.observedSince,
        removedOn: dispensaryRecords.removedOn,
        version: dispensaryRecords.version,
      })
      .from(dispensaryRecords)
      .where(scope)
      .for('update')
    if (!record) return { ok: false, code: 'centre.errors.recordNotFound' }
    if (record.removedOn) return { ok: false, code: 'centre.errors.alreadyRemoved' }
    if (record.version !== data.version) return { ok: false, code: 'centre.errors.changedMeanwhile' }
    const refusal = removedOnRefusal(data.removedOn, record.observedSince, today)
    if (refusal) return invalidInput({ removedOn: refusal })
    await tx
      .update(dispensaryRecords)
      .set({
        removedOn: data.removedOn,
        removalReason: data.reason,
        removedBy: actor.id,
        removedAt: context.now,
        version: sql`${dispensaryRecords.version} + 1`,
      })
      .where(and(scope, eq(dispensaryRecords.version, data.version)))
    await tx.insert(dispensaryRecordEvents).values({
      recordId: data.recordId,
      type: 'removed',
      staffId: actor.id,
      data: { removedOn: data.removedOn, reason: data.reason, ...(data.note ? { note: data.note } : {}) },
    })
    await writeAudit(tx, {
      actor,
      action: 'registry.remove',
      organizationId: centre.organizationId,
      patientId: record.patientId,
      entity: 'dispensary_record',
      entityId: data.recordId,
      address: context.address,
      details: { registry: centre.registry, removedOn: data.removedOn, reason: data.reason },
    })
    return { ok: true, data: { recordId: data.recordId } }
  })
}
