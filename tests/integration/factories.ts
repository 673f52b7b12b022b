import type { Budgeted } from '@/db/statement-budget'
import { randomBytes, randomUUID } from 'node:crypto'
import type { Database } from '@/db/client'
import {
  attachments,
  departments,
  organizations,
  patients,
  representatives,
  sectionDoctors,
  sections,
  staff,
  type ClinicStaffRole,
  type Locale,
} from '@/db/schema'
import type { ListView } from '@/lib/audit/list-view'
import type { PatientActor, StaffActor } from '@/lib/auth/actor'
import { hashPassword } from '@/lib/auth/credentials'
import { makeIin } from '@/lib/iin'
import { makeBin } from '@/lib/iin/bin'
import { submitRequest, type EngineContext } from '@/lib/requests/engine'

export const testPassword = 'correct horse battery'

// Where and when a test opens a list (the pages pass the client's address and the time they render).
export const listView = (now = new Date(), address: string | null = null): ListView => ({ address, now })
let passwordHash: Promise<string> | null = null
let serial = 1000
const usedIins = new Set<string>()

const unique = () => randomBytes(4).toString('hex')

// A valid BIN no other clinic of the test database has (files run in parallel: a clash is tried again).
export const randomBin = () =>
  makeBin({
    yearMonth: `${String(randomBytes(1)[0]! % 26).padStart(2, '0')}${String(1 + (randomBytes(1)[0]! % 12)).padStart(2, '0')}`,
    serial: randomBytes(4).readUInt32BE() % 100_000,
  })

export type TestClinic = {
  organizationId: number
  bin: string
  sectionIds: number[]
  staff: Record<ClinicStaffRole, StaffActor & { login: string }>
}

// A primary-care clinic with a department, two sections and one person in each staff role.
export async function makeClinic(db: Database, name = 'Test clinic'): Promise<TestClinic> {
  passwordHash ??= hashPassword(testPassword)
  const code = `clinic-${unique()}`
  let organization: { id: number; bin: string | null } | undefined
  while (!organization) {
    ;[organization] = await db
      .insert(organizations)
      .values({
        code,
        bin: randomBin(),
        type: 'primary_care',
        nameKk: `${name} (kk)`,
        nameRu: `${name} (ru)`,
        region: 'Маңғыстау облысы',
        city: 'Ақтау',
        addressKk: 'Ақтау қ., 1 шағын аудан',
        addressRu: 'г. Актау, 1 мкр.',
        workingHours: { mon: { from: '08:00', to: '20:00' } },
      })
      .onConflictDoNothing({ target: organizations.bin })
      .returning({ id: organizations.id, bin: organizations.bin })
  }
  const organizationId = organization.id
  const bin = organization.bin!
  const [department] = await db
    .insert(departments)
    .values({ organizationId, kind: 'therapy', nameKk: 'Терапия', nameRu: 'Терапия' })
    .returning({ id: departments.id })
  const sectionRows = await db
    .insert(sections)
    .values(
      ['1', '2'].map((number) => ({
        organizationId,
        departmentId: department!.id,
        number,
        capacityNorm: 2200,
        territoryKk: 'аумақ',
        territoryRu: 'территория',
      })),
    )
    .returning({ id: sections.id })
  const members = {} as TestClinic['staff']
  for (const role of ['registrar', 'doctor', 'head', 'chief'] as const) {
    const login = `${role}-${code}`
    const [row] = await db
      .insert(staff)
      .values({
        organizationId,
        departmentId: department!.id,
        role,
        login,
        passwordHash: await passwordHash,
        lastName: `${role} surname`,
        firstName: 'Name',
      })
      .returning({ id: staff.id })
    members[role] = {
      kind: 'staff',
      id: row!.id,
      role,
      organizationId,
      departmentId: department!.id,
      name: `${role} surname Name`,
      locale: 'kk',
      login,
    }
  }
  await db.insert(sectionDoctors).values({ sectionId: sectionRows[0]!.id, staffId: members.doctor.id })
  return { organizationId, bin, sectionIds: sectionRows.map((row) => row.id), staff: members }
}

// The region's health department with its administrator (issue 15), who keeps the working-day calendar.
export async function makeRegionAdmin(db: Database): Promise<StaffActor> {
  passwordHash ??= hashPassword(testPassword)
  const code = `health-${unique()}`
  const [organization] = await db
    .insert(organizations)
    .values({
      code,
      type: 'health_department',
      nameKk: 'Денсаулық сақтау басқармасы',
      nameRu: 'Управление здравоохранения',
      region: 'Маңғыстау облысы',
      city: 'Ақтау',
      addressKk: 'Ақтау қ., 14 шағын аудан',
      addressRu: 'г. Актау, 14 мкр.',
      workingHours: { mon: { from: '09:00', to: '18:00' } },
    })
    .returning({ id: organizations.id })
  const [row] = await db
    .insert(staff)
    .values({
      organizationId: organization!.id,
      role: 'region_admin',
      login: `admin-${code}`,
      passwordHash: await passwordHash,
      lastName: 'Admin surname',
      firstName: 'Name',
    })
    .returning({ id: staff.id })
  return {
    kind: 'staff',
    id: row!.id,
    role: 'region_admin',
    organizationId: organization!.id,
    departmentId: null,
    name: 'Admin surname Name',
    locale: 'kk',
  }
}

export async function makePatient(
  db: Database,
  options: {
    birthDate?: string
    sex?: 'male' | 'female'
    phone?: string | null
    locale?: Locale
    lastName?: string
    firstName?: string
    attachTo?: { organizationId: number; sectionId?: number }
  } = {},
): Promise<{ id: number; iin: string; actor: PatientActor }> {
  const birthDate = options.birthDate ?? '1985-04-12'
  const sex = options.sex ?? 'female'
  // makeIin skips serials that have no control digit, so two serials can give one IIN: keep them distinct.
  let iin = makeIin({ birthDate, sex, serial: serial++ })
  while (usedIins.has(iin)) iin = makeIin({ birthDate, sex, serial: serial++ })
  usedIins.add(iin)
  const phone = options.phone === undefined ? `+7701${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}` : options.phone
  const [row] = await db
    .insert(patients)
    .values({
      iin,
      lastName: options.lastName ?? 'Жұмабаева',
      firstName: options.firstName ?? 'Айгүл',
      birthDate,
      sex,
      status: 'citizen',
      address: 'Ақтау қ., 12 шағын аудан, 5 үй',
      phone,
      locale: options.locale ?? 'kk',
    })
    .returning({ id: patients.id })
  if (options.attachTo) {
    await db.insert(attachments).values({
      patientId: row!.id,
      organizationId: options.attachTo.organizationId,
      sectionId: options.attachTo.sectionId ?? null,
      basis: 'residence_change',
      status: 'active',
      validFrom: '2025-01-10',
    })
  }
  return {
    id: row!.id,
    iin,
    actor: {
      kind: 'patient',
      id: row!.id,
      role: 'patient',
      representedPatientIds: [],
      name: 'Жұмабаева Айгүл',
      locale: options.locale ?? 'kk',
      phone,
    },
  }
}

export async function makeRepresentative(db: Database, childId: number, representativeId: number): Promise<void> {
  await db.insert(representatives).values({ childId, representativeId, basis: 'parent', validFrom: '2020-01-01' })
}

// An attachment request submitted through the engine, as the patient's form would send it.
export async function submitAttachment(
  db: Database,
  actor: PatientActor,
  options: { clinic: TestClinic; patientId?: number; sectionIndex?: number | null; basis?: string; address?: string },
  context: EngineContext,
) {
  const section = options.sectionIndex == null ? '' : String(options.clinic.sectionIds[options.sectionIndex])
  return submitRequest(
    db,
    actor,
    {
      service: 'attachment',
      channel: 'portal',
      idempotencyKey: randomUUID(),
      payload: {
        patientId: String(options.patientId ?? actor.id),
        clinicId: String(options.clinic.organizationId),
        sectionId: section,
        address: options.address ?? 'Ақтау қ., 14 шағын аудан, 2 үй',
        basis: options.basis ?? 'residence_change',
      },
    },
    context,
  )
}

// The answer of a search or list run within its statement budget; one cut short fails the test.
export function answered<T>(outcome: Budgeted<T>): T {
  if (outcome.state !== 'done') throw new Error(`the statement budget ran out (${outcome.state})`)
  return outcome.value
}
