// The resources the sweep names in its requests, found in the database (never assumed ids): requests, documents,
// patients and protocols of each clinic and of each patient, with what would give each away in an answer (its leak
// markers), and who may legitimately see it. On a freshly seeded database some do not exist yet (clinic 2 has no
// requests, no patient has an issued document, there are no protocols): they are made through the app itself, by
// the people allowed to, before the sweep starts. After the e2e flows most already exist and are reused.
import { randomUUID } from 'node:crypto'
import { makeIin } from '../../lib/iin'
import { demoPatients } from '../../scripts/seed/demo-data'
import type { Actor } from './actors'
import { callAction, type Answer } from './client'
import { db } from './db'
import { discoverActions, type DiscoveredAction } from './discover'

export type Marker = { label: string; pattern: RegExp }

export type PatientRes = { id: number; iin: string; name: string; address: string }
export type RequestRes = {
  id: string
  number: number
  version: number
  status: string
  service: string
  organizationId: number
  patientId: number
  applicantPatientId: number | null
  approvedWithAttachment: boolean
}
export type DocumentRes = {
  id: string
  version: number
  status: string
  kind: string
  organizationId: number
  patientId: number
  signerId: number | null
  code: string
  requestId: string | null
}
export type ProtocolRes = { id: number; organizationId: number; number: string }

export type Visibility = { patients: Set<number>; requests: Set<string>; documents: Set<string> }

export type World = {
  clinic1: number
  clinic2: number
  /** A medical organization that is not a primary-care clinic (attachment to it is refused by the rules). */
  hospital: number
  mother: PatientRes
  daughter: PatientRes
  patient2: PatientRes
  patients: Map<number, PatientRes>
  requests: RequestRes[]
  documents: DocumentRes[]
  protocols: ProtocolRes[]
  /** What was made through the app for this run (printed with the results). */
  made: string[]
  /** What could not be found or made: the sweep skips those variants and says so. */
  missing: string[]
  visibility: Map<string, Visibility>
}

/** Well-formed IINs of nobody on file (sign-in attempts with them lock nobody real). */
export const nobodyIins = {
  code: makeIin({ birthDate: '1971-02-03', sex: 'male', serial: 9981 }),
  signIn: makeIin({ birthDate: '1971-02-03', sex: 'male', serial: 9982 }),
  fuzz: makeIin({ birthDate: '1971-02-03', sex: 'female', serial: 9983 }),
  lookup: makeIin({ birthDate: '1971-02-03', sex: 'female', serial: 9984 }),
}

export const DEMO_SIGNING_PIN = process.env.DEMO_SIGNING_PIN ?? '123456'

// ---------------------------------------------------------------------------------------------
// Reading

async function patientByIin(iin: string): Promise<PatientRes> {
  const [row] = await db()<PatientRes[]>`
    select id::int, iin, concat_ws(' ', last_name, first_name, middle_name) as name, address from patients where iin = ${iin}`
  if (!row) throw new Error(`No patient with IIN ${iin}`)
  return row
}

async function organizationId(code: string): Promise<number> {
  const [row] = await db()<{ id: number }[]>`select id::int from organizations where code = ${code}`
  if (!row) throw new Error(`No organization ${code}`)
  return row.id
}

async function allRequests(): Promise<RequestRes[]> {
  return db()<RequestRes[]>`
    select r.id::text, r.number::int, r.version::int, r.status, r.service, r.organization_id::int as "organizationId",
           r.patient_id::int as "patientId", r.applicant_patient_id::int as "applicantPatientId",
           (r.status = 'approved' and exists (select 1 from attachments a where a.source_request_id = r.id)) as "approvedWithAttachment"
    from requests r order by r.number`
}

async function allDocuments(): Promise<DocumentRes[]> {
  return db()<DocumentRes[]>`
    select id::text, version::int, status, kind, organization_id::int as "organizationId", patient_id::int as "patientId",
           signer_id::int as "signerId", verification_code as code, request_id::text as "requestId"
    from documents order by created_at`
}

async function allProtocols(): Promise<ProtocolRes[]> {
  return db()<ProtocolRes[]>`
    select id::int, organization_id::int as "organizationId", number from attachment_protocols order by id`
}

/** The patient and the children they represent today. */
export async function familyOf(patientId: number): Promise<number[]> {
  const rows = await db()<{ id: number }[]>`
    select child_id::int as id from representatives
    where representative_id = ${patientId} and (valid_to is null or valid_to >= current_date)`
  return [patientId, ...rows.map((row) => row.id)]
}

async function staffVisibility(organization: number): Promise<Visibility> {
  const sql = db()
  const patients = await sql<{ id: number }[]>`
    with seen as (
      select patient_id from attachments where organization_id = ${organization} and status = 'active'
      union select patient_id from requests where organization_id = ${organization}
      union select applicant_patient_id from requests where organization_id = ${organization} and applicant_patient_id is not null
      union select patient_id from documents where organization_id = ${organization}
      -- A registry centre (issue 16): the people on its own registry, and those its certificate requests are about.
      union select patient_id from dispensary_records where organization_id = ${organization} and patient_id is not null
      union select p.id from requests r join patients p on p.iin = r.payload ->> 'subjectIin' where r.organization_id = ${organization})
    select patient_id::int as id from seen
    union select r.representative_id::int from representatives r join seen s on s.patient_id = r.child_id
    union select r.child_id::int from representatives r join seen s on s.patient_id = r.representative_id`
  const requests = await sql<{ id: string }[]>`select id::text from requests where organization_id = ${organization}`
  const documents = await sql<{ id: string }[]>`select id::text from documents where organization_id = ${organization}`
  return {
    patients: new Set(patients.map((row) => row.id)),
    requests: new Set(requests.map((row) => row.id)),
    documents: new Set(documents.map((row) => row.id)),
  }
}

async function patientVisibility(patientId: number): Promise<Visibility> {
  const family = await familyOf(patientId)
  const sql = db()
  const relatives = await sql<{ id: number }[]>`
    select representative_id::int as id from representatives where child_id = any(${family}::bigint[])`
  const requests = await sql<{ id: string; patient_id: number }[]>`
    select id::text, patient_id::int from requests where patient_id = any(${family}::bigint[]) or applicant_patient_id = ${patientId}`
  const documents = await sql<{ id: string }[]>`select id::text from documents where patient_id = any(${family}::bigint[])`
  return {
    patients: new Set([...family, ...relatives.map((row) => row.id), ...requests.map((row) => row.patient_id)]),
    requests: new Set(requests.map((row) => row.id)),
    documents: new Set(documents.map((row) => row.id)),
  }
}

// ---------------------------------------------------------------------------------------------
// Leak markers: what in an answer gives a resource away

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export function patientMarkers(patient: PatientRes): Marker[] {
  const [last, first] = patient.name.split(' ')
  return [
    { label: `IIN ${patient.iin} (patient ${patient.id})`, pattern: new RegExp(`(?<!\\d)${patient.iin}(?!\\d)`) },
    { label: `name "${last} ${first}" (patient ${patient.id})`, pattern: new RegExp(escape(`${last} ${first}`)) },
  ]
}

export function requestMarkers(request: RequestRes): Marker[] {
  return [
    { label: `request №${request.number}`, pattern: new RegExp(`№\\s?${request.number}(?!\\d)|"number":${request.number}[,}]`) },
  ]
}

export function documentMarkers(document: DocumentRes): Marker[] {
  const code = document.code
  return [
    {
      label: `verification code ${code} (${document.kind} ${document.id})`,
      pattern: new RegExp(`${escape(code.slice(0, 5))}[-\\s]?${escape(code.slice(5))}`),
    },
  ]
}

/**
 * The markers of every resource of the world that `actor` may not see: none of them may appear in any answer to
 * that actor (allowed or refused). `except` leaves out the markers of a resource the endpoint shows on purpose
 * (a document's own code on /verify/<code>).
 */
export function foreignMarkers(world: World, actor: Actor, except: { documentId?: string } = {}): Marker[] {
  const seen = world.visibility.get(actor.key) ?? { patients: new Set(), requests: new Set(), documents: new Set() }
  const markers: Marker[] = []
  for (const patient of world.patients.values()) if (!seen.patients.has(patient.id)) markers.push(...patientMarkers(patient))
  for (const request of world.requests) if (!seen.requests.has(request.id)) markers.push(...requestMarkers(request))
  for (const document of world.documents)
    if (!seen.documents.has(document.id) && document.id !== except.documentId) markers.push(...documentMarkers(document))
  return markers
}

export function findLeaks(body: string, markers: Marker[]): string[] {
  return markers.filter((marker) => marker.pattern.test(body)).map((marker) => marker.label)
}

// ---------------------------------------------------------------------------------------------
// Making what is missing, through the app

function action(name: string): DiscoveredAction {
  const found = discoverActions().filter((candidate) => candidate.name === name)
  if (found.length !== 1) throw new Error(`Expected one server action ${name}, found ${found.length}`)
  return found[0]!
}

type Result = { ok?: boolean; code?: string; data?: Record<string, unknown> } | undefined
const resultOf = (answer: Answer) => answer.result as Result

function complaint(requestId: string) {
  return {
    idempotencyKey: randomUUID(),
    payload: { requestId, text: 'Шешіммен келіспеймін, қайта қарауыңызды сұраймын (sweep).' },
  }
}

async function step(made: string[], missing: string[], what: string, run: () => Promise<boolean>): Promise<void> {
  try {
    if (await run()) made.push(what)
    else missing.push(what)
  } catch (error) {
    missing.push(`${what}: ${error instanceof Error ? error.message : String(error)}`)
  }
}

async function ensureFixtures(
  actors: Map<string, Actor>,
  base: Omit<World, 'visibility' | 'made' | 'missing'>,
  made: string[],
  missing: string[],
) {
  const actor = (key: string) => {
    const found = actors.get(key)
    if (!found) throw new Error(`No actor ${key}`)
    return found
  }
  const family = await familyOf(base.mother.id)
  let requests = await allRequests()
  let documents = await allDocuments()

  // A decided request of clinic 2 with documents, and an issued document of the mother's family: the mother asks for
  // her daughter to be attached to clinic 2 (free choice), registrar2 takes and approves it, and signs the coupon.
  const familyIssued = documents.some((d) => family.includes(d.patientId) && d.status === 'issued')
  const clinic2Documents = documents.some((d) => d.organizationId === base.clinic2)
  if (!familyIssued || !clinic2Documents) {
    await step(made, missing, "the daughter's attachment to clinic 2, approved, with its coupon issued", async () => {
      const submit = resultOf(
        await callAction(actor('mother').api, action('submitAttachmentRequest'), '/patient/requests/new/attachment', [
          {
            idempotencyKey: randomUUID(),
            payload: {
              patientId: String(base.daughter.id),
              clinicId: String(base.clinic2),
              sectionId: '',
              address: base.daughter.address,
              basis: 'free_choice',
            },
          },
        ]),
      )
      if (!submit?.ok) throw new Error(`submit: ${JSON.stringify(submit)}`)
      const requestId = String(submit.data!.requestId)
      const page = `/registrar/requests/${requestId}`
      const take = resultOf(await callAction(actor('registrar2').api, action('takeRequest'), page, [{ requestId, version: 1 }]))
      if (!take?.ok) throw new Error(`take: ${JSON.stringify(take)}`)
      const approve = resultOf(
        await callAction(actor('registrar2').api, action('approveRequest'), page, [
          { requestId, version: Number(take.data!.version) },
        ]),
      )
      if (!approve?.ok) throw new Error(`approve: ${JSON.stringify(approve)}`)
      const [coupon] = await db()<{ id: string }[]>`
        select id::text from documents where request_id = ${requestId} and kind = 'coupon_064e' and status = 'awaiting_signature'`
      if (!coupon) throw new Error('no coupon awaiting signature')
      const sign = resultOf(
        await callAction(actor('registrar2').api, action('signDocuments'), '/registrar/sign', [
          { documentIds: [coupon.id], pin: DEMO_SIGNING_PIN },
        ]),
      )
      if (!sign?.ok) throw new Error(`sign: ${JSON.stringify(sign)}`)
      return true
    })
  }

  // An undecided request of the mother's family (the complaint probe files nothing on it), at clinic 2 when it can be:
  // the mother complains about a decision on her family's requests.
  requests = await allRequests()
  const undecided = (r: RequestRes) => !['approved', 'refused'].includes(r.status)
  if (!requests.some((r) => family.includes(r.patientId) && undecided(r) && r.service === 'complaint')) {
    await step(made, missing, "an open complaint of the mother's family", async () => {
      const decided = requests
        .filter((r) => family.includes(r.patientId) && r.service === 'attachment' && !undecided(r))
        .sort((a, b) => Number(b.organizationId === base.clinic2) - Number(a.organizationId === base.clinic2))[0]
      if (!decided) throw new Error('no decided attachment request of the family')
      const filed = resultOf(
        await callAction(actor('mother').api, action('submitComplaint'), `/patient/requests/${decided.id}`, [
          complaint(decided.id),
        ]),
      )
      if (!filed?.ok) throw new Error(`complaint: ${JSON.stringify(filed)}`)
      return true
    })
  }

  // The clinic-2 patient's own requests, at clinic 1: an attachment refused by registrar1 and his complaint about it.
  requests = await allRequests()
  if (
    !requests.some(
      (r) => r.patientId === base.patient2.id && r.organizationId === base.clinic1 && r.service === 'complaint' && undecided(r),
    )
  ) {
    await step(made, missing, 'a refused request of the clinic-2 patient at clinic 1, and his complaint', async () => {
      const submit = resultOf(
        await callAction(actor('patient2').api, action('submitAttachmentRequest'), '/patient/requests/new/attachment', [
          {
            idempotencyKey: randomUUID(),
            payload: {
              patientId: String(base.patient2.id),
              clinicId: String(base.clinic1),
              sectionId: '',
              address: base.patient2.address,
              basis: 'free_choice',
            },
          },
        ]),
      )
      if (!submit?.ok) throw new Error(`submit: ${JSON.stringify(submit)}`)
      const requestId = String(submit.data!.requestId)
      const page = `/registrar/requests/${requestId}`
      const take = resultOf(await callAction(actor('registrar1').api, action('takeRequest'), page, [{ requestId, version: 1 }]))
      if (!take?.ok) throw new Error(`take: ${JSON.stringify(take)}`)
      const refuse = resultOf(
        await callAction(actor('registrar1').api, action('refuseRequest'), page, [
          {
            requestId,
            version: Number(take.data!.version),
            ground: 'requirements_not_met',
            reason: 'Мекенжай емхананың аумағына жатпайды (sweep).',
          },
        ]),
      )
      if (!refuse?.ok) throw new Error(`refuse: ${JSON.stringify(refuse)}`)
      const filed = resultOf(
        await callAction(actor('patient2').api, action('submitComplaint'), `/patient/requests/${requestId}`, [
          complaint(requestId),
        ]),
      )
      if (!filed?.ok) throw new Error(`complaint: ${JSON.stringify(filed)}`)
      return true
    })
  }

  // An issued document of the clinic-2 patient: whoever of the cast is to sign one of his, signs it.
  documents = await allDocuments()
  if (!documents.some((d) => d.status === 'issued' && d.patientId === base.patient2.id)) {
    await step(made, missing, 'an issued document of the clinic-2 patient', async () => {
      const signers = [...actors.values()].filter((a) => a.role !== 'anonymous' && a.role !== 'patient')
      const waiting = documents.find(
        (d) => d.status === 'awaiting_signature' && d.patientId === base.patient2.id && signers.some((a) => a.id === d.signerId),
      )
      if (!waiting) throw new Error('no document of his awaiting a signer of the cast')
      const signer = signers.find((a) => a.id === waiting.signerId)!
      const page = signer.role === 'registrar' ? '/registrar/sign' : signer.role === 'head' ? '/head/sign' : '/doctor/sign'
      const sign = resultOf(
        await callAction(signer.api, action('signDocuments'), page, [{ documentIds: [waiting.id], pin: DEMO_SIGNING_PIN }]),
      )
      if (!sign?.ok) throw new Error(`sign: ${JSON.stringify(sign)}`)
      return true
    })
  }

  // An issued document of a patient outside the mother's family (registrar1 signs a coupon waiting for her).
  documents = await allDocuments()
  const cast = [...family, base.patient2.id]
  if (!documents.some((d) => d.status === 'issued' && !cast.includes(d.patientId))) {
    await step(made, missing, 'an issued document of a clinic-1 patient outside the family', async () => {
      const registrar = actor('registrar1')
      const waiting = documents.find(
        (d) => d.status === 'awaiting_signature' && d.signerId === registrar.id && !cast.includes(d.patientId),
      )
      if (!waiting) throw new Error('no document awaiting registrar1')
      const sign = resultOf(
        await callAction(registrar.api, action('signDocuments'), '/registrar/sign', [
          { documentIds: [waiting.id], pin: DEMO_SIGNING_PIN },
        ]),
      )
      if (!sign?.ok) throw new Error(`sign: ${JSON.stringify(sign)}`)
      return true
    })
  }

  // A protocol of each clinic (the written-notices route names one): its chief applies one attaching a person
  // attached nowhere.
  for (const [key, clinic] of [
    ['chief1', base.clinic1],
    ['chief2', base.clinic2],
  ] as const) {
    if ((await allProtocols()).some((p) => p.organizationId === clinic)) continue
    await step(made, missing, `a protocol of ${key}'s clinic`, async () => {
      const cast = [base.mother.id, base.daughter.id, base.patient2.id]
      const [person] = await db()<{ iin: string }[]>`
        select p.iin from patients p
        where not exists (select 1 from attachments a where a.patient_id = p.id and a.status = 'active')
          and p.id <> all(${cast}::bigint[]) and p.iin <> ${demoPatients.unattached}
          and not exists (select 1 from requests r where r.patient_id = p.id and r.status in ('submitted', 'in_review'))
        order by p.phone is null desc, p.id limit 1`
      if (!person) throw new Error('nobody left unattached')
      const today = new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10) // Asia/Almaty
      const applied = resultOf(
        await callAction(actor(key).api, action('applyProtocol'), '/chief/protocols', [
          {
            kind: 'fund_placement',
            number: `SWEEP-${key}-${Date.now()}`,
            receivedOn: today,
            basis: 'clinic_refusal',
            people: person.iin,
            idempotencyKey: randomUUID(),
          },
        ]),
      )
      if (!applied?.ok) throw new Error(`apply: ${JSON.stringify(applied)}`)
      return true
    })
  }
}

// ---------------------------------------------------------------------------------------------

// What each actor may see, by the app's own scope rules, as the database stands now.
async function visibilityOf(actors: Actor[]): Promise<Map<string, Visibility>> {
  const visibility = new Map<string, Visibility>()
  for (const actor of actors) {
    if (actor.role === 'anonymous') visibility.set(actor.key, { patients: new Set(), requests: new Set(), documents: new Set() })
    else if (actor.role === 'patient') visibility.set(actor.key, await patientVisibility(actor.id!))
    else visibility.set(actor.key, await staffVisibility(actor.organizationId!))
  }
  return visibility
}

async function load(
  actors: Actor[],
  base: Omit<World, 'visibility' | 'made' | 'missing' | 'requests' | 'documents' | 'protocols' | 'patients'>,
  made: string[],
  missing: string[],
): Promise<World> {
  const requests = await allRequests()
  const documents = await allDocuments()
  const protocols = await allProtocols()
  const visibility = await visibilityOf(actors)
  const world: World = { ...base, requests: [], documents: [], protocols, patients: new Map(), made, missing, visibility }
  world.requests = castRequests(world, requests)
  world.documents = castDocuments(world, documents)
  // The people named: the cast and everyone the cast's requests and documents are about.
  const ids = new Set([
    base.mother.id,
    base.daughter.id,
    base.patient2.id,
    ...world.requests.map((r) => r.patientId),
    ...world.documents.map((d) => d.patientId),
  ])
  const people = await db()<PatientRes[]>`
    select id::int, iin, concat_ws(' ', last_name, first_name, middle_name) as name, address
    from patients where id = any(${[...ids]}::bigint[])
       or id in (select a.patient_id from attachments a where a.protocol_id is not null)`
  world.patients = new Map(people.map((person) => [person.id, person]))
  return world
}

// A handful of requests and documents per clinic and per patient, not all of them: enough to name one of each kind
// in every variant, and a bounded set of markers to look for in every answer.
function castRequests(
  world: Pick<World, 'clinic1' | 'clinic2' | 'mother' | 'daughter' | 'patient2'>,
  all: RequestRes[],
): RequestRes[] {
  const picked = new Map<string, RequestRes>()
  const take = (request: RequestRes | undefined) => request && picked.set(request.id, request)
  const statusRank = (status: string) => ['submitted', 'in_review', 'approved', 'refused', 'cancelled'].indexOf(status) + 1 || 9
  const byRank = [...all].sort((a, b) => statusRank(a.status) - statusRank(b.status) || b.number - a.number)
  for (const clinic of [world.clinic1, world.clinic2]) {
    take(byRank.find((r) => r.organizationId === clinic))
    take(byRank.find((r) => r.organizationId === clinic && r.approvedWithAttachment))
    take(
      byRank.find(
        (r) => r.organizationId === clinic && r.service === 'attachment' && (r.status === 'approved' || r.status === 'refused'),
      ),
    )
    take(byRank.find((r) => r.organizationId === clinic && r.service === 'complaint' && r.status !== 'refused'))
  }
  for (const patient of [world.mother.id, world.daughter.id, world.patient2.id]) {
    take(byRank.find((r) => r.patientId === patient))
    take(byRank.find((r) => r.patientId === patient && r.service === 'attachment'))
    take(byRank.find((r) => r.patientId === patient && !['approved', 'refused'].includes(r.status)))
  }
  return [...picked.values()]
}

function castDocuments(
  world: Pick<World, 'clinic1' | 'clinic2' | 'mother' | 'daughter' | 'patient2'>,
  all: DocumentRes[],
): DocumentRes[] {
  const picked = new Map<string, DocumentRes>()
  const take = (document: DocumentRes | undefined) => document && picked.set(document.id, document)
  const statusRank = (status: string) => ['awaiting_signature', 'issued', 'draft', 'signed', 'revoked'].indexOf(status) + 1 || 9
  const byRank = [...all].sort((a, b) => statusRank(a.status) - statusRank(b.status))
  for (const clinic of [world.clinic1, world.clinic2]) {
    take(byRank.find((d) => d.organizationId === clinic))
    take(byRank.find((d) => d.organizationId === clinic && d.status === 'issued'))
    // Of each kind of signer, so that every staff member has one they do not sign.
    for (const kind of ['coupon_064e', 'attachment_notice', 'refusal_notice'])
      take(byRank.find((d) => d.organizationId === clinic && d.kind === kind))
  }
  for (const patient of [world.mother.id, world.daughter.id, world.patient2.id]) {
    take(byRank.find((d) => d.patientId === patient))
    take(byRank.find((d) => d.patientId === patient && d.status === 'issued'))
  }
  const cast = [world.mother.id, world.daughter.id, world.patient2.id]
  for (const clinic of [world.clinic1, world.clinic2])
    take(byRank.find((d) => d.status === 'issued' && d.organizationId === clinic && !cast.includes(d.patientId)))
  return [...picked.values()]
}

let cached: Promise<World> | null = null

/** The world of this run: found in the database, what is missing made through the app. Once per worker. */
export function loadWorld(actors: Actor[]): Promise<World> {
  cached ??= (async () => {
    const base = {
      clinic1: await organizationId('aktau-pc-1'),
      clinic2: await organizationId('aktau-pc-2'),
      hospital: await organizationId('mangystau-hospital'),
      mother: await patientByIin(demoPatients.mother),
      daughter: await patientByIin(demoPatients.child),
      patient2: await patientByIin(demoPatients.otherClinic),
    }
    const made: string[] = []
    const missing: string[] = []
    await ensureFixtures(
      new Map(actors.map((a) => [a.key, a])),
      { ...base, patients: new Map(), requests: [], documents: [], protocols: [] },
      made,
      missing,
    )
    return load(actors, base, made, missing)
  })()
  return cached
}

/**
 * Reloads versions and statuses (the sweep's own allowed calls and the fuzz's bursts change them), and what each actor
 * may see: an allowed call makes new rows in scope (a desk application at the second clinic makes its person that
 * clinic's to see), which the world loaded once per worker does not know of.
 */
export async function refreshWorld(world: World, actors?: Actor[]): Promise<void> {
  if (actors) world.visibility = await visibilityOf(actors)
  const requests = new Map((await allRequests()).map((r) => [r.id, r]))
  const documents = new Map((await allDocuments()).map((d) => [d.id, d]))
  world.requests = world.requests.map((r) => requests.get(r.id) ?? r)
  world.documents = world.documents.map((d) => documents.get(d.id) ?? d)
  world.protocols = await allProtocols()
}
