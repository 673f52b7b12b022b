import 'server-only'
import { asc, eq, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { sectionDoctorNameOf } from '@/db/names'
import { organizations } from '@/db/schema'

export type ClinicChoiceDto = {
  id: number
  nameKk: string
  nameRu: string
  addressKk: string
  addressRu: string
  sections: {
    id: number
    number: string
    territoryKk: string
    territoryRu: string
    attached: number
    norm: number
    ageFrom: number
    ageTo: number | null
    doctor: string | null
  }[]
}

// The primary-care clinics a person can ask to be attached to, each with its sections and their load (the maintained
// counts of `attached_counts`, migration 0014).
export async function listClinicChoices(db: Database): Promise<ClinicChoiceDto[]> {
  const rows = await db
    .select({
      id: organizations.id,
      nameKk: organizations.nameKk,
      nameRu: organizations.nameRu,
      addressKk: organizations.addressKk,
      addressRu: organizations.addressRu,
      sections: sql<ClinicChoiceDto['sections']>`coalesce((
        select json_agg(json_build_object(
          'id', s.id, 'number', s.number, 'territoryKk', s.territory_kk, 'territoryRu', s.territory_ru, 'norm', s.capacity_norm,
          'ageFrom', s.age_from, 'ageTo', s.age_to,
          'attached', coalesce(c.attached, 0),
          'doctor', ${sectionDoctorNameOf(sql`s.id`)}
        ) order by lpad(s.number, 6, '0'))
        from sections s left join attached_counts c on c.organization_id = s.organization_id and c.section_id = s.id
        where s.organization_id = "organizations"."id"), '[]'::json)`,
    })
    .from(organizations)
    .where(eq(organizations.type, 'primary_care'))
    .orderBy(asc(organizations.nameKk))
  return rows
}
