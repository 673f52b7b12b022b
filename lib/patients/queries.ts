import 'server-only'
import { aliasedTable, and, asc, desc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm'
import type { Database, Transaction } from '@/db/client'
import { withinBudget, type Budgeted, type StatementBudget } from '@/db/statement-budget'
import { patientFullName, staffFullName } from '@/db/names'
import {
  attachments,
  detachments,
  organizations,
  patients,
  registerEntries,
  representatives,
  sectionDoctors,
  sections,
  staff,
  type AttachmentBasis,
  type AttachmentStatus,
  type DetachmentReason,
  type PatientStatus,
  type RepresentativeBasis,
  type ResidenceStatus,
  type Sex,
  type WorkingHours,
} from '@/db/schema'
import { writeAudit } from '@/lib/audit'
import { auditListView, type ListView } from '@/lib/audit/list-view'
import type { Actor, PatientActor, StaffActor } from '@/lib/auth/actor'
import { claimAttempt } from '@/lib/auth/attempts'
import { authorize, servicesFor } from '@/lib/auth/authorize'
import { limitRules } from '@/lib/auth/lockout'
import { almatyDay } from '@/lib/calendar'
import { attachmentInForce, isAttachmentInForce } from '@/lib/services/attachment/in-force'
import { representativeRoleOn } from '@/lib/services/attachment/rules/representative'
import { foldedColumn, foldedNamesStartWith, foldedStartsWith, namesStartWith, type NameColumns } from './name-match'
import { searchTextOf, type SearchQuery } from './search-query'

export type AttachmentDto = {
  id: number
  organizationId: number
  organizationNameKk: string
  organizationNameRu: string
  sectionNumber: string | null
  basis: AttachmentBasis
  status: AttachmentStatus
  validFrom: string
  validTo: string | null
  // Why it ended, when a detachment was recorded (issue 15).
  detachmentReason: DetachmentReason | null
}

export type RelativeDto = { patientId: number; name: string; iin: string; birthDate: string; basis: RepresentativeBasis }

export type PatientCardDto = {
  id: number
  iin: string
  lastName: string
  firstName: string
  middleName: string | null
  birthDate: string
  sex: Sex
  status: PatientStatus
  residence: ResidenceStatus | null
  address: string
  phone: string | null
  currentAttachment: AttachmentDto | null
  attachmentHistory: AttachmentDto[]
  representatives: RelativeDto[]
  children: RelativeDto[]
}

export type PatientRowDto = {
  id: number
  iin: string
  name: string
  birthDate: string
  sectionNumber: string | null
}

const personName = patientFullName

async function listAttachments(db: Database, patientId: number): Promise<AttachmentDto[]> {
  return db
    .select({
      id: attachments.id,
      organizationId: attachments.organizationId,
      organizationNameKk: organizations.nameKk,
      organizationNameRu: organizations.nameRu,
      sectionNumber: sections.number,
      basis: attachments.basis,
      status: attachments.status,
      validFrom: attachments.validFrom,
      validTo: attachments.validTo,
      detachmentReason: detachments.reason,
    })
    .from(attachments)
    .innerJoin(organizations, eq(organizations.id, attachments.organizationId))
    .leftJoin(sections, eq(sections.id, attachments.sectionId))
    .leftJoin(detachments, eq(detachments.attachmentId, attachments.id))
    .where(eq(attachments.patientId, patientId))
    .orderBy(desc(attachments.validFrom), desc(attachments.id))
}

async function listRelatives(
  db: Database,
  patientId: number,
  direction: 'representatives' | 'children',
  today?: string,
): Promise<RelativeDto[]> {
  const joinOn =
    direction === 'representatives'
      ? and(eq(representatives.childId, patientId), eq(patients.id, representatives.representativeId))
      : and(eq(representatives.representativeId, patientId), eq(patients.id, representatives.childId))
  return db
    .select({
      patientId: patients.id,
      name: personName,
      iin: patients.iin,
      birthDate: patients.birthDate,
      basis: representatives.basis,
    })
    .from(representatives)
    .innerJoin(patients, joinOn)
    .where(
      today
        ? and(
            lte(representatives.validFrom, sql`${today}::date`),
            or(isNull(representatives.validTo), gte(representatives.validTo, sql`${today}::date`)),
          )
        : isNull(representatives.validTo),
    )
    .orderBy(asc(patients.birthDate))
}

// The clinic a patient belongs to for staff access: the one of the active attachment.
async function attachedOrganizationOf(db: Database, patientId: number): Promise<number | null> {
  const [row] = await db
    .select({ organizationId: attachments.organizationId })
    .from(attachments)
    .where(and(eq(attachments.patientId, patientId), eq(attachments.status, 'active')))
  return row?.organizationId ?? null
}

// One patient's record, or null when it is missing or outside the actor's scope. A read by staff is audited.
export async function getPatientCard(
  db: Database,
  actor: Actor,
  patientId: number,
  address: string | null,
  today = almatyDay(new Date()),
): Promise<PatientCardDto | null> {
  const organizationId = await attachedOrganizationOf(db, patientId)
  if (!authorize(actor, 'patient.read', { organizationId, patientId })) return null
  const [patient] = await db
    .select({
      id: patients.id,
      iin: patients.iin,
      lastName: patients.lastName,
      firstName: patients.firstName,
      middleName: patients.middleName,
      birthDate: patients.birthDate,
      sex: patients.sex,
      status: patients.status,
      residence: patients.residence,
      address: patients.address,
      phone: patients.phone,
    })
    .from(patients)
    .where(eq(patients.id, patientId))
  if (!patient) return null
  const [history, parents, children] = await Promise.all([
    listAttachments(db, patientId),
    listRelatives(db, patientId, 'representatives'),
    listRelatives(db, patientId, 'children'),
  ])
  if (actor.kind === 'staff') {
    await writeAudit(db, {
      actor,
      action: 'patient.read',
      organizationId: actor.organizationId,
      patientId,
      entity: 'patient',
      entityId: patientId,
      address,
    })
  }
  return {
    ...patient,
    currentAttachment: history.find((attachment) => isAttachmentInForce(attachment, today)) ?? null,
    attachmentHistory: history,
    // p.2(8): a guardian of a child of 14 or more is the child's trustee.
    representatives: parents.map((link) => ({ ...link, basis: representativeRoleOn(link.basis, patient.birthDate, today) })),
    children: children.map((link) => ({ ...link, basis: representativeRoleOn(link.basis, link.birthDate, today) })),
  }
}

// A patient by exact IIN, phone or birth date, or by the start of surname / first name / patronymic for each word
// typed (lib/patients/name-match).
export function matchPatient(query: SearchQuery | undefined): SQL | undefined {
  if (!query || query.kind === 'empty' || query.kind === 'invalid') return undefined
  if (query.kind === 'iin') return eq(patients.iin, query.iin)
  if (query.kind === 'phone') return eq(patients.phone, query.phone)
  if (query.kind === 'birthDate') return eq(patients.birthDate, query.birthDate)
  return and(
    namesStartWith({ last: patients.lastName, first: patients.firstName, middle: patients.middleName }, query.words),
    query.birthDate ? eq(patients.birthDate, query.birthDate) : undefined,
  )
}

const searchLimit = 50

type SearchHit = { patient_id: number | string; rank: number }

const foldedEntry = {
  last: registerEntries.lastNameFolded,
  first: registerEntries.firstNameFolded,
  middle: registerEntries.middleNameFolded,
}

// What a phone, a birth date or a birth date with a name picks among `patients`, through the phone's or the birth
// date's index; null for a query that is not one of these.
function personProbe(query: SearchQuery, names: NameColumns): SQL | null {
  if (query.kind === 'phone') return eq(patients.phone, query.phone)
  if (query.kind === 'birthDate') return eq(patients.birthDate, query.birthDate)
  if (query.kind === 'name' && query.birthDate)
    return and(eq(patients.birthDate, query.birthDate), foldedNamesStartWith(names, query.words))!
  return null
}

// Staff search within their clinic's attached population (the register's entries): an exact IIN, a phone, a birth
// date (with or without a name), or names. A name alone is looked up from the clinic's own slice of the three folded
// name indexes of `register_entries` (a Russian keyboard's spelling finds the Kazakh name, lib/text/fold.ts), the first
// word typed against surname, first name and patronymic in turn, each branch read in index order and cut at the limit,
// so a prefix as common as «Нұр» costs no more than a rare one. Surname matches rank first, then first name, then
// patronymic. A phone or a birth date goes through its index on `patients` (a few dozen people a day in a region of
// 2 million). The search runs within its statement budget; past it the person is asked to refine it.
// Each search is audited (one row), also one that found nobody or was cut short.
export async function searchPatients(
  db: Database,
  actor: StaffActor,
  query: SearchQuery,
  view: ListView,
  options: { limit?: number; today?: string; budget?: StatementBudget } = {},
): Promise<Budgeted<PatientRowDto[]>> {
  if (!authorize(actor, 'patient.search', { organizationId: actor.organizationId })) return { state: 'done', value: [] }
  if (query.kind === 'empty' || query.kind === 'invalid') return { state: 'done', value: [] }
  const limit = Math.min(options.limit ?? searchLimit, searchLimit)
  const today = options.today ?? almatyDay(new Date())
  const inClinic = and(
    eq(registerEntries.organizationId, actor.organizationId),
    or(isNull(registerEntries.validTo), gte(registerEntries.validTo, today)),
  )!
  const probe = personProbe(query, foldedEntry)
  // An exact IIN is one probe of a unique index: it needs no budget of its own (the pool's bounds it).
  const outcome: Budgeted<PatientRowDto[]> =
    query.kind === 'iin'
      ? { state: 'done', value: await patientRows(db, and(eq(patients.iin, query.iin), inClinic)!) }
      : await withinBudget(db, options.budget ?? 'search', async (tx) => {
          if (probe) return patientRows(tx, and(probe, inClinic)!, limit)
          if (query.kind !== 'name') return []
          const ids = (await hitsByName(tx, actor, query.words, today, limit)).map((hit) => Number(hit.patient_id))
          if (ids.length === 0) return []
          const byId = new Map(
            (await patientRows(tx, sql`${patients.id} = any(${sql.param(ids)}::bigint[])`)).map((row) => [row.id, row]),
          )
          return ids.flatMap((id) => byId.get(id) ?? [])
        })
  await auditListView(db, actor, {
    ...view,
    list: 'patientSearch',
    filter: { q: searchTextOf(query) },
    page: { limit },
    shown: outcome.state === 'done' ? outcome.value.map((row) => row.id) : [],
  })
  return outcome
}

const inForce = (today: string) => sql`(e.valid_to is null or e.valid_to >= ${today}::date)`

// The rows a search shows, for the people of the clinic's register that `where` picks (in name order when limited).
function patientRows(db: Database | Transaction, where: SQL, limit?: number): Promise<PatientRowDto[]> {
  const rows = db
    .select({
      id: patients.id,
      iin: patients.iin,
      name: personName,
      birthDate: patients.birthDate,
      sectionNumber: sections.number,
    })
    .from(patients)
    .innerJoin(registerEntries, eq(registerEntries.patientId, patients.id))
    .leftJoin(sections, eq(sections.id, registerEntries.sectionId))
    .where(where)
  return limit === undefined
    ? rows
    : rows.orderBy(asc(registerEntries.lastName), asc(registerEntries.firstName), asc(patients.id)).limit(limit)
}

async function hitsByName(
  db: Database | Transaction,
  actor: StaffActor,
  words: readonly string[],
  today: string,
  limit: number,
): Promise<SearchHit[]> {
  const [first, ...rest] = words
  if (!first) return []
  const e = { last: sql`e.last_name_folded`, first: sql`e.first_name_folded`, middle: sql`e.middle_name_folded` }
  const others = rest.length > 0 ? foldedNamesStartWith(e, rest) : sql`true`
  const branch = (rank: number, column: SQL) => sql`(
    select e.patient_id, ${rank}::int as rank, ${column} as key, e.last_name, e.first_name
    from register_entries e
    where e.organization_id = ${actor.organizationId} and ${foldedStartsWith(column, first)} and ${others} and ${inForce(today)}
    order by ${column}, e.patient_id limit ${limit})`
  return db.execute<SearchHit>(sql`
    select patient_id, rank from (
      select distinct on (patient_id) patient_id, rank, key, last_name, first_name from (
        ${branch(1, e.last)}
        union all
        ${branch(2, e.first)}
        union all
        ${branch(3, e.middle)}
      ) hits
      order by patient_id, rank
    ) best
    order by rank, key, last_name, first_name, patient_id
    limit ${limit}`)
}

export type BeyondClinicRowDto = {
  id: number
  name: string
  birthDate: string
  // The IIN when it was typed; otherwise only its last four digits (the person shows their document at the desk).
  iin: string | null
  iinTail: string
  attachedElsewhere: boolean
  // Recorded as dead (a detachment on death): nobody applies for him any more.
  deceased: boolean
}

export type BeyondClinicSearch =
  { state: 'done'; rows: BeyondClinicRowDto[] } | { state: 'rate_limited'; until: Date } | { state: 'not_asked' }

const beyondLimit = 20

// People in the region's records who are not attached to the actor's clinic, for the desk to serve them (apply for
// attachment, p.23-24). As the desk's IIN lookup (findPatientForDesk), only someone who takes applications at the desk
// asks it, and only a query that names a person narrowly reaches beyond the clinic: a full IIN, a mobile number, or a
// name with a birth date (a name alone, or a birth date alone, would list strangers). What it shows is minimal: name,
// birth date, whether attached elsewhere (not where), and the IIN only when it was typed. Each search that found someone
// counts against the desk's lookup limit and is audited with the ids shown.
export async function searchBeyondClinic(
  db: Database,
  actor: StaffActor,
  query: SearchQuery,
  view: ListView,
): Promise<BeyondClinicSearch> {
  if (!servicesFor(actor, 'submit').some((service) => service.channels.includes('desk'))) return { state: 'not_asked' }
  const names = {
    last: foldedColumn(patients.lastName),
    first: foldedColumn(patients.firstName),
    middle: foldedColumn(patients.middleName),
  }
  const probe = query.kind === 'iin' ? eq(patients.iin, query.iin) : query.kind === 'birthDate' ? null : personProbe(query, names)
  if (!probe) return { state: 'not_asked' }
  const today = almatyDay(view.now)
  const rows = await db
    .select({
      id: patients.id,
      iin: patients.iin,
      name: personName,
      birthDate: patients.birthDate,
      organizationId: registerEntries.organizationId,
      deathId: detachments.id,
    })
    .from(patients)
    .leftJoin(
      registerEntries,
      and(eq(registerEntries.patientId, patients.id), or(isNull(registerEntries.validTo), gte(registerEntries.validTo, today))),
    )
    .leftJoin(detachments, and(eq(detachments.patientId, patients.id), eq(detachments.reason, 'death')))
    .where(and(probe, sql`${registerEntries.organizationId} is distinct from ${actor.organizationId}`))
    .orderBy(asc(patients.lastName), asc(patients.firstName), asc(patients.id))
    .limit(beyondLimit)
  if (rows.length > 0) {
    const key = `desk-lookup:${actor.id}`
    const attempt = await claimAttempt(db, {
      subject: key,
      limits: [{ key, rule: limitRules.deskLookups }],
      now: view.now,
      address: view.address,
    })
    if (!attempt.ok) return { state: 'rate_limited', until: attempt.until }
  }
  await auditListView(db, actor, {
    ...view,
    list: 'patientSearchBeyond',
    filter: { q: searchTextOf(query) },
    page: { limit: beyondLimit },
    shown: rows.map((row) => row.id),
  })
  return {
    state: 'done',
    rows: rows.map((row) => ({
      id: row.id,
      name: row.name,
      birthDate: row.birthDate,
      iin: query.kind === 'iin' ? row.iin : null,
      iinTail: row.iin.slice(-4),
      attachedElsewhere: row.organizationId !== null,
      deceased: row.deathId !== null,
    })),
  }
}

export type MyPersonDto = {
  id: number
  name: string
  iin: string
  birthDate: string
  address: string
  relation: 'self' | RepresentativeBasis
  attachment:
    | (Pick<AttachmentDto, 'organizationNameKk' | 'organizationNameRu' | 'sectionNumber' | 'validFrom'> & {
        clinicAddressKk: string
        clinicAddressRu: string
        clinicPhone: string | null
        workingHours: WorkingHours
        // Issue 15: the doctors of the person's section, as the patient's home names them.
        doctors: { name: string; specialtyKk: string | null; specialtyRu: string | null }[]
      })
    | null
}

// A patient's own record and those of the children they represent.
export async function listMyPeople(db: Database, actor: PatientActor): Promise<MyPersonDto[]> {
  const child = aliasedTable(representatives, 'child_link')
  const rows = await db
    .select({
      id: patients.id,
      name: personName,
      iin: patients.iin,
      birthDate: patients.birthDate,
      address: patients.address,
      basis: child.basis,
      organizationNameKk: organizations.nameKk,
      organizationNameRu: organizations.nameRu,
      sectionNumber: sections.number,
      sectionId: attachments.sectionId,
      validFrom: attachments.validFrom,
      clinicAddressKk: organizations.addressKk,
      clinicAddressRu: organizations.addressRu,
      clinicPhone: organizations.phone,
      workingHours: organizations.workingHours,
    })
    .from(patients)
    .leftJoin(child, and(eq(child.childId, patients.id), eq(child.representativeId, actor.id), isNull(child.validTo)))
    .leftJoin(attachments, and(eq(attachments.patientId, patients.id), attachmentInForce(almatyDay(new Date()))))
    .leftJoin(organizations, eq(organizations.id, attachments.organizationId))
    .leftJoin(sections, eq(sections.id, attachments.sectionId))
    .where(or(eq(patients.id, actor.id), sql`${patients.id} = any(${sql.param(actor.representedPatientIds)}::bigint[])`))
    .orderBy(sql`${patients.id} <> ${actor.id}`, asc(patients.birthDate))
  const sectionIds = [...new Set(rows.map((row) => row.sectionId).filter((id): id is number => id !== null))]
  // One read for the doctors of every section shown (a family has a handful), not one per person.
  const doctors =
    sectionIds.length === 0
      ? []
      : await db
          .select({
            sectionId: sectionDoctors.sectionId,
            name: staffFullName,
            specialtyKk: staff.specialtyKk,
            specialtyRu: staff.specialtyRu,
          })
          .from(sectionDoctors)
          .innerJoin(staff, and(eq(staff.id, sectionDoctors.staffId), eq(staff.active, true)))
          .where(inArray(sectionDoctors.sectionId, sectionIds))
          .orderBy(asc(staff.lastName), asc(staff.firstName), asc(staff.id))
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    iin: row.iin,
    birthDate: row.birthDate,
    address: row.address,
    relation: row.id === actor.id ? 'self' : (row.basis ?? 'parent'),
    attachment:
      row.organizationNameKk && row.organizationNameRu && row.validFrom
        ? {
            organizationNameKk: row.organizationNameKk,
            organizationNameRu: row.organizationNameRu,
            sectionNumber: row.sectionNumber,
            validFrom: row.validFrom,
            clinicAddressKk: row.clinicAddressKk ?? '',
            clinicAddressRu: row.clinicAddressRu ?? '',
            clinicPhone: row.clinicPhone,
            workingHours: row.workingHours ?? {},
            doctors: doctors
              .filter((doctor) => doctor.sectionId === row.sectionId)
              .map(({ name, specialtyKk, specialtyRu }) => ({ name, specialtyKk, specialtyRu })),
          }
        : null,
  }))
}

export type DeskPatientDto = {
  id: number
  iin: string
  name: string
  birthDate: string
  sex: Sex
  status: PatientStatus
  residence: ResidenceStatus | null
  address: string
  phone: string | null
  currentClinicKk: string | null
  currentClinicRu: string | null
  // p.30 para 3, p.9 para 2: the person's legal representatives in the register today.
  representatives: RelativeDto[]
}

export type DeskLookup =
  { state: 'found'; patient: DeskPatientDto } | { state: 'not_found' } | { state: 'rate_limited'; until: Date }

// At the desk the registrar finds any person by their full IIN to take an attachment application (p.23-24): the
// person is usually not yet attached to this clinic. Only an exact IIN finds anyone, every lookup is audited, and a
// staff member gets at most `limitRules.deskLookups` of them (it reaches anyone in the country).
export async function findPatientForDesk(
  db: Database,
  actor: StaffActor,
  iin: string,
  address: string | null,
  now = new Date(),
): Promise<DeskLookup> {
  // Only someone who takes applications at the desk: a service with a desk form whose `who.submit` has their role.
  if (!servicesFor(actor, 'submit').some((service) => service.channels.includes('desk'))) return { state: 'not_found' }
  const key = `desk-lookup:${actor.id}`
  const attempt = await claimAttempt(db, { subject: key, limits: [{ key, rule: limitRules.deskLookups }], now, address })
  if (!attempt.ok) return { state: 'rate_limited', until: attempt.until }
  const [row] = await db
    .select({
      id: patients.id,
      iin: patients.iin,
      name: personName,
      birthDate: patients.birthDate,
      sex: patients.sex,
      status: patients.status,
      residence: patients.residence,
      address: patients.address,
      phone: patients.phone,
      currentClinicKk: organizations.nameKk,
      currentClinicRu: organizations.nameRu,
    })
    .from(patients)
    .leftJoin(attachments, and(eq(attachments.patientId, patients.id), attachmentInForce(almatyDay(now))))
    .leftJoin(organizations, eq(organizations.id, attachments.organizationId))
    .where(eq(patients.iin, iin))
  if (!row) return { state: 'not_found' }
  await writeAudit(db, {
    actor,
    action: 'patient.deskLookup',
    organizationId: actor.organizationId,
    patientId: row.id,
    entity: 'patient',
    entityId: row.id,
    address,
  })
  const today = almatyDay(now)
  const links = await listRelatives(db, row.id, 'representatives', today)
  const representatives = links.map((link) => ({ ...link, basis: representativeRoleOn(link.basis, row.birthDate, today) }))
  return { state: 'found', patient: { ...row, representatives } }
}

export type CurrentAttachmentDto = {
  organizationNameKk: string
  organizationNameRu: string
  sectionNumber: string | null
  validFrom: string
}

// Where the person is attached on `today`, shown beside every request of theirs.
export async function currentAttachmentOf(db: Database, patientId: number, today: string): Promise<CurrentAttachmentDto | null> {
  const [row] = await db
    .select({
      organizationNameKk: organizations.nameKk,
      organizationNameRu: organizations.nameRu,
      sectionNumber: sections.number,
      validFrom: attachments.validFrom,
    })
    .from(attachments)
    .innerJoin(organizations, eq(organizations.id, attachments.organizationId))
    .leftJoin(sections, eq(sections.id, attachments.sectionId))
    .where(and(eq(attachments.patientId, patientId), attachmentInForce(today)))
  return row ?? null
}
