import { sql } from 'drizzle-orm'
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core'
import { administrativeUnits } from './territory'

// 'health_department': the region's health department (issue 15), where the region's administrator works.
export const organizationTypes = [
  'primary_care',
  'hospital',
  'tb_centre',
  'mental_health_centre',
  'narcology_centre',
  'health_department',
] as const
export type OrganizationType = (typeof organizationTypes)[number]

// Weekly working hours, "HH:MM" in Asia/Almaty; a missing day is closed.
export type WorkingHours = Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', { from: string; to: string }>>

export const organizations = pgTable(
  'organizations',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull().unique(),
    // The clinic's BIN: what an organization certificate of the national CA carries as OU=BIN… (standard row 4: the
    // clinic signs the notice). Nullable: a migration cannot invent a clinic's BIN; the check digit is checked by the
    // app (lib/iin/bin.ts), the shape here.
    bin: text('bin').unique('organizations_bin_unique'),
    type: text('type').$type<OrganizationType>().notNull(),
    nameKk: text('name_kk').notNull(),
    nameRu: text('name_ru').notNull(),
    region: text('region').notNull(),
    city: text('city').notNull(),
    // The administrative-territorial unit the clinic serves (p.17, p.31(2)).
    administrativeUnit: text('administrative_unit').references(() => administrativeUnits.code),
    addressKk: text('address_kk').notNull(),
    addressRu: text('address_ru').notNull(),
    phone: text('phone'),
    workingHours: jsonb('working_hours').$type<WorkingHours>().notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('organizations_bin_check', sql`${t.bin} ~ '^[0-9]{2}(0[1-9]|1[0-2])[456][0-9]{7}$'`),
    check(
      'organizations_type_check',
      sql`${t.type} in ('primary_care', 'hospital', 'tb_centre', 'mental_health_centre', 'narcology_centre', 'health_department')`,
    ),
  ],
)

export const departmentKinds = [
  'therapy',
  'general_practice',
  'pediatrics',
  'registry',
  'administration',
  'inpatient',
  'dispensary',
] as const
export type DepartmentKind = (typeof departmentKinds)[number]

export const departments = pgTable(
  'departments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint('organization_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    kind: text('kind').$type<DepartmentKind>().notNull(),
    nameKk: text('name_kk').notNull(),
    nameRu: text('name_ru').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    unique('departments_organization_kind_unique').on(t.organizationId, t.kind),
    check(
      'departments_kind_check',
      sql`${t.kind} in ('therapy', 'general_practice', 'pediatrics', 'registry', 'administration', 'inpatient', 'dispensary')`,
    ),
  ],
)

// A section (учаске): a doctor's catchment area with the norm of attached population it is sized for.
export const sections = pgTable(
  'sections',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint('organization_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    departmentId: bigint('department_id', { mode: 'number' })
      .notNull()
      .references(() => departments.id),
    number: text('number').notNull(),
    capacityNorm: integer('capacity_norm').notNull(),
    territoryKk: text('territory_kk').notNull(),
    territoryRu: text('territory_ru').notNull(),
    // The ages the section serves, in full years, both ends included; no upper end for adults' and general sections.
    ageFrom: integer('age_from').notNull().default(0),
    ageTo: integer('age_to'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    unique('sections_organization_number_unique').on(t.organizationId, t.number),
    check('sections_capacity_norm_check', sql`${t.capacityNorm} > 0`),
    check('sections_age_band_check', sql`${t.ageFrom} >= 0 and (${t.ageTo} is null or ${t.ageTo} >= ${t.ageFrom})`),
    index('sections_department_idx').on(t.departmentId),
  ],
)
