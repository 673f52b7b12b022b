import type postgres from 'postgres'
import { jobSchema } from './job-queues'

// The app serves as `tirkeu_app`, a role that owns nothing: migrations run as the owner of the tables, and the app may
// only read and write rows, table by table, as listed here. Without ownership it cannot alter or disable a trigger,
// drop or truncate a table, or create one; without superuser it cannot set `session_replication_role` to skip the
// triggers that keep `audit_log` and `request_events` append-only and signed documents frozen.
export const appRole = 'tirkeu_app'

type Privilege = 'select' | 'insert' | 'update' | 'delete'

// Every table of schema public, with what the app does to it. A table missing here stops the migration (and fails
// tests/integration/app-role.test.ts): a new table gets a decision, not a default.
// `update` is also what `select … for update` needs.
export const appPrivileges: Record<string, readonly Privilege[]> = {
  // Reference data, kept by the migrations and the seed.
  administrative_units: ['select'],
  border_territories: ['select'],
  organizations: ['select'],
  departments: ['select'],
  sections: ['select'],
  section_doctors: ['select'],
  representatives: ['select'],
  // ICD-10 codes (issue 17): filled by `npm run icd:import` and the seed, both run as the owner; the app only searches.
  icd10_codes: ['select'],
  // People: language, signed-out sessions; a patient row is locked while a decision about them is made.
  staff: ['select', 'update'],
  // A walk-in is registered at the desk (issue 15).
  patients: ['select', 'insert', 'update'],
  // History: appended to, never changed or removed (and triggers refuse it even to the owner).
  audit_log: ['select', 'insert'],
  request_events: ['select', 'insert'],
  // Documents: frozen by trigger once signed; never deleted (a correction supersedes).
  documents: ['select', 'insert', 'update'],
  document_counters: ['select', 'insert', 'update'],
  requests: ['select', 'insert', 'update'],
  // A request group is made with its members and never changed.
  request_groups: ['select', 'insert'],
  attachments: ['select', 'insert', 'update'],
  // A section change's history: appended, never changed.
  attachment_section_changes: ['select', 'insert'],
  // Kept by triggers from attachments and patients (migration 0014): read only.
  register_entries: ['select'],
  attached_counts: ['select'],
  attachment_protocols: ['select', 'insert', 'update'],
  care_stop_notices: ['select', 'insert', 'update'],
  // A walk-in's registration and a detachment are recorded once and never changed (issue 15).
  patient_registrations: ['select', 'insert'],
  detachments: ['select', 'insert'],
  notifications: ['select', 'insert', 'update'],
  one_time_codes: ['select', 'insert', 'update'],
  login_attempts: ['select', 'insert', 'update'],
  pki_authorities: ['select', 'insert'],
  staff_certificates: ['select', 'insert', 'update'],
  // Issue 16: a centre's registry of dynamic observation (a record is removed by a date and reason, never deleted), its
  // appended history, and the consent of the person a certificate is asked about.
  dispensary_records: ['select', 'insert', 'update'],
  dispensary_record_events: ['select', 'insert'],
  certificate_consents: ['select', 'insert', 'update'],
  // A CSV import's check, line by line, before it is confirmed (issue 16). The hourly job removes the lines once
  // confirmed (the records hold them), and an import nobody confirmed in time with its lines (lib/registries/import-cleanup.ts).
  dispensary_imports: ['select', 'insert', 'update', 'delete'],
  dispensary_import_lines: ['select', 'insert', 'update', 'delete'],
  // A chief physician removes a transfer of days off entered by mistake (audited with its previous value).
  calendar_overrides: ['select', 'insert', 'update', 'delete'],
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`

// The tables of schema public as the app sees them: a partitioned table counts once; its monthly partitions are reached
// through it alone (PostgreSQL checks privileges on the table a statement names), so they get no grants of their own.
export async function publicTables(sql: postgres.Sql): Promise<{ name: string }[]> {
  return await sql<{ name: string }[]>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition`
}

// Idempotent: creates the role when missing (a database administrator may have created it already, with LOGIN), takes
// every privilege away, then grants the list. Run by the owner after every migration.
export async function grantAppRole(sql: postgres.Sql): Promise<void> {
  const tables = await publicTables(sql)
  const missing = tables.map((table) => table.name).filter((name) => !(name in appPrivileges))
  if (missing.length > 0)
    throw new Error(`db/app-role.ts: no decision for table(s) ${missing.join(', ')}: say what the app may do to them.`)
  const role = quoted(appRole)
  await sql.begin(async (tx) => {
    await tx.unsafe(`do $$ begin
      if not exists (select from pg_roles where rolname = '${appRole}') then create role ${role} nologin; end if;
    end $$`)
    await tx.unsafe(`revoke all on all tables in schema public from ${role}`)
    await tx.unsafe(`revoke all on all sequences in schema public from ${role}`)
    await tx.unsafe(`revoke create on schema public from ${role}`)
    await tx.unsafe(`grant usage on schema public to ${role}`)
    for (const [table, privileges] of Object.entries(appPrivileges)) {
      if (!tables.some((row) => row.name === table)) continue
      await tx.unsafe(`grant ${privileges.join(', ')} on table public.${quoted(table)} to ${role}`)
    }
    // Identity columns draw from their sequences.
    await tx.unsafe(`grant usage, select on all sequences in schema public to ${role}`)
    // The partitions job (lib/jobs/partitions.ts) creates next months' partitions through this function alone, which
    // runs as the owner (security definer); retiring old months stays the owner's (migration 0015).
    await tx.unsafe(`grant execute on function public.ensure_monthly_partitions(regclass, date, integer) to ${role}`)
    // Jobs: rows only; queues and their tables are the owner's (db/job-queues.ts).
    const [jobs] = await tx<
      { present: boolean }[]
    >`select exists (select from pg_namespace where nspname = ${jobSchema}) as present`
    if (jobs?.present) {
      await tx.unsafe(`grant usage on schema ${quoted(jobSchema)} to ${role}`)
      await tx.unsafe(`revoke create on schema ${quoted(jobSchema)} from ${role}`)
      await tx.unsafe(`grant select, insert, update, delete on all tables in schema ${quoted(jobSchema)} to ${role}`)
    }
  })
}

// The app's role may sign in with this password (the embedded server's, or one the owner manages for an external
// server when APP_DATABASE_URL is not given).
export async function setAppRolePassword(sql: postgres.Sql, password: string): Promise<void> {
  await sql.unsafe(`alter role ${quoted(appRole)} login password '${password.replaceAll("'", "''")}'`)
}

// The owner's connection with the app's role and password in its place.
export function urlAsAppRole(ownerUrl: string, password: string): string {
  const url = new URL(ownerUrl)
  url.username = appRole
  url.password = password
  return url.toString()
}

// What `npm start` checks before serving: the app's connection is not a superuser and owns no table, so nothing it
// is talked into can rewrite history.
export async function appRoleProblem(sql: postgres.Sql): Promise<string | null> {
  const [row] = await sql<{ role: string; superuser: boolean; owns: number }[]>`
    select current_user as role, r.rolsuper as superuser,
           (select count(*)::int from pg_class c where c.relowner = r.oid and c.relkind in ('r', 'p')) as owns
    from pg_roles r where r.rolname = current_user`
  if (!row) return 'the app role could not be read'
  if (row.superuser) return `the app connects as ${row.role}, a superuser`
  if (row.owns > 0) return `the app connects as ${row.role}, which owns ${row.owns} table(s)`
  return null
}
