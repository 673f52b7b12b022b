import postgres from 'postgres'
import { beforeAll, describe, expect, it } from 'vitest'
import { createDatabase, type Database } from '@/db/client'
import { activeRecordsFor } from '@/lib/services/registry-certificate/queries'
import { expireConsents, listMyConsentRequests } from '@/lib/services/registry-certificate/consent'
import { freshDatabase } from './db'
import { makeClinic, makePatient } from './factories'

// Issue 16 at a region's size in small: 300,000 registry records over three registries and 100,000 consents. The
// certificate's match, the person's list of consent requests and the sweep of unanswered consents come from their
// indexes, never from reading a table through.
let sql: postgres.Sql
let db: Database
const sent: { query: string; parameters: unknown[] }[] = []

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[] }
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)]

async function planOf(pattern: RegExp): Promise<PlanNode[]> {
  const statement = sent.findLast((entry) => pattern.test(entry.query))
  if (!statement) throw new Error(`no statement matching ${pattern}`)
  const [row] = await sql.unsafe(
    `explain (format json) ${statement.query}`,
    statement.parameters as postgres.ParameterOrJSON<never>[],
  )
  return nodesOf((row!['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan)
}
const seqScans = (plan: PlanNode[], table: string) =>
  plan.filter((node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] === table)
const indexes = (plan: PlanNode[]) => plan.map((node) => node['Index Name']).filter(Boolean)

let me: Awaited<ReturnType<typeof makePatient>>

beforeAll(async () => {
  sql = await freshDatabase({ debug: (_connection, query, parameters) => sent.push({ query, parameters }) })
  db = createDatabase(sql)
  const clinic = await makeClinic(db)
  me = await makePatient(db)
  await sql`
    insert into dispensary_records (organization_id, registry, iin, last_name, first_name, birth_date, observation_group,
                                    observed_since, added_by)
    select ${clinic.organizationId}, (array['tb', 'mental_health', 'narcology'])[1 + g % 3], lpad(g::text, 12, '0'),
           'Seed', 'Person', date '1940-01-01' + (g::bigint * 7919 % 30000)::int, 'I', date '2020-01-01', ${clinic.staff.doctor.id}
    from generate_series(1, 300000) as g`
  await sql`
    insert into patients (iin, last_name, first_name, birth_date, sex, status, address, locale)
    select '8' || lpad(g::text, 11, '0'), 'Seed', 'Person', '1980-01-01', 'male', 'citizen', 'Ақтау', 'kk'
    from generate_series(1, 20000) as g`
  await sql`
    insert into requests (organization_id, patient_id, applicant_patient_id, service, channel, status, payload,
                          idempotency_key, submitted_at, due_at)
    select ${clinic.organizationId}, p.id, p.id, 'tb_certificate', 'portal', 'cancelled', '{}'::jsonb, gen_random_uuid()::text,
           now() - (p.n || ' minutes')::interval, now()
    from (select id, row_number() over (order by id) as n from patients) as p`
  await sql`
    insert into certificate_consents (request_id, subject_patient_id, requester_patient_id, expires_at, status, created_at)
    select r.id, r.patient_id, r.patient_id, r.submitted_at + interval '25 minutes',
           case when r.number % 500 = 0 then 'pending' else 'expired' end, r.submitted_at
    from requests r`
  await sql`analyze dispensary_records`
  await sql`analyze certificate_consents`
  await sql`analyze requests`
}, 240_000)

describe('Issue 16: the registry certificates’ reads at a region’s size', () => {
  it('the match reads the registry’s IIN and birth-date indexes, one registry only', async () => {
    const records = await activeRecordsFor(db, 'tb', { iin: '000000000003', birthDate: '1940-01-01' })
    expect(records.length).toBeGreaterThanOrEqual(0)
    const plan = await planOf(/from "dispensary_records"/)
    expect(seqScans(plan, 'dispensary_records')).toEqual([])
    expect(indexes(plan)).toContain('dispensary_records_birth_idx')
    expect(indexes(plan).some((name) => name === 'dispensary_records_one_active' || name === 'dispensary_records_iin_idx')).toBe(
      true,
    )
  })

  it('the person’s consent requests come from the (subject, created_at) index', async () => {
    await listMyConsentRequests(db, me.actor)
    const plan = await planOf(/from "certificate_consents"/)
    expect(seqScans(plan, 'certificate_consents')).toEqual([])
    expect(indexes(plan)).toContain('certificate_consents_subject_idx')
  })

  it('the minute’s sweep finds unanswered consents by the partial index of pending ones', async () => {
    await expireConsents(db, new Date('2000-01-01T00:00:00Z'))
    const plan = await planOf(/from "certificate_consents"/)
    expect(seqScans(plan, 'certificate_consents')).toEqual([])
    expect(indexes(plan)).toContain('certificate_consents_pending_idx')
  })
})
