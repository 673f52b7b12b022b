// Loads the demo data of ./demo-data.ts into an empty database, in one transaction; then the signing inbox's requests
// go through the request engine (./signing-inbox.ts).
// Plain SQL through the `postgres` driver; ids come from RETURNING, never assumed.
// Deterministic: the same rows (and, on a fresh database, the same ids) every run. The exceptions are
// staff.password_hash, whose argon2 salt is random (any of them verifies), and what the engine makes for the signing
// inbox: request and document ids, verification codes and times come from the engine and the clock.

import { hash } from '@node-rs/argon2'
import type { Sql } from 'postgres'

import {
  DEMO_STAFF_PASSWORD,
  demoAdministrativeUnits,
  demoAttachments,
  demoBorderTerritories,
  demoDepartments,
  demoOrganizations,
  demoPatientList,
  demoPatients,
  demoRepresentatives,
  demoSections,
  demoStaff,
} from './demo-data'
import { demoOverduePatients } from './overdue-data'
import { seedRegistries } from './registry-records'

export { DEMO_REFERENCE_DATE, DEMO_STAFF_PASSWORD, demoLogins, demoPatients } from './demo-data'

// Returned ids are bigint columns: strings with the driver's defaults, numbers with a custom parser.
type Id = string | number

function lookup<V>(map: Map<string, V>, key: string, what: string): V {
  const value = map.get(key)
  if (value === undefined) throw new Error(`seedDemoData: unknown ${what} "${key}"`)
  return value
}

/** Hashes DEMO_STAFF_PASSWORD once with Argon2id; every staff row shares the hash. */
export function hashDemoPassword(): Promise<string> {
  // 2 = Algorithm.Argon2id (an ambient const enum, not usable under isolatedModules).
  return hash(DEMO_STAFF_PASSWORD, { algorithm: 2 })
}

// `now`: when the signing inbox's requests are submitted and approved (see ./signing-inbox.ts), and what the overdue
// requests' days are counted back from (./overdue-requests.ts); everything else is fixed.
export async function seedDemoData(sql: Sql, now: Date = new Date()): Promise<void> {
  const patientByKey = new Map(demoPatientList.map((p) => [p.key, p]))
  for (const iin of Object.values(demoPatients)) {
    if (!demoPatientList.some((p) => p.iin === iin)) {
      throw new Error(`seedDemoData: demoPatients IIN ${iin} is not among the demo patients`)
    }
  }

  const passwordHash = await hashDemoPassword()

  await sql.begin(async (tx) => {
    const codes = demoOrganizations.map((o) => o.code)
    const existing = await tx<{ code: string }[]>`select code from organizations where code in ${tx(codes)}`
    if (existing.length > 0) {
      throw new Error(`seedDemoData: demo data already present (${existing.map((r) => r.code).join(', ')})`)
    }

    // Administrative-territorial units and border territories (p.2(1), p.17)
    await tx`insert into administrative_units ${tx(
      demoAdministrativeUnits.map((u) => ({
        code: u.code,
        parent_code: u.parentCode,
        kind: u.kind,
        name_kk: u.nameKk,
        name_ru: u.nameRu,
      })),
      'code',
      'parent_code',
      'kind',
      'name_kk',
      'name_ru',
    )} on conflict (code) do nothing`
    await tx`insert into border_territories ${tx(
      demoBorderTerritories.map((b) => ({ unit_code: b.unit, neighbour_code: b.neighbour })),
      'unit_code',
      'neighbour_code',
    )} on conflict do nothing`

    // Organizations
    const organizationRows = await tx<{ id: Id; code: string }[]>`
      insert into organizations ${tx(
        demoOrganizations.map((o) => ({
          code: o.code,
          bin: o.bin,
          type: o.type,
          name_kk: o.nameKk,
          name_ru: o.nameRu,
          region: o.region,
          city: o.city,
          address_kk: o.addressKk,
          address_ru: o.addressRu,
          phone: o.phone,
          working_hours: tx.json(o.workingHours),
          administrative_unit: o.administrativeUnit,
        })),
        'code',
        'bin',
        'type',
        'name_kk',
        'name_ru',
        'region',
        'city',
        'address_kk',
        'address_ru',
        'phone',
        'working_hours',
        'administrative_unit',
      )}
      returning id, code
    `
    const organizationId = new Map(organizationRows.map((r) => [r.code, r.id]))

    // Departments, keyed by "organization code/kind"
    const departmentRows = await tx<{ id: Id; code: string; kind: string }[]>`
      with inserted as (
        insert into departments ${tx(
          demoDepartments.map((d) => ({
            organization_id: lookup(organizationId, d.organization, 'organization'),
            kind: d.kind,
            name_kk: d.nameKk,
            name_ru: d.nameRu,
          })),
          'organization_id',
          'kind',
          'name_kk',
          'name_ru',
        )}
        returning id, organization_id, kind
      )
      select inserted.id, o.code, inserted.kind
      from inserted join organizations o on o.id = inserted.organization_id
    `
    const departmentId = new Map(departmentRows.map((r) => [`${r.code}/${r.kind}`, r.id]))

    // Sections, keyed by "organization code/number"
    const sectionRows = await tx<{ id: Id; code: string; number: string }[]>`
      with inserted as (
        insert into sections ${tx(
          demoSections.map((s) => ({
            organization_id: lookup(organizationId, s.organization, 'organization'),
            department_id: lookup(departmentId, `${s.organization}/${s.department}`, 'department'),
            number: s.number,
            capacity_norm: s.capacityNorm,
            territory_kk: s.territoryKk,
            territory_ru: s.territoryRu,
            // Children's sections serve ages 0-17, adults' from 18, a general practitioner's every age.
            age_from: s.department === 'therapy' ? 18 : 0,
            age_to: s.department === 'pediatrics' ? 17 : null,
          })),
          'organization_id',
          'department_id',
          'number',
          'capacity_norm',
          'territory_kk',
          'territory_ru',
          'age_from',
          'age_to',
        )}
        returning id, organization_id, number
      )
      select inserted.id, o.code, inserted.number
      from inserted join organizations o on o.id = inserted.organization_id
    `
    const sectionId = new Map(sectionRows.map((r) => [`${r.code}/${r.number}`, r.id]))

    // Staff
    const staffRows = await tx<{ id: Id; login: string }[]>`
      insert into staff ${tx(
        demoStaff.map((s) => ({
          organization_id: lookup(organizationId, s.organization, 'organization'),
          department_id: lookup(departmentId, `${s.organization}/${s.department}`, 'department'),
          role: s.role,
          login: s.login.toLowerCase(),
          password_hash: passwordHash,
          iin: s.iin,
          last_name: s.lastName,
          first_name: s.firstName,
          middle_name: s.middleName,
          specialty_kk: s.specialtyKk,
          specialty_ru: s.specialtyRu,
          locale: s.locale,
        })),
        'organization_id',
        'department_id',
        'role',
        'login',
        'password_hash',
        'iin',
        'last_name',
        'first_name',
        'middle_name',
        'specialty_kk',
        'specialty_ru',
        'locale',
      )}
      returning id, login
    `
    const staffId = new Map(staffRows.map((r) => [r.login, r.id]))

    const sectionDoctorRows = demoStaff
      .filter((s) => s.section !== null)
      .map((s) => ({
        section_id: lookup(sectionId, `${s.organization}/${s.section}`, 'section'),
        staff_id: lookup(staffId, s.login.toLowerCase(), 'staff login'),
      }))
    await tx`insert into section_doctors ${tx(sectionDoctorRows, 'section_id', 'staff_id')}`

    // Patients
    const patientRows = await tx<{ id: Id; iin: string }[]>`
      insert into patients ${tx(
        [...demoPatientList, ...demoOverduePatients].map((p) => ({
          iin: p.iin,
          last_name: p.lastName,
          first_name: p.firstName,
          middle_name: p.middleName,
          birth_date: p.birthDate,
          sex: p.sex,
          status: p.status,
          residence: p.residence ?? null,
          address: p.address,
          phone: p.phone,
          locale: p.locale,
          residence_unit: p.residenceUnit ?? 'aktau',
        })),
        'iin',
        'last_name',
        'first_name',
        'middle_name',
        'birth_date',
        'sex',
        'status',
        'residence',
        'address',
        'phone',
        'locale',
        'residence_unit',
      )}
      returning id, iin
    `
    const patientIdByIin = new Map(patientRows.map((r) => [r.iin, r.id]))
    const patientId = (key: string): Id => lookup(patientIdByIin, lookup(patientByKey, key, 'patient key').iin, 'patient IIN')

    // Representatives
    await tx`
      insert into representatives ${tx(
        demoRepresentatives.map((r) => ({
          child_id: patientId(r.child),
          representative_id: patientId(r.representative),
          basis: r.basis,
          document_note: r.documentNote,
          valid_from: r.validFrom,
          valid_to: r.validTo,
        })),
        'child_id',
        'representative_id',
        'basis',
        'document_note',
        'valid_from',
        'valid_to',
      )}
    `

    // Attachments (ended ones are listed before the active one that replaced them)
    await tx`
      insert into attachments ${tx(
        demoAttachments.map((a) => ({
          patient_id: patientId(a.patient),
          organization_id: lookup(organizationId, a.organization, 'organization'),
          section_id: lookup(sectionId, `${a.organization}/${a.section}`, 'section'),
          basis: a.basis,
          status: a.status,
          valid_from: a.validFrom,
          valid_to: a.validTo,
          source_request_id: null,
        })),
        'patient_id',
        'organization_id',
        'section_id',
        'basis',
        'status',
        'valid_from',
        'valid_to',
        'source_request_id',
      )}
    `

    // Issue 16: the centres' information systems and demo registries.
    await seedRegistries(tx)
  })

  // Issue 17: the demo's ICD-10 codes, through the importer (its own transaction).
  const { seedIcd10Codes } = await import('./icd10-codes')
  await seedIcd10Codes(sql)

  // The engine commits its own transactions: a failure here leaves the base data in place and fails the start loudly.
  // The overdue requests first: they were submitted days before the signing inbox's.
  const { seedOverdueRequests } = await import('./overdue-requests')
  await seedOverdueRequests(sql, now)
  const { seedSigningInbox } = await import('./signing-inbox')
  await seedSigningInbox(sql, now)
}
