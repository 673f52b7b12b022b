import { sql } from 'drizzle-orm'
import { check, index, pgTable, primaryKey, text, type AnyPgColumn } from 'drizzle-orm/pg-core'

export const administrativeUnitKinds = ['region', 'city', 'district', 'city_district', 'rural_district', 'settlement'] as const
export type AdministrativeUnitKind = (typeof administrativeUnitKinds)[number]

// Administrative-territorial units (Rules of attachment p.2(1)): region, city, district, rural district, village.
// Reference data, loaded like the clinics: the attachment rules compare a person's unit of residence with a clinic's.
export const administrativeUnits = pgTable(
  'administrative_units',
  {
    code: text('code').primaryKey(),
    parentCode: text('parent_code').references((): AnyPgColumn => administrativeUnits.code),
    kind: text('kind').$type<AdministrativeUnitKind>().notNull(),
    nameKk: text('name_kk').notNull(),
    nameRu: text('name_ru').notNull(),
  },
  (t) => [
    check(
      'administrative_units_kind_check',
      sql`${t.kind} in ('region', 'city', 'district', 'city_district', 'rural_district', 'settlement')`,
    ),
    index('administrative_units_parent_idx').on(t.parentCode),
  ],
)

// p.17: residents of a border (adjacent) territory may attach to a clinic of the neighbouring unit. One row per
// direction: residents of `unit` may choose clinics of `neighbour`.
export const borderTerritories = pgTable(
  'border_territories',
  {
    unitCode: text('unit_code')
      .notNull()
      .references(() => administrativeUnits.code),
    neighbourCode: text('neighbour_code')
      .notNull()
      .references(() => administrativeUnits.code),
  },
  (t) => [
    primaryKey({ name: 'border_territories_pk', columns: [t.unitCode, t.neighbourCode] }),
    check('border_territories_not_self_check', sql`${t.unitCode} <> ${t.neighbourCode}`),
  ],
)
