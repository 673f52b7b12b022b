import { sql } from 'drizzle-orm'
import { bigint, boolean, check, date, index, integer, pgTable, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core'
import { departments, organizations, sections } from './organizations'
import { administrativeUnits } from './territory'

// Name columns use the ICU collation `kazakh` (migration 0002), so lists sort in Kazakh alphabetical order.
// The roles of a clinic's staff, and the region's administrator (issue 15): a person of the region's health
// department who keeps the data the whole region shares (the working-day calendar), with no clinic's patients.
export const clinicStaffRoles = ['registrar', 'doctor', 'head', 'chief'] as const
// Issue 16: the doctor of a registry centre (TB, mental health, narcology), who keeps its registry of dynamic
// observation and decides the certificate requests the registry's information system could not match for certain.
export const centreStaffRoles = ['dispensary_doctor'] as const
export type ClinicStaffRole = (typeof clinicStaffRoles)[number]
export const staffRoles = [...clinicStaffRoles, ...centreStaffRoles, 'region_admin'] as const
export type StaffRole = (typeof staffRoles)[number]
export const locales = ['kk', 'ru'] as const
export type Locale = (typeof locales)[number]

export const staff = pgTable(
  'staff',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint('organization_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    departmentId: bigint('department_id', { mode: 'number' }).references(() => departments.id),
    role: text('role').$type<StaffRole>().notNull(),
    login: text('login').notNull(),
    passwordHash: text('password_hash').notNull(),
    iin: text('iin'),
    lastName: text('last_name').notNull(),
    firstName: text('first_name').notNull(),
    middleName: text('middle_name'),
    specialtyKk: text('specialty_kk'),
    specialtyRu: text('specialty_ru'),
    locale: text('locale').$type<Locale>().notNull().default('kk'),
    active: boolean('active').notNull().default(true),
    // Issue 16: not a person but an organization's information system (a registry centre's, which issues certificates
    // automatically, list row 5): it never signs in, and signs with the organization's seal, not a person's key.
    system: boolean('system').notNull().default(false),
    // Sign-out ends every session issued before this moment, on every device.
    sessionsRevokedAt: timestamp('sessions_revoked_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('staff_login_unique').on(sql`lower(${t.login})`),
    check('staff_role_check', sql`${t.role} in ('registrar', 'doctor', 'head', 'chief', 'dispensary_doctor', 'region_admin')`),
    check('staff_locale_check', sql`${t.locale} in ('kk', 'ru')`),
    check('staff_iin_format_check', sql`${t.iin} is null or ${t.iin} ~ '^[0-9]{12}$'`),
    index('staff_organization_idx').on(t.organizationId, t.role),
  ],
)

// The doctor who serves a section.
export const sectionDoctors = pgTable(
  'section_doctors',
  {
    sectionId: bigint('section_id', { mode: 'number' })
      .notNull()
      .references(() => sections.id),
    staffId: bigint('staff_id', { mode: 'number' })
      .notNull()
      .references(() => staff.id),
  },
  (t) => [unique('section_doctors_unique').on(t.sectionId, t.staffId), index('section_doctors_staff_idx').on(t.staffId)],
)

export const patientStatuses = ['citizen', 'kandas', 'refugee', 'foreigner', 'stateless'] as const
export type PatientStatus = (typeof patientStatuses)[number]
// Rules of attachment p.4, p.6, p.27: a foreigner or stateless person lives in Kazakhstan permanently (a residence
// permit, a stateless person's certificate) or stays temporarily; citizens, kandases and refugees have no such mark.
export const residenceStatuses = ['permanent', 'temporary'] as const
export type ResidenceStatus = (typeof residenceStatuses)[number]
export const sexes = ['male', 'female'] as const
export type Sex = (typeof sexes)[number]

export const patients = pgTable(
  'patients',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    iin: text('iin').notNull().unique('patients_iin_unique'),
    lastName: text('last_name').notNull(),
    firstName: text('first_name').notNull(),
    middleName: text('middle_name'),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    sex: text('sex').$type<Sex>().notNull(),
    status: text('status').$type<PatientStatus>().notNull(),
    residence: text('residence').$type<ResidenceStatus>(),
    address: text('address').notNull(),
    // The administrative-territorial unit of the address above (p.17); null when not yet known.
    residenceUnit: text('residence_unit').references(() => administrativeUnits.code),
    phone: text('phone'),
    locale: text('locale').$type<Locale>().notNull().default('kk'),
    sessionsRevokedAt: timestamp('sessions_revoked_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('patients_iin_format_check', sql`${t.iin} ~ '^[0-9]{12}$'`),
    check('patients_sex_check', sql`${t.sex} in ('male', 'female')`),
    check('patients_status_check', sql`${t.status} in ('citizen', 'kandas', 'refugee', 'foreigner', 'stateless')`),
    check('patients_residence_check', sql`${t.residence} is null or ${t.residence} in ('permanent', 'temporary')`),
    // Only a foreigner or stateless person has a residence status, and always one.
    check('patients_residence_status_check', sql`(${t.status} in ('foreigner', 'stateless')) = (${t.residence} is not null)`),
    check('patients_locale_check', sql`${t.locale} in ('kk', 'ru')`),
    check('patients_phone_format_check', sql`${t.phone} is null or ${t.phone} ~ '^\\+7[0-9]{10}$'`),
    index('patients_name_idx').on(t.lastName, t.firstName),
    // The desk's search by birth date (dd.mm.yyyy) and by mobile number, in the clinic and beyond it.
    index('patients_birth_date_idx').on(t.birthDate),
    index('patients_phone_idx')
      .on(t.phone)
      .where(sql`${t.phone} is not null`),
  ],
)

// Legal representatives of a child (Rules of attachment p.2(4)).
export const representativeBases = [
  'parent',
  'adoptive_parent',
  'guardian',
  'trustee',
  'foster_carer',
  'receiving_parent',
] as const
export type RepresentativeBasis = (typeof representativeBases)[number]

export const representatives = pgTable(
  'representatives',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    childId: bigint('child_id', { mode: 'number' })
      .notNull()
      .references(() => patients.id),
    representativeId: bigint('representative_id', { mode: 'number' })
      .notNull()
      .references(() => patients.id),
    basis: text('basis').$type<RepresentativeBasis>().notNull(),
    documentNote: text('document_note'),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    unique('representatives_child_representative_unique').on(t.childId, t.representativeId),
    check('representatives_not_self_check', sql`${t.childId} <> ${t.representativeId}`),
    check(
      'representatives_basis_check',
      sql`${t.basis} in ('parent', 'adoptive_parent', 'guardian', 'trustee', 'foster_carer', 'receiving_parent')`,
    ),
    index('representatives_representative_idx').on(t.representativeId),
  ],
)
