// Issue 16: the centres' information systems and their demo registries (./registry-data.ts), inside the base data's
// transaction. Each record is written with its events, as the centre's screen writes them.
import type { Sql, TransactionSql } from 'postgres'
import { demoCentreSystems, demoDispensaryRecords, SYSTEM_PASSWORD_HASH } from './registry-data'

type Id = string | number

export async function seedRegistries(tx: TransactionSql | Sql): Promise<void> {
  const organizations = new Map(
    (await tx<{ id: Id; code: string }[]>`select id, code from organizations`).map((row) => [row.code, row.id]),
  )
  const staffByLogin = new Map(
    (await tx<{ id: Id; login: string }[]>`select id, login from staff`).map((row) => [row.login, row.id]),
  )
  const patientByIin = new Map(
    (
      await tx<{ id: Id; iin: string; last_name: string; first_name: string; middle_name: string | null; birth_date: string }[]>`
        select id, iin, last_name, first_name, middle_name, birth_date::text from patients
        where iin in ${tx(demoDispensaryRecords.flatMap((record) => (record.iin ? [record.iin] : [])))}`
    ).map((row) => [row.iin, row]),
  )
  const need = <V>(value: V | undefined, what: string): V => {
    if (value === undefined) throw new Error(`seedRegistries: unknown ${what}`)
    return value
  }
  for (const system of demoCentreSystems)
    await tx`
      insert into staff (organization_id, role, login, password_hash, last_name, first_name, specialty_kk, specialty_ru, system)
      values (${need(organizations.get(system.organization), system.organization)}, 'dispensary_doctor', ${system.login},
              ${SYSTEM_PASSWORD_HASH}, ${`${system.nameKk} /`}, ${system.nameRu}, ${system.nameKk}, ${system.nameRu}, true)`
  for (const record of demoDispensaryRecords) {
    const patient = record.iin ? need(patientByIin.get(record.iin), `patient ${record.iin}`) : null
    const person = patient
      ? {
          lastName: patient.last_name,
          firstName: patient.first_name,
          middleName: patient.middle_name,
          birthDate: patient.birth_date,
        }
      : need(record.person, 'person of a record without an IIN')
    const doctor = need(staffByLogin.get(record.addedBy), `login ${record.addedBy}`)
    const [row] = await tx<{ id: Id }[]>`
      insert into dispensary_records (organization_id, registry, patient_id, iin, last_name, first_name, middle_name,
        birth_date, observation_group, observed_since, added_by, source, removed_on, removal_reason, removed_by, removed_at,
        version)
      values (${need(organizations.get(record.organization), record.organization)}, ${record.registry}, ${patient?.id ?? null},
        ${record.iin}, ${person.lastName}, ${person.firstName}, ${person.middleName}, ${person.birthDate}, ${record.group},
        ${record.observedSince}, ${doctor}, 'screen', ${record.removed?.on ?? null}, ${record.removed?.reason ?? null},
        ${record.removed ? doctor : null}, ${record.removed ? `${record.removed.on}T09:00:00+05:00` : null},
        ${record.removed ? 2 : 1})
      returning id`
    await tx`
      insert into dispensary_record_events (record_id, type, staff_id, data, created_at)
      values (${row!.id}, 'added', ${doctor}, ${tx.json({ observationGroup: record.group, observedSince: record.observedSince })},
              ${`${record.observedSince}T09:00:00+05:00`})`
    if (record.removed)
      await tx`
        insert into dispensary_record_events (record_id, type, staff_id, data, created_at)
        values (${row!.id}, 'removed', ${doctor}, ${tx.json({ removedOn: record.removed.on, reason: record.removed.reason })},
                ${`${record.removed.on}T09:00:00+05:00`})`
  }
}
