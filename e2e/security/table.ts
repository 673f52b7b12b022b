// THE SWEEP'S TABLE: every page, route handler and server action of the app, who may use it and which resource its
// id names. The sweep and the fuzz are generated from it; e2e/security/classification.spec.ts fails when app/ or the
// build has an endpoint this table does not classify (or the table names one that is gone), so a new endpoint joins
// the sweep when it is written.
//
// allow: 'public' (anyone, signed in or not), 'signed-in' (anyone signed in), or the roles of lib/auth/session's
//        requireActor (pages, actions) / the route handler's own check.
// resource: what the dynamic segment (pages, routes) or the id in the arguments (actions) names:
//   request, approvedRequest (an approved attachment with its coupon), document, issuedDocument (what a patient may
//   download), patient, protocol, verificationCode, or none.
// Each role is tried with a resource of its own (own), of the other clinic (otherOrg), of another patient (patients:
// otherPatient, same clinic; otherOrg: the other clinic's patient), and with an id of nothing (none). Allowed: an
// allowed role with its own resource; everything else must be refused (a redirect to /login or the role's home, a
// 404, or a refused action result) and must write nothing.
import { randomUUID } from 'node:crypto'
import type { Actor, Role } from './actors'
import type { DocumentRes, PatientRes, ProtocolRes, RequestRes, World } from './world'
import { DEMO_SIGNING_PIN, nobodyIins } from './world'
import { makeIin } from '../../lib/iin'

export type Allow = 'public' | 'signed-in' | Exclude<Role, 'anonymous'>[]
export type ResourceKind =
  'none' | 'request' | 'approvedRequest' | 'document' | 'issuedDocument' | 'patient' | 'protocol' | 'verificationCode'
export type Variant = 'own' | 'otherOrg' | 'otherPatient' | 'none'

/** The resource a request names, as the sweep picked it. */
export type Named = {
  variant: Variant
  id: string
  request?: RequestRes
  document?: DocumentRes
  patient?: PatientRes
  protocol?: ProtocolRes
}

export type PathEntry = {
  kind: 'page' | 'route'
  path: string
  allow: Allow
  resource: ResourceKind
  /** Route handlers: the methods swept (GET by default). */
  methods?: ('GET' | 'POST')[]
  /** Sub-paths swept instead of the bare pattern (catch-all segments). */
  subPaths?: string[]
  /** An allowed answer that is not HTTP 200 (e.g. the redirect of `/`). */
  allowedStatus?: number[]
  /** Why the leak check does not apply to this endpoint's answers (a documented exception). */
  leakExempt?: string
  /** Tables a call may write even when it is refused (documented). */
  mayWrite?: string[]
  /** Public endpoints whose answers differ by input: any answer but a 5xx will do (still checked for leaks). */
  expectAny?: boolean
  /** The call may set cookies: sent from a copy of the actor's session. */
  isolate?: boolean
  /** Requests sent instead of a GET of the pattern (e.g. POSTs to a catch-all). */
  posts?: { path: string; form: Record<string, string> }[]
  note?: string
}

export type ActionContext = { actor: Actor; world: World; named: Named | null }

export type ActionEntry = {
  kind: 'action'
  /** `<file>#<exportedName>` as in the build's server-reference-manifest.json. */
  key: string
  allow: Allow
  resource: ResourceKind
  /** The arguments of a real attempt with the named resource (its current version: a hole would write). */
  args: (context: ActionContext) => unknown[]
  /**
   * The allowed role's call on its own resource: it must pass authorization yet change nothing (a stale version,
   * a business rule that refuses after the access check). A string: why there is none (the call is skipped).
   */
  probe: ((context: ActionContext) => unknown[]) | string
  /** Own resources the probe may use (e.g. a document the actor does not sign). */
  prefer?: (resource: Named, actor: Actor) => boolean
  /** The page to POST to (one whose module graph imports the action). */
  page?: (context: ActionContext) => string
  /** Result codes that refuse the call for everyone (sign-in actions). */
  refusalCodes?: string[]
  /** The expected outcome for everyone, whatever the role (public actions). */
  expectAlways?: 'allowed' | 'refused'
  /** Tables a call may write even when refused or when its probe is allowed ('any': not checked). */
  mayWrite?: string[] | 'any'
  /** The call may set cookies (sign-in, sign-out): sent from a copy of the actor's session, never the shared one. */
  isolate?: boolean
  /** Why some actors are not swept (a documented exception). */
  skip?: (actor: Actor) => string | null
  /** Run after an allowed probe (to undo it). */
  undo?: (context: ActionContext) => unknown[] | null
  undoAction?: string
  note?: string
}

export type Entry = PathEntry | ActionEntry

/** Result codes that mean "not yours / not found / not allowed": an access refusal. */
export const accessRefusalCodes = [
  'errors.request.notFound',
  'errors.request.notAllowed',
  'errors.document.notFound',
  'errors.document.notAllowed',
  // Issue 16: another centre's registry record or import looks missing.
  'centre.errors.recordNotFound',
  'centre.import.errors.importNotFound',
]

const staff: Exclude<Role, 'anonymous' | 'patient'>[] = ['registrar', 'doctor', 'head', 'chief']
const signers = staff
const STALE = 1000
const reason = 'Проверка доступа (sweep): это не настоящее решение.'
const address = 'Ақтау қ., 5 шағын аудан, 1 үй, 1 пәтер'

function almatyDay(offsetDays = 0): string {
  return new Date(Date.now() + 5 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10)
}

/** Issue 16: a registry record without an IIN, observed since `observedSince`. */
function registryRecord(observedSince: string) {
  return {
    withoutIin: true,
    iin: '',
    lastName: 'Тексеру',
    firstName: 'Свип',
    middleName: '',
    birthDate: '1970-01-01',
    observationGroup: 'IA',
    observedSince,
    idempotencyKey: randomUUID(),
  }
}

/** The last Sunday of this year: already a day off, so a day-off transfer on it changes no deadline. */
export function sundayForCalendar(): string {
  const year = Number(almatyDay().slice(0, 4))
  const day = new Date(Date.UTC(year, 11, 31))
  while (day.getUTCDay() !== 0) day.setUTCDate(day.getUTCDate() - 1)
  return day.toISOString().slice(0, 10)
}

const requestOf = (c: ActionContext) => c.named!.request!
const documentOf = (c: ActionContext) => c.named!.document!
const requestVersion = (c: ActionContext) => (c.named?.request ? c.named.request.version : 1)
const documentVersion = (c: ActionContext) => (c.named?.document ? c.named.document.version : 1)
const anyUuid = '00000000-0000-4000-8000-000000000000'
// Complaints are decided by the department head (lib/services/complaint): the probe of take/approve/refuse uses an
// attachment request, which every allowed role may decide.
const attachmentRequest = (named: Named) => named.request?.service === 'attachment'
// A document the actor does not sign, or no longer awaiting a signature: refused before the PIN is tried.
const notMineToSign = (named: Named, actor: Actor) =>
  !!named.document && (named.document.signerId !== actor.id || named.document.status !== 'awaiting_signature')
const signPage = (c: ActionContext) =>
  c.actor.role === 'registrar' ? '/registrar/sign' : c.actor.role === 'head' ? '/head/sign' : '/doctor/sign'

export const table: Entry[] = [
  // -------------------------------------------------------------------------------------------------- pages
  {
    kind: 'page',
    path: '/',
    allow: 'public',
    resource: 'none',
    allowedStatus: [307],
    note: 'sends each role home, anonymous to /login',
  },
  { kind: 'page', path: '/login', allow: 'public', resource: 'none', allowedStatus: [200, 307], note: 'signed in: sent home' },
  {
    kind: 'page',
    path: '/dev/inbox',
    allow: 'public',
    resource: 'none',
    leakExempt: 'the demo SMS inbox shows every SMS to anyone by design (demo only: TIRKEU_DEMO is to gate it)',
  },
  { kind: 'page', path: '/verify', allow: 'public', resource: 'none' },
  {
    kind: 'page',
    path: '/verify/[code]',
    allow: 'public',
    resource: 'verificationCode',
    mayWrite: ['login_attempts'],
    note: 'an unknown code counts towards the rate limit of the address (login_attempts); anyone holding a code sees the document with the patient masked; the full IIN and name must not appear',
  },
  { kind: 'page', path: '/patient', allow: ['patient'], resource: 'none' },
  { kind: 'page', path: '/patient/requests', allow: ['patient'], resource: 'none' },
  { kind: 'page', path: '/patient/messages', allow: ['patient'], resource: 'none' },
  { kind: 'page', path: '/patient/requests/new', allow: ['patient'], resource: 'none' },
  { kind: 'page', path: '/patient/requests/new/attachment', allow: ['patient'], resource: 'none' },
  {
    kind: 'page',
    path: '/patient/requests/new/registry-certificate/[registry]',
    allow: ['patient'],
    resource: 'none',
    subPaths: [
      '/patient/requests/new/registry-certificate/tb',
      '/patient/requests/new/registry-certificate/mental-health',
      '/patient/requests/new/registry-certificate/narcology',
    ],
    note: 'the segment names a registry (issue 16), not a resource',
  },
  {
    kind: 'page',
    path: '/patient/consents',
    allow: ['patient'],
    resource: 'none',
    note: 'the consent requests about the person signed in',
  },
  { kind: 'page', path: '/patient/requests/[id]', allow: ['patient'], resource: 'request' },
  { kind: 'page', path: '/patient/people/[id]', allow: ['patient'], resource: 'patient' },
  { kind: 'page', path: '/registrar', allow: ['registrar'], resource: 'none' },
  { kind: 'page', path: '/registrar/queue', allow: ['registrar'], resource: 'none' },
  {
    kind: 'page',
    path: '/registrar/desk',
    allow: ['registrar'],
    resource: 'none',
    note: 'finds anyone by full IIN by design (audited)',
  },
  { kind: 'page', path: '/registrar/desk/family', allow: ['registrar'], resource: 'none' },
  { kind: 'page', path: '/registrar/register', allow: ['registrar'], resource: 'none' },
  { kind: 'page', path: '/registrar/sign', allow: ['registrar'], resource: 'none' },
  { kind: 'page', path: '/registrar/patients/[id]', allow: ['registrar'], resource: 'patient' },
  {
    kind: 'page',
    path: '/registrar/patients/new',
    allow: ['registrar'],
    resource: 'none',
    note: 'issue 15: a walk-in registered at the desk; an IIN typed is looked up like a desk lookup (counted, audited)',
  },
  { kind: 'page', path: '/registrar/patients/[id]/detach', allow: ['registrar'], resource: 'patient' },
  { kind: 'page', path: '/registrar/patients/[id]/section', allow: ['registrar'], resource: 'patient' },
  { kind: 'page', path: '/registrar/requests/[id]', allow: ['registrar'], resource: 'request' },
  { kind: 'page', path: '/doctor', allow: ['doctor'], resource: 'none' },
  { kind: 'page', path: '/doctor/sign', allow: ['doctor'], resource: 'none' },
  { kind: 'page', path: '/doctor/patients/[id]', allow: ['doctor'], resource: 'patient' },
  { kind: 'page', path: '/head', allow: ['head'], resource: 'none' },
  { kind: 'page', path: '/head/overdue', allow: ['head'], resource: 'none' },
  { kind: 'page', path: '/head/complaints', allow: ['head'], resource: 'none' },
  { kind: 'page', path: '/head/care-stop', allow: ['head'], resource: 'none' },
  { kind: 'page', path: '/head/sign', allow: ['head'], resource: 'none' },
  { kind: 'page', path: '/head/requests/[id]', allow: ['head'], resource: 'request' },
  { kind: 'page', path: '/chief', allow: ['chief'], resource: 'none' },
  { kind: 'page', path: '/chief/calendar', allow: ['chief'], resource: 'none' },
  { kind: 'page', path: '/region/calendar', allow: ['region_admin'], resource: 'none' },
  { kind: 'page', path: '/chief/protocols', allow: ['chief'], resource: 'none' },
  // Issue 16: a registry centre's pages. A record and an import are named in the query (?record=, ?import=): another
  // centre's looks missing (tests/integration/registry-centre.test.ts).
  { kind: 'page', path: '/centre', allow: ['dispensary_doctor'], resource: 'none' },
  { kind: 'page', path: '/centre/add', allow: ['dispensary_doctor'], resource: 'none' },
  {
    kind: 'page',
    path: '/centre/history',
    allow: ['dispensary_doctor'],
    resource: 'none',
    allowedStatus: [307],
    note: 'without ?record= it sends the doctor to the registry',
  },
  { kind: 'page', path: '/centre/import', allow: ['dispensary_doctor'], resource: 'none' },
  // The centre doctor's queue of uncertain certificate matches and one request (the lead's pages, classified here so the
  // table covers the centre; issue 16).
  { kind: 'page', path: '/centre/queue', allow: ['dispensary_doctor'], resource: 'none' },
  { kind: 'page', path: '/centre/requests/[id]', allow: ['dispensary_doctor'], resource: 'request' },

  // -------------------------------------------------------------------------------------------------- route handlers
  {
    kind: 'route',
    path: '/api/auth/[...nextauth]',
    allow: 'public',
    resource: 'none',
    subPaths: ['/api/auth/session', '/api/auth/csrf', '/api/auth/providers'],
    methods: ['GET', 'POST'],
    posts: [
      { path: '/api/auth/callback/staff', form: { login: 'sweep-nobody', password: 'not-the-password' } },
      { path: '/api/auth/callback/patient', form: { iin: nobodyIins.signIn, code: '000000' } },
      { path: '/api/auth/signout', form: {} },
    ],
    expectAny: true,
    isolate: true,
    mayWrite: ['login_attempts', 'audit_log'],
    note: "next-auth: the session endpoint answers the caller's own session; POSTs without a CSRF token are refused",
  },
  {
    kind: 'route',
    path: '/registrar/register/export',
    allow: ['registrar'],
    resource: 'none',
    note: "the clinic's register as CSV",
  },
  {
    kind: 'route',
    path: '/doctor/export',
    allow: ['doctor'],
    resource: 'none',
    note: "one of the doctor's own sections as CSV (?section=, the first by default); another's section is not found",
  },
  { kind: 'route', path: '/registrar/requests/[id]/coupon', allow: staff, resource: 'approvedRequest' },
  {
    kind: 'route',
    path: '/centre/import/upload',
    allow: ['dispensary_doctor'],
    resource: 'none',
    methods: ['POST'],
    posts: [{ path: '/centre/import/upload', form: { file: 'iin;last_name' } }],
    expectAny: true,
    note:
      "issue 16: a registry CSV's check; anyone but a centre's doctor gets 404 before a byte is read, and the doctor's " +
      'form POST is refused (403: no Origin of this site; 415: not text/csv). The upload itself: e2e/centre-registry.spec.ts',
  },
  { kind: 'route', path: '/documents/[id]/pdf', allow: staff, resource: 'document' },
  { kind: 'route', path: '/patient/documents/[id]/pdf', allow: ['patient'], resource: 'issuedDocument' },
  { kind: 'route', path: '/chief/protocols/[id]/written-notices', allow: ['chief'], resource: 'protocol' },
  {
    kind: 'route',
    path: '/verify/pdf',
    allow: 'public',
    resource: 'none',
    methods: ['POST'],
    allowedStatus: [200, 400, 415],
    mayWrite: ['login_attempts'],
    note: 'anyone checks a PDF; a PDF without a code counts towards the /verify rate limit',
  },

  // -------------------------------------------------------------------------------------------------- server actions
  {
    kind: 'action',
    key: 'app/actions.ts#changeLanguage',
    allow: 'public',
    resource: 'none',
    args: () => ['kk'],
    probe: () => ['kk'],
    expectAlways: 'allowed',
    mayWrite: 'any',
    note: "staff: the profile's language (audited); anyone: the cookie (a patient's record keeps the SMS language, set on his home page)",
  },
  {
    kind: 'action',
    key: 'app/actions.ts#signOutEverywhere',
    allow: 'signed-in',
    resource: 'none',
    args: () => [],
    probe: 'ends every session of the person: tried on a one-off session by the sweep (signOutEverywhere test)',
    isolate: true,
    skip: (actor) => (actor.role === 'anonymous' ? null : 'would end the shared session; see the signOutEverywhere test'),
  },
  {
    kind: 'action',
    key: 'app/login/actions.ts#signInStaff',
    allow: 'public',
    resource: 'none',
    args: () => [{ login: 'sweep-nobody', password: 'not-the-password' }],
    probe: () => [{ login: 'sweep-nobody', password: 'not-the-password' }],
    expectAlways: 'refused',
    refusalCodes: ['errors.auth.invalidCredentials', 'errors.auth.locked'],
    mayWrite: ['login_attempts', 'audit_log'],
    isolate: true,
    note: 'a failed sign-in records its attempt and an audit row (lockout)',
  },
  {
    kind: 'action',
    key: 'app/login/actions.ts#requestCode',
    allow: 'public',
    resource: 'none',
    args: () => [{ iin: nobodyIins.code }],
    probe: () => [{ iin: nobodyIins.code }],
    expectAlways: 'allowed',
    mayWrite: ['login_attempts', 'audit_log'],
    isolate: true,
    note: 'an IIN of nobody: the same answer and the same limit as any IIN (the request is counted and audited), nothing sent',
  },
  {
    kind: 'action',
    key: 'app/login/actions.ts#signInPatient',
    allow: 'public',
    resource: 'none',
    args: () => [{ iin: nobodyIins.signIn, code: '000000' }],
    probe: () => [{ iin: nobodyIins.signIn, code: '000000' }],
    expectAlways: 'refused',
    refusalCodes: ['errors.auth.invalidCredentials', 'errors.auth.locked'],
    mayWrite: ['login_attempts', 'audit_log'],
    isolate: true,
  },
  {
    kind: 'action',
    key: 'app/patient/requests/new/attachment/actions.ts#submitAttachmentRequest',
    allow: ['patient'],
    resource: 'patient',
    args: ({ world, named }) => [
      {
        idempotencyKey: randomUUID(),
        payload: { patientId: named!.id, clinicId: String(world.clinic1), sectionId: '', address, basis: 'free_choice' },
      },
    ],
    // To a hospital: refused by the attachment rules, after the access check.
    probe: ({ world, named }) => [
      {
        idempotencyKey: randomUUID(),
        payload: { patientId: named!.id, clinicId: String(world.hospital), sectionId: '', address, basis: 'free_choice' },
      },
    ],
    page: () => '/patient/requests/new/attachment',
  },
  {
    kind: 'action',
    key: 'app/patient/requests/new/registry-certificate/[registry]/actions.ts#submitRegistryCertificateRequest',
    allow: ['patient'],
    resource: 'patient',
    args: ({ named }) => ['tb', { idempotencyKey: randomUUID(), payload: { patientId: named!.id, about: 'self' } }],
    // About "another person" with the person's own IIN: refused by the service's rules, after the access check.
    probe: ({ named }) => [
      'tb',
      { idempotencyKey: randomUUID(), payload: { patientId: named!.id, about: 'other', subjectIin: named!.patient!.iin } },
    ],
    page: () => '/patient/requests/new/registry-certificate/tb',
  },
  {
    kind: 'action',
    key: 'app/patient/requests/[id]/registry-certificate/actions.ts#confirmConsentCodeAction',
    allow: ['patient'],
    resource: 'request',
    args: ({ named }) => [{ requestId: named!.id, code: '000000' }],
    // A code that is not six digits: refused by the form's rules (the same for everyone, before any row is read).
    probe: ({ named }) => [{ requestId: named!.id, code: 'abc' }],
    page: ({ named }) => `/patient/requests/${named?.id ?? randomUUID()}`,
    note: 'only the request’s requester; a code of another request never matches (issue 16)',
  },
  {
    kind: 'action',
    key: 'app/patient/consents/actions.ts#answerConsentAction',
    allow: ['patient'],
    resource: 'request',
    args: ({ named }) => [{ requestId: named!.id, answer: 'give' }],
    probe: ({ named }) => [{ requestId: named!.id, answer: 'maybe' }],
    page: () => '/patient/consents',
    note: 'only the person the request is about answers (issue 16)',
  },
  {
    kind: 'action',
    key: 'app/patient/actions.ts#saveNoticeLanguage',
    allow: ['patient'],
    resource: 'none',
    // The patient's own record only: there is no id to forge. The demo patients' language is Kazakh: saving it again
    // writes nothing.
    args: () => [{ locale: 'kk' }],
    probe: () => [{ locale: 'kk' }],
    mayWrite: ['patients', 'audit_log'],
    page: () => '/patient',
    note: 'the language of the SMS on the patient’s own record (issue 15)',
  },
  {
    kind: 'action',
    key: 'app/patient/requests/actions.ts#cancelRequest',
    allow: ['patient'],
    resource: 'request',
    args: (c) => [{ requestId: c.named!.id, version: requestVersion(c) }],
    probe: (c) => [{ requestId: requestOf(c).id, version: requestOf(c).version + STALE }],
    page: (c) => `/patient/requests/${c.named?.id ?? anyUuid}`,
  },
  {
    kind: 'action',
    key: 'app/patient/requests/[id]/complaint-actions.ts#submitComplaint',
    allow: ['patient'],
    resource: 'request',
    args: (c) => [
      { idempotencyKey: randomUUID(), payload: { requestId: c.named!.id, text: 'Шешіммен келіспеймін (sweep), қайта қараңыз.' } },
    ],
    // An undecided request of one's own: refused as not decided, after the access check.
    probe: (c) => [
      { idempotencyKey: randomUUID(), payload: { requestId: c.named!.id, text: 'Шешіммен келіспеймін (sweep), қайта қараңыз.' } },
    ],
    prefer: (named) => !!named.request && !['approved', 'refused'].includes(named.request.status),
    page: (c) => `/patient/requests/${c.named?.id ?? anyUuid}`,
  },
  {
    kind: 'action',
    key: 'app/registrar/requests/actions.ts#takeRequest',
    allow: ['registrar', 'head'],
    resource: 'request',
    args: (c) => [{ requestId: c.named!.id, version: requestVersion(c) }],
    probe: (c) => [{ requestId: requestOf(c).id, version: requestOf(c).version + STALE }],
    prefer: attachmentRequest,
    page: (c) => `/registrar/requests/${c.named?.id ?? anyUuid}`,
    note: 'requireActor lets the chief in; the engine refuses (request.take is registrar and head)',
  },
  {
    kind: 'action',
    key: 'app/registrar/requests/actions.ts#approveRequest',
    allow: ['registrar', 'head', 'chief'],
    resource: 'request',
    args: (c) => [{ requestId: c.named!.id, version: requestVersion(c) }],
    probe: (c) => [{ requestId: requestOf(c).id, version: requestOf(c).version + STALE }],
    prefer: attachmentRequest,
    page: (c) => `/registrar/requests/${c.named?.id ?? anyUuid}`,
  },
  {
    kind: 'action',
    key: 'app/registrar/requests/actions.ts#refuseRequest',
    allow: ['registrar', 'head', 'chief'],
    resource: 'request',
    args: (c) => [{ requestId: c.named!.id, version: requestVersion(c), ground: 'requirements_not_met', reason }],
    probe: (c) => [{ requestId: requestOf(c).id, version: requestOf(c).version + STALE, ground: 'requirements_not_met', reason }],
    prefer: attachmentRequest,
    page: (c) => `/registrar/requests/${c.named?.id ?? anyUuid}`,
  },
  {
    kind: 'action',
    key: 'app/registrar/requests/actions.ts#reissueDocument',
    allow: ['registrar', 'head', 'chief'],
    resource: 'document',
    args: (c) => [{ documentId: c.named!.id, version: documentVersion(c) }],
    probe: (c) => [{ documentId: documentOf(c).id, version: documentOf(c).version + STALE }],
    page: (c) => `/registrar/requests/${c.named?.document?.requestId ?? anyUuid}`,
  },
  {
    kind: 'action',
    key: 'app/registrar/requests/actions.ts#correctReturnedDocument',
    allow: ['registrar', 'head', 'chief'],
    resource: 'document',
    args: (c) => [
      {
        requestId: c.named?.document?.requestId ?? anyUuid,
        version: c.world.requests.find((request) => request.id === c.named?.document?.requestId)?.version ?? 1,
        documentId: c.named!.id,
        documentVersion: documentVersion(c),
        facts: { address, addressKind: 'actual', sectionId: '' },
      },
    ],
    probe: (c) => [
      {
        requestId: documentOf(c).requestId ?? anyUuid,
        version: c.world.requests.find((request) => request.id === documentOf(c).requestId)?.version ?? 1,
        documentId: documentOf(c).id,
        documentVersion: documentOf(c).version + STALE,
        facts: { address, addressKind: 'actual', sectionId: '' },
      },
    ],
    page: (c) => `/registrar/requests/${c.named?.document?.requestId ?? anyUuid}`,
    note: 'a document not returned by its signer, or a stale version: refused after the access check',
  },
  {
    kind: 'action',
    key: 'app/registrar/patients/[id]/section/actions.ts#changeSection',
    allow: ['registrar', 'head', 'chief'],
    resource: 'patient',
    // The attachment's version is not in the world: version 1 is the version of an attachment never changed since.
    args: (c) => [{ patientId: Number(c.named!.id), version: 1, sectionId: '1', reason }],
    probe: (c) => [{ patientId: Number(c.named!.id), version: 1 + STALE, sectionId: '1', reason }],
    page: (c) => `/registrar/patients/${c.named?.id ?? 1}/section`,
    // As the detachment's page: it shows the person's card, an audited read (patient.read), also under a refused post.
    mayWrite: ['audit_log'],
  },
  {
    kind: 'action',
    key: 'app/head/requests/[id]/actions.ts#recordQualityControlAnswer',
    allow: ['head', 'chief'],
    resource: 'request',
    args: (c) => [{ requestId: c.named!.id, idempotencyKey: randomUUID(), outcome: 'rejected', text: reason }],
    // A complaint not forwarded to the quality-control body: refused as such, after the access check.
    probe: (c) => [{ requestId: c.named!.id, idempotencyKey: randomUUID(), outcome: 'rejected', text: reason }],
    prefer: (named) => named.request?.service === 'complaint' && named.request.status !== 'refused',
    page: (c) => `/head/requests/${c.named?.id ?? anyUuid}`,
  },
  {
    kind: 'action',
    key: 'app/head/requests/[id]/actions.ts#decideComplaint',
    allow: ['head', 'chief'],
    resource: 'request',
    args: (c) => [{ requestId: c.named!.id, version: requestVersion(c), outcome: 'forwarded', answer: reason }],
    // A stale version of the actor's own clinic's complaint: refused after the access check, nothing written.
    probe: (c) => [{ requestId: requestOf(c).id, version: requestOf(c).version + STALE, outcome: 'forwarded', answer: reason }],
    prefer: (named) => named.request?.service === 'complaint',
    page: (c) => `/head/requests/${c.named?.id ?? anyUuid}`,
  },
  {
    kind: 'action',
    key: 'app/head/requests/[id]/actions.ts#revokeDocument',
    allow: ['head', 'chief'],
    resource: 'document',
    args: (c) => [{ documentId: c.named!.id, version: documentVersion(c), reason }],
    probe: (c) => [{ documentId: documentOf(c).id, version: documentOf(c).version + STALE, reason }],
    page: (c) => `/head/requests/${c.named?.document?.requestId ?? anyUuid}`,
  },
  {
    kind: 'action',
    key: 'app/doctor/sign/actions.ts#refuseToSignDocument',
    allow: signers,
    resource: 'document',
    args: (c) => [{ documentId: c.named!.id, version: documentVersion(c), reason }],
    probe: (c) => [{ documentId: documentOf(c).id, version: documentOf(c).version + STALE, reason }],
    page: signPage,
  },
  {
    kind: 'action',
    key: 'app/doctor/sign/actions.ts#signDocuments',
    allow: signers,
    resource: 'document',
    // A wrong PIN: a hole would show as a PIN attempt written (or a signature), never as a document signed for real.
    args: (c) => [{ documentIds: [c.named!.id], pin: '999999' }],
    // A document of the clinic someone else signs: refused before the PIN is tried.
    probe: (c) => [{ documentIds: [c.named!.id], pin: DEMO_SIGNING_PIN }],
    prefer: notMineToSign,
    page: signPage,
  },
  {
    kind: 'action',
    key: 'app/doctor/sign/actions.ts#submitNcaLayerSignatures',
    allow: signers,
    resource: 'document',
    args: (c) => [{ items: [{ documentId: c.named!.id, signature: 'MIIBsweep' }] }],
    probe: (c) => [{ items: [{ documentId: c.named!.id, signature: 'MIIBsweep' }] }],
    prefer: notMineToSign,
    page: signPage,
  },
  {
    kind: 'action',
    key: 'app/head/care-stop/actions.ts#checkCareStop',
    allow: ['head'],
    resource: 'none',
    args: () => [
      { reason: 'reorganization', learnedOn: almatyDay(), stopsOn: almatyDay(40), note: 'sweep', idempotencyKey: randomUUID() },
    ],
    // Learned tomorrow: refused after the access check, before anyone without a phone is listed.
    probe: () => [
      { reason: 'reorganization', learnedOn: almatyDay(1), stopsOn: almatyDay(41), note: 'sweep', idempotencyKey: randomUUID() },
    ],
    page: () => '/head/care-stop',
    note: 'issue 15: the check before the confirmation; records nothing',
  },
  {
    kind: 'action',
    key: 'app/head/care-stop/actions.ts#recordCareStop',
    allow: ['head'],
    resource: 'none',
    args: () => [
      { reason: 'reorganization', learnedOn: almatyDay(), stopsOn: almatyDay(40), note: 'sweep', idempotencyKey: randomUUID() },
    ],
    // Learned tomorrow: refused after the access check (it would SMS every attached person).
    probe: () => [
      { reason: 'reorganization', learnedOn: almatyDay(1), stopsOn: almatyDay(41), note: 'sweep', idempotencyKey: randomUUID() },
    ],
    page: () => '/head/care-stop',
  },
  {
    kind: 'action',
    key: 'app/region/calendar/actions.ts#saveOverride',
    allow: ['region_admin'],
    resource: 'none',
    args: () => [{ day: sundayForCalendar(), kind: 'working_day', note: 'Sweep: must never be saved' }],
    probe: () => [{ day: sundayForCalendar(), kind: 'day_off', note: 'Sweep: a Sunday stays a day off' }],
    undo: () => [{ day: sundayForCalendar() }],
    undoAction: 'removeOverride',
    page: () => '/region/calendar',
    note: "transfers of days off are national data: the region's administrator enters them, no clinic's chief (issue 15)",
  },
  {
    kind: 'action',
    key: 'app/region/calendar/actions.ts#removeOverride',
    allow: ['region_admin'],
    resource: 'none',
    args: () => [{ day: sundayForCalendar() }],
    probe: () => [{ day: sundayForCalendar() }],
    page: () => '/region/calendar',
  },
  {
    kind: 'action',
    key: 'app/centre/add/actions.ts#lookupRegistryPerson',
    allow: ['dispensary_doctor'],
    resource: 'none',
    args: () => [{ iin: nobodyIins.lookup }],
    // An IIN nobody knows: refused at the field after the access check (the lookup is audited).
    probe: () => [{ iin: nobodyIins.lookup }],
    mayWrite: ['audit_log'],
    page: () => '/centre/add',
  },
  {
    kind: 'action',
    key: 'app/centre/add/actions.ts#addRegistryRecord',
    allow: ['dispensary_doctor'],
    resource: 'none',
    args: () => [registryRecord(almatyDay(-30))],
    // Observed from tomorrow: refused by the rules after the access check, nothing added.
    probe: () => [registryRecord(almatyDay(1))],
    page: () => '/centre/add',
    note: "issue 16: the centre is always the doctor's own",
  },
  {
    kind: 'action',
    key: 'app/centre/history/actions.ts#removeRegistryRecord',
    allow: ['dispensary_doctor'],
    resource: 'none',
    // The seed's first record: Иванова Ольга on the TB registry (scripts/seed/registry-data.ts), the sweep's TB doctor's.
    args: () => [{ recordId: 1, version: 1, removedOn: almatyDay(), reason: 'error', note: '' }],
    // A stale version: refused after the access check, nothing removed.
    probe: () => [{ recordId: 1, version: STALE, removedOn: almatyDay(), reason: 'error', note: '' }],
    // The history page without a record (a 404): a no-JavaScript post re-renders no one's history, so it reads and
    // audits nothing.
    page: () => '/centre/history',
  },
  {
    kind: 'action',
    key: 'app/centre/requests/[id]/actions.ts#decideUncertainMatch',
    allow: ['dispensary_doctor'],
    resource: 'request',
    args: ({ named }) => [{ requestId: named!.id, version: named!.request?.version ?? 0, result: 'not_registered' }],
    // A stale version: refused after the access check, nothing decided.
    probe: ({ named }) => [{ requestId: named!.id, version: STALE, result: 'not_registered' }],
    page: ({ named }) => `/centre/requests/${named?.id ?? randomUUID()}`,
    note: "only a request of the doctor's own centre's registry (issue 16)",
  },
  {
    kind: 'action',
    key: 'app/centre/import/actions.ts#commitRegistryImport',
    allow: ['dispensary_doctor'],
    resource: 'none',
    args: () => [{ importId: randomUUID(), version: 1 }],
    probe:
      'an import is made by the upload (a route handler); an import id of nobody is refused to everyone as not found, and ' +
      "another centre's import looks missing (tests/integration/registry-centre.test.ts)",
    page: () => '/centre/import',
  },
  {
    kind: 'action',
    key: 'app/chief/protocols/actions.ts#checkProtocol',
    allow: ['chief'],
    resource: 'none',
    args: () => [nobodysProtocol()],
    // An IIN of nobody: the check refuses the line, and lists nobody.
    probe: () => [nobodysProtocol()],
    page: () => '/chief/protocols',
    note: 'issue 15: the check before the confirmation; applies nothing',
  },
  {
    kind: 'action',
    key: 'app/chief/protocols/actions.ts#applyProtocol',
    allow: ['chief'],
    resource: 'none',
    args: () => [nobodysProtocol()],
    // An IIN of nobody: every line is checked first, and the protocol is refused whole.
    probe: () => [nobodysProtocol()],
    page: () => '/chief/protocols',
  },
  {
    kind: 'action',
    key: 'app/registrar/desk/actions.ts#submitDeskAttachment',
    allow: ['registrar'],
    resource: 'none',
    args: ({ world }) => [deskApplication(world.mother.id)],
    // A section no clinic has: refused by the rules after the access check, for whichever person the fuzz puts in
    // (anyone may apply at any desk, so a real person's id is no forgery here).
    probe: ({ world }) => [deskApplication(world.mother.id, nobodysSection)],
    page: () => '/registrar/desk',
    note: "the clinic is always the registrar's own; anyone may apply at any desk",
  },
  {
    kind: 'action',
    key: 'app/registrar/patients/new/actions.ts#registerWalkIn',
    allow: ['registrar'],
    resource: 'none',
    args: () => [walkIn(almatyDay(-12000))],
    // Born tomorrow: refused after the access check, nobody is registered.
    probe: () => [walkIn(almatyDay(1))],
    page: () => '/registrar/patients/new',
    note: 'issue 15: a person the database does not know; one per IIN',
  },
  {
    kind: 'action',
    key: 'app/registrar/patients/[id]/detach/actions.ts#detachPatient',
    allow: ['registrar'],
    resource: 'patient',
    args: ({ named }) => [detachment(named!.id, almatyDay())],
    // Detached tomorrow: refused after the access check, the attachment stays.
    probe: ({ named }) => [detachment(named!.id, almatyDay(1))],
    page: ({ named }) => `/registrar/patients/${named?.id ?? '1'}/detach`,
    // The page shows the person's card, and every showing of a card is audited (patient.read): a post the action
    // refuses still renders the page, and that read is recorded.
    mayWrite: ['audit_log'],
    note: "issue 15: only a person attached to the registrar's own clinic",
  },
  {
    kind: 'action',
    key: 'app/registrar/desk/family/actions.ts#submitDeskFamily',
    allow: ['registrar'],
    resource: 'none',
    args: ({ world }) => [deskFamily(world)],
    probe: ({ world }) => [deskFamily(world)],
    page: () => '/registrar/desk/family',
  },
  {
    kind: 'action',
    key: 'app/registrar/desk/family/actions.ts#findFamilyMember',
    allow: ['registrar'],
    resource: 'none',
    args: () => [{ iin: nobodyIins.lookup }],
    probe: () => [{ iin: nobodyIins.lookup }],
    mayWrite: ['login_attempts'],
    page: () => '/registrar/desk/family',
    note: 'any person by full IIN, by design (the desk takes applications from anyone); each lookup is counted (60 in 10 minutes per registrar), audited when found',
  },
]

// A walk-in born on `birthDate` (an IIN that encodes it, of nobody in the world).
// A Fund protocol of one line, an IIN of nobody: checked and refused line by line, it attaches nobody.
function nobodysProtocol() {
  return {
    kind: 'fund_placement',
    number: `SWEEP-${randomUUID().slice(0, 8)}`,
    receivedOn: almatyDay(),
    basis: 'clinic_refusal',
    people: nobodyIins.lookup,
    idempotencyKey: randomUUID(),
  }
}

function walkIn(birthDate: string) {
  return {
    iin: makeIin({ birthDate, sex: 'male', serial: 9985 }),
    lastName: 'Сыпыртқы',
    firstName: 'Тексеру',
    middleName: '',
    birthDate,
    sex: 'male',
    status: 'citizen',
    residence: '',
    address,
    phone: '',
    phoneConsent: false,
    idempotencyKey: randomUUID(),
  }
}

function detachment(patientId: string, detachedOn: string) {
  return { patientId: Number(patientId), reason: 'left_country', detachedOn, note: 'sweep', idempotencyKey: randomUUID() }
}

function deskDetails() {
  return {
    category: 'pensioner',
    documentKind: 'pension_certificate',
    documentNumber: 'SWEEP-1',
    documentIssuer: 'Sweep',
    phone: '',
    phoneConsent: false,
  }
}

const nobodysSection = '999999999'

function deskApplication(patientId: number, sectionId = '') {
  return {
    idempotencyKey: randomUUID(),
    payload: { patientId: String(patientId), sectionId, address, basis: 'residence_change', desk: deskDetails() },
  }
}

function deskFamily(world: World) {
  const member = (patientId: number, extra: Record<string, string> = {}) => ({
    patientId: String(patientId),
    sectionId: '',
    documentKind: 'identity_card',
    documentNumber: 'SWEEP-1',
    documentIssuer: 'Sweep',
    ...extra,
  })
  return {
    idempotencyKey: randomUUID(),
    payload: {
      address,
      basis: 'residence_change',
      writtenConsent: true,
      members: [
        member(world.mother.id),
        member(world.daughter.id, { documentKind: 'birth_certificate', representativeIin: world.mother.iin }),
      ],
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Who may, and with what

export function roleAllowed(allow: Allow, role: Role): boolean {
  if (allow === 'public') return true
  if (allow === 'signed-in') return role !== 'anonymous'
  return (allow as Role[]).includes(role)
}

export function variantsFor(actor: Actor, kind: ResourceKind): Variant[] {
  if (kind === 'none') return ['none']
  if (kind === 'verificationCode') return ['own', 'none']
  if (actor.role === 'anonymous') return ['own', 'none']
  if (actor.role === 'patient') return ['own', 'otherPatient', 'otherOrg', 'none']
  return ['own', 'otherOrg', 'none']
}

const noneIds: Record<ResourceKind, string> = {
  none: '',
  request: '6f1c2a9e-5b7d-4c3e-9a1f-00000000dead',
  approvedRequest: '6f1c2a9e-5b7d-4c3e-9a1f-00000000dead',
  document: '6f1c2a9e-5b7d-4c3e-9a1f-00000000beef',
  issuedDocument: '6f1c2a9e-5b7d-4c3e-9a1f-00000000beef',
  patient: '999999999',
  protocol: '999999999',
  verificationCode: 'ZZZZZ-99999',
}

type Owner = { organizationId: number | null; patientId: number | null }

/** Which clinic an actor belongs to (patients: the mother's is clinic 1, the other patient's clinic 2). */
function homeClinic(actor: Actor, world: World): number {
  if (actor.organizationId) return actor.organizationId
  if (actor.role === 'patient' && actor.id === world.patient2.id) return world.clinic2
  return world.clinic1
}

async function familyIds(actor: Actor, world: World): Promise<number[]> {
  if (actor.role !== 'patient') return []
  return actor.id === world.mother.id ? [world.mother.id, world.daughter.id] : [actor.id!]
}

/**
 * The resource of `kind` that `variant` means for `actor`, or null when the world has none (the case is skipped and
 * reported). `prefer` narrows the own resources (e.g. a document the actor does not sign).
 */
export async function pick(
  actor: Actor,
  world: World,
  kind: ResourceKind,
  variant: Variant,
  prefer?: (named: Named, actor: Actor) => boolean,
): Promise<Named | null> {
  if (kind === 'none') return null
  if (variant === 'none') return { variant, id: noneIds[kind] }
  const clinic = homeClinic(actor, world)
  const family = await familyIds(actor, world)
  const otherClinic = clinic === world.clinic1 ? world.clinic2 : world.clinic1
  // For a patient, "the other clinic's patient" is the other family of the cast: the mother's (clinic 1) for the
  // clinic-2 patient, his for the mother.
  const otherFamily = actor.id === world.patient2.id ? [world.mother.id, world.daughter.id] : [world.patient2.id]

  const matches = (owner: Owner): boolean => {
    if (actor.role === 'patient') {
      if (variant === 'own') return owner.patientId != null ? family.includes(owner.patientId) : owner.organizationId === clinic
      if (owner.patientId != null && family.includes(owner.patientId)) return false
      const ofOtherFamily = owner.patientId != null && otherFamily.includes(owner.patientId)
      if (variant === 'otherPatient') return !ofOtherFamily // the same clinic's first (see `first`)
      return ofOtherFamily || (owner.patientId == null && owner.organizationId === otherClinic)
    }
    if (variant === 'own') return owner.organizationId === clinic
    return owner.organizationId === otherClinic
  }
  const first = (candidates: Named[]) => {
    const fitting = variant === 'own' && prefer ? candidates.filter((c) => prefer(c, actor)) : candidates
    const clinicOf = (c: Named) => c.request?.organizationId ?? c.document?.organizationId ?? null
    // Another patient of one's own clinic when there is one, of any clinic otherwise.
    if (variant === 'otherPatient') fitting.sort((a, b) => Number(clinicOf(b) === clinic) - Number(clinicOf(a) === clinic))
    return fitting[0] ?? null
  }

  switch (kind) {
    case 'request':
    case 'approvedRequest':
      return first(
        world.requests
          .filter((r) => kind === 'request' || r.approvedWithAttachment)
          .filter((r) => matches({ organizationId: r.organizationId, patientId: r.patientId }))
          .map((r) => ({ variant, id: r.id, request: r })),
      )
    case 'document':
    case 'issuedDocument':
      return first(
        world.documents
          .filter((d) => kind === 'document' || d.status === 'issued')
          .filter((d) => matches({ organizationId: d.organizationId, patientId: d.patientId }))
          .map((d) => ({ variant, id: d.id, document: d })),
      )
    case 'patient': {
      const attached = await attachedClinics(world)
      const candidates = [...world.patients.values()]
        .filter((p) => matches({ organizationId: attached.get(p.id) ?? null, patientId: p.id }))
        // Staff: a patient attached to the clinic; a patient: prefer the child they represent.
        .filter((p) => actor.role === 'patient' || attached.get(p.id) != null)
        .sort((a, b) =>
          actor.role === 'patient' && variant === 'own' ? Number(b.id !== actor.id) - Number(a.id !== actor.id) : 0,
        )
      return first(candidates.map((p) => ({ variant, id: String(p.id), patient: p })))
    }
    case 'protocol':
      return first(
        world.protocols
          .filter((p) => (variant === 'own' ? p.organizationId === clinic : p.organizationId !== clinic))
          .map((p) => ({ variant, id: String(p.id), protocol: p })),
      )
    case 'verificationCode': {
      const document = world.documents[0]
      return document ? { variant, id: document.code, document } : null
    }
  }
}

let attachedCache: { world: World; map: Map<number, number> } | null = null

async function attachedClinics(world: World): Promise<Map<number, number>> {
  if (attachedCache?.world === world) return attachedCache.map
  const { db } = await import('./db')
  const rows = await db()<{ patient_id: number; organization_id: number }[]>`
    select patient_id::int, organization_id::int from attachments where status = 'active'`
  const map = new Map(rows.map((row) => [row.patient_id, row.organization_id]))
  attachedCache = { world, map }
  return map
}

export function forgetAttachments() {
  attachedCache = null
}
