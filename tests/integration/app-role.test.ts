import { randomBytes } from 'node:crypto'
import { eq, sql as dsql } from 'drizzle-orm'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { appPrivileges, appRole, appRoleProblem, grantAppRole, publicTables, setAppRolePassword } from '@/db/app-role'
import { createDatabase, type Database } from '@/db/client'
import { documents, staff } from '@/db/schema'
import { makeIin } from '@/lib/iin'
import { revokeDocument } from '@/lib/documents/lifecycle'
import type { EngineContext } from '@/lib/requests/engine'
import { freshDb } from './db'
import { approvedAttachment, signWithDemoPki } from './document-fixtures'
import { makeClinic, makePatient, type TestClinic } from './factories'

// The app serves as `tirkeu_app` (db/app-role.ts): each statement below is one someone could talk the app into, and
// the database refuses it to that role. The owner's connection only builds the clinic; the request is approved, the
// documents signed and one revoked through the app's own connection, so its grants are shown to be enough.
let owner: postgres.Sql
let ownerDb: Database
let app: postgres.Sql
let appDb: Database
let clinic: TestClinic
let issued: typeof documents.$inferSelect
const context: EngineContext = { now: new Date('2026-11-24T05:00:00Z'), address: '127.0.0.1', overrides: [] }
const signedAt = new Date('2026-11-24T05:30:00Z')

beforeAll(async () => {
  ;({ sql: owner, db: ownerDb } = await freshDb())
  const password = randomBytes(16).toString('hex')
  await setAppRolePassword(owner, password)
  const url = new URL(inject('adminUrl'))
  url.pathname = `/${owner.options.database}`
  url.username = appRole
  url.password = password
  app = postgres(url.toString(), { max: 2, onnotice: () => {} })
  appDb = createDatabase(app)

  clinic = await makeClinic(ownerDb, 'App role clinic')
  for (const [index, member] of [clinic.staff.doctor, clinic.staff.registrar].entries()) {
    const iin = makeIin({ birthDate: '1983-02-11', sex: 'female', serial: 810 + index * 3 })
    await ownerDb.update(staff).set({ iin }).where(eq(staff.id, member.id))
  }
  const patient = await makePatient(ownerDb)
  const { coupon, notice } = await approvedAttachment(appDb, clinic, patient.actor, context)
  await signWithDemoPki(appDb, notice, signedAt)
  await signWithDemoPki(appDb, coupon, signedAt)
  issued = (await appDb.select().from(documents).where(eq(documents.id, coupon.id)))[0]!
})

afterAll(async () => {
  await app?.end()
})

// 42501: refused for want of a privilege (the role's grants, or a trigger's refusal where the grant must exist).
const refused = (statement: string, message: RegExp = /permission denied|must be owner|superuser/) =>
  expect(app.unsafe(statement)).rejects.toMatchObject({ code: '42501', message: expect.stringMatching(message) })

describe('the app connects as a role that owns nothing', () => {
  it('is not a superuser and owns no table; the owner is told apart', async () => {
    expect(await appRoleProblem(app)).toBeNull()
    expect(await appRoleProblem(owner)).toMatch(/superuser|owns/)
    const [me] = await app<{ user: string }[]>`select current_user as user`
    expect(me!.user).toBe(appRole)
  })

  it('cannot switch triggers off: no session_replication_role, no ALTER TABLE', async () => {
    await refused('set session_replication_role = replica')
    await refused('alter table audit_log disable trigger all')
    await refused('alter table documents disable trigger documents_frozen')
    await refused('alter table request_events disable trigger user')
  })

  it.each(['audit_log', 'request_events'])('cannot rewrite %s: no UPDATE, DELETE or TRUNCATE', async (table) => {
    await refused(`update ${table} set actor_kind = 'anonymous'`)
    await refused(`delete from ${table}`)
    await refused(`truncate ${table}`)
  })

  it('cannot delete or truncate documents', async () => {
    await refused(`delete from documents where id = '${issued.id}'`)
    await refused('truncate documents')
  })

  it('cannot create, drop or change tables, functions or roles, or run programs', async () => {
    await refused('create table stolen (value text)')
    await refused('drop table patients')
    await refused('alter table patients add column note text')
    await refused('create function public.evil() returns int language sql as $$ select 1 $$')
    await refused(`alter role ${appRole} superuser`)
    await refused('create role intruder')
    await refused(`copy audit_log to program 'cat'`)
    await refused('select * from drizzle.__drizzle_migrations')
    await refused('create table pgboss.stolen (value text)')
  })

  it('reads the register and the sections’ counts, kept by triggers as its approval left them, and cannot write them', async () => {
    const [entry] = await app<{ attached: number }[]>`
      select c.attached from register_entries e
      join attached_counts c on c.organization_id = e.organization_id and c.section_id is not distinct from e.section_id
      where e.patient_id = ${issued.patientId}`
    expect(entry?.attached).toBeGreaterThan(0)
    await refused(`update attached_counts set attached = attached + 100`)
    await refused(`delete from register_entries where patient_id = ${issued.patientId}`)
    await refused(`update register_entries set last_name = 'Басқа' where patient_id = ${issued.patientId}`)
  })

  it.each(['audit_log', 'request_events', 'notifications'])(
    'reaches %s through the table alone: no privilege on a partition by name',
    async (table) => {
      const [partition] = await owner<{ name: string }[]>`
        select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = ${table}::regclass order by c.relname limit 1`
      await refused(`select * from ${partition!.name}`)
      await refused(`delete from ${partition!.name}`)
      await refused(`truncate ${partition!.name}`)
    },
  )

  it("creates partitions through the job's function only: no retiring, no dropping", async () => {
    expect(await app`select ensure_monthly_partitions('audit_log', '2030-01-01', 1) as name`).toEqual([
      { name: 'audit_log_2030_01' },
    ])
    expect(await appRoleProblem(app)).toBeNull()
    await refused(`select retire_monthly_partitions('audit_log', '2026-11-01', 'detach')`)
    await refused(`alter table audit_log detach partition audit_log_2026_11`)
    await refused('drop table notifications_2026_11')
    await expect(app`select ensure_monthly_partitions('patients', '2026-11-01', 1)`).rejects.toMatchObject({
      code: '22023',
    })
  })

  it('may append to the audit log, as every action does', async () => {
    await expect(
      app`insert into audit_log (actor_kind, action, details) values ('anonymous', 'test.appendOnly', '{}') returning id`,
    ).resolves.toHaveLength(1)
  })
})

describe('a signed document is frozen whole, but for issuing and one revocation with its reason', () => {
  it.each([
    ['its signing time', `signed_at = signed_at + interval '1 day'`],
    ['its signature', `signature = 'MIIB'`],
    ['its certificate', `signer_certificate = '{}'::jsonb`],
    ['its signer', `signer_id = null`],
    ['its request', `request_id = null`],
    ['what it supersedes', `supersedes_id = gen_random_uuid()`],
    ['its status, back to awaiting a signature', `status = 'awaiting_signature'`],
    ['its status, back to draft', `status = 'draft'`],
    ['a revocation without a reason', `status = 'revoked', revoked_at = now()`],
    ['revocation fields without revoking', `revoked_reason = 'quietly'`],
  ])('refuses changing %s', async (_label, assignment) => {
    await expect(app.unsafe(`update documents set ${assignment} where id = '${issued.id}'`)).rejects.toMatchObject({
      code: '42501',
    })
    const [row] = await appDb.select().from(documents).where(eq(documents.id, issued.id))
    expect(row).toEqual(issued)
  })

  it('revokes once through the app, with the reason and the head; then nothing changes again', async () => {
    const result = await appDb.transaction((tx) =>
      revokeDocument(tx, clinic.staff.head, issued.id, 'Issued to the wrong section by mistake', { now: signedAt }),
    )
    expect(result.ok).toBe(true)
    const [row] = await appDb.select().from(documents).where(eq(documents.id, issued.id))
    expect(row).toMatchObject({ status: 'revoked', revokedBy: clinic.staff.head.id, signature: issued.signature })
    await expect(
      app.unsafe(`update documents set revoked_reason = 'another reason' where id = '${issued.id}'`),
    ).rejects.toMatchObject({ code: '42501' })
    await expect(app.unsafe(`update documents set status = 'issued' where id = '${issued.id}'`)).rejects.toMatchObject({
      code: '42501',
    })
  })

  it('an unsigned document cannot be issued or marked signed without its signature', async () => {
    const patient = await makePatient(ownerDb)
    const { coupon } = await approvedAttachment(appDb, clinic, patient.actor, context)
    for (const assignment of [`status = 'issued'`, `status = 'signed'`, `status = 'signed', signature = 'x'`]) {
      await expect(app.unsafe(`update documents set ${assignment} where id = '${coupon.id}'`)).rejects.toMatchObject({
        code: '42501',
      })
    }
  })
})

describe('every table has a decision', () => {
  it('db/app-role.ts lists exactly the tables of schema public (a partitioned table once, not its partitions)', async () => {
    const tables = await publicTables(owner)
    expect(tables.map((table) => table.name).sort()).toEqual(Object.keys(appPrivileges).sort())
    const [partitions] = await ownerDb.execute<{ count: number }>(
      dsql`select count(*)::int as count from pg_class where relispartition and relname ~ '^(audit_log|request_events|notifications)_'`,
    )
    expect(partitions!.count).toBeGreaterThan(0)
  })

  it('a new table without a decision stops the migration, naming it', async () => {
    const { sql } = await freshDb()
    await sql`create table forgotten (id int)`
    await expect(grantAppRole(sql)).rejects.toThrow(/forgotten/)
  })
})
