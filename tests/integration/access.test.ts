import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { auditLog, patients, representatives } from '@/db/schema'
import { loadActor } from '@/lib/auth/load-actor'
import { listSectionLoad, listSectionPatients, listStaff } from '@/lib/organizations/queries'
import { getPatientCard, listMyPeople, searchPatients } from '@/lib/patients/queries'
import { parseSearchQuery } from '@/lib/patients/search-query'
import { freshDb } from './db'
import { answered, listView, makeClinic, makePatient, makeRepresentative, type TestClinic } from './factories'

let db: Database
let clinicA: TestClinic
let clinicB: TestClinic
let patientA: Awaited<ReturnType<typeof makePatient>>
let patientB: Awaited<ReturnType<typeof makePatient>>
let child: Awaited<ReturnType<typeof makePatient>>
const today = '2026-11-23'

beforeAll(async () => {
  ;({ db } = await freshDb())
  clinicA = await makeClinic(db, 'Clinic A')
  clinicB = await makeClinic(db, 'Clinic B')
  patientA = await makePatient(db, {
    lastName: 'Әбенова',
    attachTo: { organizationId: clinicA.organizationId, sectionId: clinicA.sectionIds[0] },
  })
  patientB = await makePatient(db, {
    lastName: 'Бекова',
    attachTo: { organizationId: clinicB.organizationId, sectionId: clinicB.sectionIds[0] },
  })
  child = await makePatient(db, {
    birthDate: '2019-02-03',
    lastName: 'Әбенов',
    attachTo: { organizationId: clinicA.organizationId },
  })
  await makeRepresentative(db, child.id, patientA.id)
})

const auditReadsOf = (patientId: number) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.patientId, patientId), eq(auditLog.action, 'patient.read')))

describe('staff see only their own organization', () => {
  it('a registrar opens a patient of their clinic, and the read is audited with actor, patient, time and address', async () => {
    const card = await getPatientCard(db, clinicA.staff.registrar, patientA.id, '10.0.0.7')
    expect(card?.iin).toBe(patientA.iin)
    expect(card?.children.map((c) => c.patientId)).toEqual([child.id])
    const [row] = await auditReadsOf(patientA.id)
    expect(row).toMatchObject({
      actorKind: 'staff',
      actorId: clinicA.staff.registrar.id,
      organizationId: clinicA.organizationId,
      address: '10.0.0.7',
    })
    expect(row!.at).toBeInstanceOf(Date)
  })

  it('a registrar of clinic A sees nothing of a patient of clinic B, and nothing is audited as read', async () => {
    expect(await getPatientCard(db, clinicA.staff.registrar, patientB.id, null)).toBeNull()
    expect(await auditReadsOf(patientB.id)).toEqual([])
    expect(answered(await searchPatients(db, clinicA.staff.registrar, parseSearchQuery(patientB.iin), listView()))).toEqual([])
    expect(answered(await searchPatients(db, clinicA.staff.registrar, parseSearchQuery('Бекова'), listView()))).toEqual([])
    expect(await listSectionPatients(db, clinicA.staff.doctor, clinicB.sectionIds[0]!, listView())).toEqual([])
  })

  it('search finds own patients by IIN and by the start of the surname, in any case', async () => {
    expect(
      answered(await searchPatients(db, clinicA.staff.registrar, parseSearchQuery(patientA.iin), listView())).map((r) => r.id),
    ).toEqual([patientA.id])
    expect(
      answered(await searchPatients(db, clinicA.staff.registrar, parseSearchQuery('әбен'), listView()))
        .map((r) => r.id)
        .sort(),
    ).toEqual([patientA.id, child.id].sort())
  })

  it('a missing patient looks the same as a foreign one', async () => {
    expect(await getPatientCard(db, clinicA.staff.registrar, 999_999_999, null)).toBeNull()
  })

  it('section loads and staff lists stay inside the clinic', async () => {
    const sections = await listSectionLoad(db, clinicA.staff.chief)
    expect(sections.map((s) => s.id).sort()).toEqual([...clinicA.sectionIds].sort())
    expect(sections.find((s) => s.id === clinicA.sectionIds[0])?.attachedCount).toBe(1)
    const members = await listStaff(db, clinicA.staff.chief)
    expect(members.map((m) => m.id).sort()).toEqual(
      Object.values(clinicA.staff)
        .map((m) => m.id)
        .sort(),
    )
    expect(await listStaff(db, clinicA.staff.registrar)).toEqual([])
  })
})

describe('patients see themselves and the children they represent', () => {
  it('loads the children a patient represents', async () => {
    const actor = await loadActor(db, { kind: 'patient', id: patientA.id }, today, new Date())
    expect(actor).toMatchObject({ kind: 'patient', representedPatientIds: [child.id] })
  })

  it('opens own record and the child’s, not another patient’s; patient reads are not staff reads', async () => {
    const actor = await loadActor(db, { kind: 'patient', id: patientA.id }, today, new Date())
    if (actor?.kind !== 'patient') throw new Error('patient expected')
    expect((await getPatientCard(db, actor, patientA.id, null))?.id).toBe(patientA.id)
    expect((await getPatientCard(db, actor, child.id, null))?.id).toBe(child.id)
    expect(await getPatientCard(db, actor, patientB.id, null)).toBeNull()
    expect((await listMyPeople(db, actor)).map((p) => [p.id, p.relation])).toEqual([
      [patientA.id, 'self'],
      [child.id, 'parent'],
    ])
  })

  it('p.30 para 3, p.2(3)-(4): representing a child ends on the 18th birthday, whatever the row says', async () => {
    const parent = await makePatient(db, { birthDate: '1980-01-01' })
    const son = await makePatient(db, { birthDate: '2008-12-01', sex: 'male' })
    await makeRepresentative(db, son.id, parent.id)
    const represented = async (day: string) =>
      ((await loadActor(db, { kind: 'patient', id: parent.id }, day, new Date())) as { representedPatientIds: number[] })
        .representedPatientIds
    expect(await represented('2026-11-30')).toEqual([son.id])
    expect(await represented('2026-12-01')).toEqual([])
    // A guardianship a court set up when the person was already of age goes on.
    const guardian = await makePatient(db, { birthDate: '1975-05-05' })
    await db.insert(representatives).values({
      childId: son.id,
      representativeId: guardian.id,
      basis: 'guardian',
      validFrom: '2027-03-01',
    })
    const guarded = await loadActor(db, { kind: 'patient', id: guardian.id }, '2027-03-01', new Date())
    expect(guarded).toMatchObject({ representedPatientIds: [son.id] })
    expect(await represented('2027-03-01')).toEqual([])
  })

  it('a sign-out everywhere ends sessions issued before it', async () => {
    const signedIn = new Date('2026-11-23T04:00:00Z')
    await db
      .update(patients)
      .set({ sessionsRevokedAt: new Date('2026-11-23T05:00:00Z') })
      .where(eq(patients.id, patientB.id))
    expect(await loadActor(db, { kind: 'patient', id: patientB.id }, today, signedIn)).toBeNull()
    expect(await loadActor(db, { kind: 'patient', id: patientB.id }, today, new Date('2026-11-23T05:00:01Z'))).not.toBeNull()
  })
})

describe('lists sort in Kazakh alphabetical order', () => {
  it('puts Ә, Қ, Ө, Ұ, І where the Kazakh alphabet has them', async () => {
    const clinic = await makeClinic(db, 'Clinic C')
    const surnames = ['Яковлев', 'Іздібаев', 'Ұлықбеков', 'Петрова', 'Өтепова', 'Қасымов', 'Әбенова', 'Абаев']
    for (const lastName of surnames)
      await makePatient(db, { lastName, attachTo: { organizationId: clinic.organizationId, sectionId: clinic.sectionIds[0] } })
    const rows = await listSectionPatients(db, clinic.staff.doctor, clinic.sectionIds[0]!, listView())
    expect(rows.map((row) => row.name.split(' ')[0])).toEqual([
      'Абаев',
      'Әбенова',
      'Қасымов',
      'Өтепова',
      'Петрова',
      'Ұлықбеков',
      'Іздібаев',
      'Яковлев',
    ])
  })
})
