import { randomBytes } from 'node:crypto'
import type { Database } from '@/db/client'
import { organizations, staff, type DispensaryRegistry } from '@/db/schema'
import type { StaffActor } from '@/lib/auth/actor'
import { randomBin } from './factories'

const typeOf: Record<DispensaryRegistry, 'tb_centre' | 'mental_health_centre' | 'narcology_centre'> = {
  tb: 'tb_centre',
  mental_health: 'mental_health_centre',
  narcology: 'narcology_centre',
}

export type TestCentre = { organizationId: number; registry: DispensaryRegistry; doctor: StaffActor }

// Issue 16: a registry centre (TB, mental health or narcology) with its dispensary doctor.
export async function makeCentre(db: Database, registry: DispensaryRegistry = 'tb'): Promise<TestCentre> {
  const code = `centre-${randomBytes(4).toString('hex')}`
  let organization: { id: number } | undefined
  while (!organization)
    [organization] = await db
      .insert(organizations)
      .values({
        code,
        bin: randomBin(),
        type: typeOf[registry],
        nameKk: `${code} (kk)`,
        nameRu: `${code} (ru)`,
        region: 'Маңғыстау облысы',
        city: 'Ақтау',
        addressKk: 'Ақтау қ., 31 шағын аудан',
        addressRu: 'г. Актау, 31 мкр.',
        workingHours: { mon: { from: '08:00', to: '18:00' } },
      })
      .onConflictDoNothing({ target: organizations.bin })
      .returning({ id: organizations.id })
  const [row] = await db
    .insert(staff)
    .values({
      organizationId: organization.id,
      role: 'dispensary_doctor',
      login: `doctor-${code}`,
      passwordHash: 'x',
      lastName: 'Фтизиатр',
      firstName: 'Дәрігер',
    })
    .returning({ id: staff.id })
  return {
    organizationId: organization.id,
    registry,
    doctor: {
      kind: 'staff',
      id: row!.id,
      role: 'dispensary_doctor',
      organizationId: organization.id,
      departmentId: null,
      name: 'Фтизиатр Дәрігер',
      locale: 'kk',
    },
  }
}
