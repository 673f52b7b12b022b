// The people the sweep acts as, each signed in ONCE per server (sign-in is rate-limited: 5 failures lock a login, 3
// codes per IIN per 15 minutes) and reused: their cookies are kept in the server's data directory, which lives exactly
// as long as the AUTH_SECRET that signs them (scripts/start.ts keeps it there; the webServer empties the directory), so
// that a worker restarted after a failed test, or a second run on the same server, signs nobody in again.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { APIRequestContext } from '@playwright/test'
import { encode } from 'next-auth/jwt'
import { DEMO_STAFF_PASSWORD, demoPatients } from '../../scripts/seed/demo-data'
import { baseURL, e2eDataPath } from '../server-env'
import { callAction, newApi, send } from './client'
import { db, securityAuthSecret } from './db'
import { discoverActions, type DiscoveredAction } from './discover'

export type Role = 'anonymous' | 'patient' | 'registrar' | 'doctor' | 'head' | 'chief' | 'region_admin' | 'dispensary_doctor'
export type StaffRole = Exclude<Role, 'anonymous' | 'patient'>

export type ActorSpec =
  | { key: 'anonymous'; role: 'anonymous' }
  | { key: string; role: 'patient'; iin: string }
  | { key: string; role: StaffRole; login: string; clinic: 'aktau-pc-1' | 'aktau-pc-2' | 'mangystau-health' | 'mangystau-tb' }

// Anonymous; the mother (who represents her daughter 160902600084), a patient of clinic 2; the four staff roles of
// clinic 1 and of clinic 2; the region's administrator (issue 15), of the region's health department; the TB centre's
// doctor (issue 16). Staff password:
// the demo one.
export const actorSpecs: ActorSpec[] = [
  { key: 'anonymous', role: 'anonymous' },
  { key: 'mother', role: 'patient', iin: demoPatients.mother },
  { key: 'patient2', role: 'patient', iin: demoPatients.otherClinic },
  { key: 'registrar1', role: 'registrar', login: 'registrar1', clinic: 'aktau-pc-1' },
  { key: 'doctor1', role: 'doctor', login: 'doctor1', clinic: 'aktau-pc-1' },
  { key: 'head1', role: 'head', login: 'head1', clinic: 'aktau-pc-1' },
  { key: 'chief1', role: 'chief', login: 'chief1', clinic: 'aktau-pc-1' },
  { key: 'registrar2', role: 'registrar', login: 'registrar2', clinic: 'aktau-pc-2' },
  { key: 'doctor2', role: 'doctor', login: 'doctor2', clinic: 'aktau-pc-2' },
  { key: 'head2', role: 'head', login: 'head2', clinic: 'aktau-pc-2' },
  { key: 'chief2', role: 'chief', login: 'chief2', clinic: 'aktau-pc-2' },
  { key: 'admin1', role: 'region_admin', login: 'admin1', clinic: 'mangystau-health' },
  { key: 'tb1', role: 'dispensary_doctor', login: 'tb1', clinic: 'mangystau-tb' },
]

export const homeOf: Record<Role, string> = {
  anonymous: '/login',
  patient: '/patient',
  registrar: '/registrar',
  doctor: '/doctor',
  head: '/head',
  chief: '/chief',
  region_admin: '/region/calendar',
  dispensary_doctor: '/centre',
}

export type Actor = {
  key: string
  role: Role
  spec: ActorSpec
  api: APIRequestContext
  /** The staff member's or patient's id in the database (null for anonymous). */
  id: number | null
  /** Staff: their clinic's id. */
  organizationId: number | null
}

const sessionsFile = path.join(e2eDataPath, 'security-sessions.json')

type StorageState = Awaited<ReturnType<APIRequestContext['storageState']>>

function readCache(): Record<string, StorageState> {
  try {
    return existsSync(sessionsFile) ? (JSON.parse(readFileSync(sessionsFile, 'utf8')) as Record<string, StorageState>) : {}
  } catch {
    return {}
  }
}

function writeCache(cache: Record<string, StorageState>) {
  mkdirSync(path.dirname(sessionsFile), { recursive: true })
  writeFileSync(sessionsFile, JSON.stringify(cache), { mode: 0o600 })
}

function actionNamed(name: string): DiscoveredAction {
  const action = discoverActions().find((candidate) => candidate.name === name && candidate.file === 'app/login/actions.ts')
  if (!action) throw new Error(`No server action ${name} in app/login/actions.ts`)
  return action
}

/** Whether the cookies of `api` are a live session of someone whose home is `home` ("/" redirects there). */
async function isSignedIn(api: APIRequestContext, role: Role): Promise<boolean> {
  const answer = await send(api, { method: 'GET', path: '/' })
  return answer.status >= 300 && answer.status < 400 && answer.location === homeOf[role]
}

async function signInStaff(api: APIRequestContext, login: string): Promise<void> {
  const answer = await callAction(api, actionNamed('signInStaff'), '/login', [{ login, password: DEMO_STAFF_PASSWORD }])
  if (answer.actionRedirect !== '/')
    throw new Error(`Sign-in of ${login} failed: HTTP ${answer.status} ${JSON.stringify(answer.result)}`)
}

/** The newest sign-in code SMS'd to a patient, read from the outbox (the demo inbox shows the same text). */
async function newestCode(patientId: number): Promise<{ code: string; usable: boolean } | null> {
  const [row] = await db()<{ body: string; created_at: Date }[]>`
    select body, created_at from notifications where patient_id = ${patientId} and template = 'signInCode'
    order by id desc limit 1`
  const code = row ? /\b(\d{6})\b/.exec(row.body)?.[1] : undefined
  if (!row || !code) return null
  const [open] = await db()<{ n: number }[]>`
    select count(*)::int as n from one_time_codes
    where patient_id = ${patientId} and used_at is null and expires_at > now() and created_at >= ${row.created_at} - interval '5 seconds'`
  return { code, usable: (open?.n ?? 0) > 0 }
}

/** A context signed in as the patient; made from a minted session when no code can be had (see mintedSession). */
async function signInPatient(iin: string, patientId: number): Promise<APIRequestContext> {
  const api = await newApi()
  const asked = await callAction(api, actionNamed('requestCode'), '/login', [{ iin }])
  const answer = asked.result as { ok?: boolean; code?: string } | undefined
  const newest = await newestCode(patientId)
  // Three codes per IIN per 15 minutes: when the e2e flows used them up, the newest one may still be unused.
  if (answer?.ok || newest?.usable) {
    if (!newest) throw new Error(`No signInCode SMS for ${iin} in the outbox`)
    const signedIn = await callAction(api, actionNamed('signInPatient'), '/login', [{ iin, code: newest.code }])
    if (signedIn.actionRedirect !== '/')
      throw new Error(`Sign-in of patient ${iin} failed: HTTP ${signedIn.status} ${JSON.stringify(signedIn.result)}`)
    return api
  }
  await api.dispose()
  return mintedSession(`patient:${patientId}`, `no sign-in code for ${iin} (${JSON.stringify(asked.result)})`)
}

/**
 * The last resort when a patient can get no code (the e2e flows spent the 3 per 15 minutes): a session cookie made
 * the way Auth.js makes it (lib/auth/next-auth.ts: `sub`, `signedInAt`), sealed with the server's AUTH_SECRET.
 */
async function mintedSession(subject: string, why: string): Promise<APIRequestContext> {
  const secret = securityAuthSecret()
  if (!secret) throw new Error(`${why}, and no AUTH_SECRET to make a session with`)
  console.log(`[security] ${why}: using a session sealed with the server's AUTH_SECRET instead`)
  const name = 'authjs.session-token'
  const maxAge = 12 * 3600
  const value = await encode({ token: { sub: subject, signedInAt: Date.now() }, secret, salt: name, maxAge })
  const cookie = {
    name,
    value,
    domain: new URL(baseURL).hostname,
    path: '/',
    expires: Math.floor(Date.now() / 1000) + maxAge,
    httpOnly: true,
    secure: false,
    sameSite: 'Lax' as const,
  }
  return newApi({ cookies: [cookie], origins: [] })
}

async function idsOf(spec: ActorSpec): Promise<{ id: number | null; organizationId: number | null }> {
  if (spec.role === 'anonymous') return { id: null, organizationId: null }
  if (spec.role === 'patient') {
    const [row] = await db()<{ id: number }[]>`select id::int from patients where iin = ${spec.iin}`
    if (!row) throw new Error(`No patient ${spec.iin}`)
    return { id: row.id, organizationId: null }
  }
  const [row] = await db()<{ id: number; organization_id: number }[]>`
    select id::int, organization_id::int from staff where login = ${spec.login}`
  if (!row) throw new Error(`No staff member ${spec.login}`)
  return { id: row.id, organizationId: row.organization_id }
}

let actors: Promise<Actor[]> | null = null

/** Everyone of actorSpecs, signed in (anonymous: a context without cookies). Once per worker; cookies cached per run. */
export function signedInActors(): Promise<Actor[]> {
  actors ??= (async () => {
    const cache = readCache()
    const result: Actor[] = []
    for (const spec of actorSpecs) {
      const ids = await idsOf(spec)
      let api = await newApi(cache[spec.key])
      if (spec.role !== 'anonymous' && !(cache[spec.key] && (await isSignedIn(api, spec.role)))) {
        await api.dispose()
        if (spec.role === 'patient') api = await signInPatient(spec.iin, ids.id!)
        else {
          api = await newApi()
          await signInStaff(api, spec.login)
        }
        if (!(await isSignedIn(api, spec.role))) throw new Error(`${spec.key} signed in but "/" does not lead home`)
        cache[spec.key] = await api.storageState()
        writeCache(cache)
      }
      result.push({ key: spec.key, role: spec.role, spec, api, ...ids })
    }
    return result
  })()
  return actors
}

/** A one-off staff session (not cached), e.g. to try signOutEverywhere without ending the shared sessions. */
export async function freshStaffSession(login: string): Promise<APIRequestContext> {
  const api = await newApi()
  await signInStaff(api, login)
  return api
}
