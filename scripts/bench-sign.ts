// `npm run bench:sign`: how long one 064/e coupon takes to render, sign and verify, and documents per second for a
// batch signed with one PIN entry. See docs/performance.md ("Signing (issue 6)") for the figures.
//
// One run: a throwaway embedded PostgreSQL (.data/bench-sign-<pid>) with the migrations and the demo data → the demo
// registrar1 (who signs coupons on behalf of aktau-pc-1) → one warm-up signing (creates the demo CA and issues the
// certificate) → the figures:
//   1. A batch of one document, as the inbox's "sign" button does it: coupon snapshot (attachment's buildCoupon,
//      realistic Kazakh data, canonical hash) → signHashesWithDemoPki (lockout check, PIN unseal with scrypt, CMS
//      sign, attempt row) → verifyDocumentSignature (parse, signature, digest, chain to the demo root, IIN) → the
//      signed PDF (lib/pdf renderDocument: the band with the signer, the certificate subject, the time and the QR).
//   2. The same per document inside a signing session (the key unsealed once with the PIN, as one PIN entry for a
//      selected batch in the inbox): snapshot + hash → sign → verify → render. Its median is `median_ms`.
//   3. The cost of opening the session (the PIN unseal) on its own, so it is neither hidden nor counted twice.
//   4. A batch of --batch documents in one session, end to end: documents per second.
// The last line is `median_ms <x>` (figure 2).
//
// Flags: --runs 200 (documents measured one by one), --batch 1000 (documents in the batch), --warmup 5.
import { randomBytes } from 'node:crypto'
import { cpus } from 'node:os'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import postgres from 'postgres'
import { allowServerOnlyImports, positiveInt, throwawayDatabase, type BenchDatabase } from './bench-db'

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '200' },
    batch: { type: 'string', default: '1000' },
    warmup: { type: 'string', default: '5' },
  },
  strict: true,
})

const runs = positiveInt('runs', flags.runs)
const batchSize = positiveInt('batch', flags.batch)
const warmupRuns = Number(flags.warmup)

const log = (line: string) => console.log(`[bench] ${line}`)
let database: BenchDatabase | null = null
const stopDatabase = () => database?.stop() ?? Promise.resolve()

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping`)
    void stopDatabase().finally(() => process.exit(130))
  })
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}
const ms = (value: number) => value.toFixed(2)

// Realistic patients for the coupons: Kazakh and Russian names, valid IINs, Aktau addresses. Deterministic in `i`.
const patientNames = [
  { lastName: 'Серікова', firstName: 'Әсел', middleName: 'Болатқызы', sex: 'female' },
  { lastName: 'Қуанышбаев', firstName: 'Ерлан', middleName: 'Ғалымжанұлы', sex: 'male' },
  { lastName: 'Иванова', firstName: 'Татьяна', middleName: 'Сергеевна', sex: 'female' },
  { lastName: 'Өтебаев', firstName: 'Нұрсұлтан', middleName: null, sex: 'male' },
  { lastName: 'Ким', firstName: 'Виктор', middleName: 'Алексеевич', sex: 'male' },
  { lastName: 'Жақсылықова', firstName: 'Гүлжан', middleName: 'Төлеуқызы', sex: 'female' },
] as const

async function main(): Promise<void> {
  process.env.AUTH_SECRET ??= randomBytes(32).toString('hex') // seals the throwaway CA and keys of this run
  const pin = process.env.DEMO_SIGNING_PIN || '123456'
  log(`Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}); runs ${runs}, batch ${batchSize}`)

  database = await throwawayDatabase('bench-sign', { seed: true })
  allowServerOnlyImports()
  const { createDatabase } = await import('../db/client')
  const { openDemoSigningSession, signHashesWithDemoPki } = await import('../lib/signing/demo-pki')
  const { verifyDocumentSignature } = await import('../lib/signing/verify')
  const { pinKey, pinKeyDerivation, newSalt } = await import('../lib/signing/seal')
  const { buildCoupon } = await import('../lib/services/attachment/documents/attachment-coupon-064e')
  const { snapshotHash } = await import('../lib/documents/canonical')
  const { renderDocument } = await import('../lib/pdf/documents')
  const { makeIin } = await import('../lib/iin')
  const { newVerificationCode } = await import('../lib/documents/verification-code')
  type Sources = Parameters<typeof buildCoupon>[1]
  type SignatureCheck = Awaited<ReturnType<typeof verifyDocumentSignature>>

  const sql = postgres(database.url, { max: 4, onnotice: () => {} })
  const db = createDatabase(sql)
  // The coupon is signed by the registrar who decided, on behalf of the clinic (issue 6 contract).
  const [registrar] = await sql<{ id: string; iin: string | null; name: string; organizationId: string }[]>`
    select id, iin, concat_ws(' ', last_name, first_name, middle_name) as name, organization_id as "organizationId"
    from staff where login = 'registrar1'`
  if (!registrar?.iin) throw new Error('the demo data has no registrar1 with an IIN')
  const staffId = Number(registrar.id)
  const iin = registrar.iin
  const [clinic] = await sql<{ nameKk: string; nameRu: string; addressKk: string; addressRu: string }[]>`
    select name_kk as "nameKk", name_ru as "nameRu", address_kk as "addressKk", address_ru as "addressRu"
    from organizations where id = ${registrar.organizationId}`
  const [doctor] = await sql<{ id: string; name: string }[]>`
    select id, concat_ws(' ', last_name, first_name, middle_name) as name from staff where login = 'doctor1'`
  if (!clinic || !doctor) throw new Error('the demo data has no aktau-pc-1 or doctor1')

  const couponSources = (i: number): Sources => {
    const person = patientNames[i % patientNames.length]!
    const birthDate = `19${60 + (i % 40)}-0${1 + (i % 9)}-${String(10 + (i % 18)).padStart(2, '0')}`
    const decidedAt = new Date(Date.UTC(2026, 10, 23, 5, 0) + (i % 480) * 60_000)
    return {
      request: { number: 1000 + i, submittedAt: new Date(decidedAt.getTime() - 26 * 3_600_000), decidedAt },
      clinic,
      patient: {
        iin: makeIin({ birthDate, sex: person.sex, serial: i % 10_000 }),
        lastName: person.lastName,
        firstName: person.firstName,
        middleName: person.middleName,
        birthDate,
        address: `Ақтау қ., ${1 + (i % 30)} шағын аудан, ${1 + (i % 60)} үй, ${1 + (i % 90)} пәтер`,
      },
      basis: { code: 'free_choice', kk: 'Емхананы еркін таңдау', ru: 'Свободный выбор поликлиники' },
      section: { number: '1', doctor: { id: Number(doctor.id), name: doctor.name, role: 'doctor' } },
      attachment: { validFrom: '2026-11-24', validTo: null },
      refusal: null,
      decider: { id: staffId, name: registrar.name, role: 'registrar' },
    }
  }

  // The band of the signed PDF shows what the verification found: the certificate's name and subject, the time.
  const renderSigned = (snapshot: ReturnType<typeof buildCoupon>, code: string, check: SignatureCheck) => {
    if (check.status !== 'valid') throw new Error(`verification: ${JSON.stringify(check)}`)
    return renderDocument({
      snapshot,
      verificationCode: code,
      signature: { signerName: check.signer.commonName, certificateSubject: check.signer.subject, signedAt: check.signedAt! },
      baseUrl: 'https://tirkeu.kz',
    })
  }
  const verify = (signature: string, hash: string) =>
    verifyDocumentSignature({ signature, snapshotHash: hash, expectedSignerIin: iin }, db)

  type Steps = { snapshot: number; sign: number; verify: number; render: number; total: number; pdfBytes: number }
  // One document; `sign` signs the hash (a whole one-document batch, or one signature inside a session).
  const oneDocument = async (i: number, sign: (hash: string) => Promise<string>): Promise<Steps> => {
    const t0 = performance.now()
    const snapshot = buildCoupon(String(1000 + i), couponSources(i))
    const hash = snapshotHash(snapshot)
    const t1 = performance.now()
    const signature = await sign(hash)
    const t2 = performance.now()
    const check = await verify(signature, hash)
    const t3 = performance.now()
    const pdf = await renderSigned(snapshot, newVerificationCode(), check)
    const t4 = performance.now()
    return { snapshot: t1 - t0, sign: t2 - t1, verify: t3 - t2, render: t4 - t3, total: t4 - t0, pdfBytes: pdf.length }
  }
  const signAlone = async (hash: string) => {
    const signed = await signHashesWithDemoPki(db, { staffId, pin, snapshotHashes: [hash] }, new Date())
    if (!signed.ok) throw new Error(signed.error)
    return signed.signatures[0]!
  }
  const openSession = async () => {
    const opened = await openDemoSigningSession(db, { staffId, pin }, new Date())
    if (!opened.ok) throw new Error(opened.error)
    return opened.session
  }
  const report = (title: string, steps: Steps[]) => {
    const step = (name: keyof Steps) => ms(median(steps.map((s) => s[name])))
    const totals = steps.map((s) => s.total)
    log(`${title}, ${steps.length} runs: median ${ms(median(totals))} ms, p95 ${ms(percentile(totals, 95))} ms`)
    log(
      `  median per step: snapshot + hash ${step('snapshot')} ms, sign ${step('sign')} ms, verify ${step('verify')} ms,` +
        ` render the signed PDF ${step('render')} ms (${median(steps.map((s) => s.pdfBytes)).toFixed(0)} bytes)`,
    )
  }

  const tFirst = performance.now()
  await oneDocument(0, signAlone)
  log(`first signing (creates the demo CA, issues registrar1's certificate): ${ms(performance.now() - tFirst)} ms`)
  const warmSession = await openSession()
  for (let i = 1; i <= warmupRuns; i++) {
    await oneDocument(i, signAlone)
    await oneDocument(i, (hash) => warmSession.sign(hash, new Date()))
  }

  // 1. A batch of one: the PIN unseal is paid by this document alone.
  const alone: Steps[] = []
  for (let i = 0; i < runs; i++) alone.push(await oneDocument(1000 + i, signAlone))
  report('1. one-document batch (the PIN unseal included in sign)', alone)

  // 3. Opening a session: the lockout check, the certificate row, scrypt + HKDF + AES-GCM unseal, the attempt row.
  const opens: number[] = []
  const scrypts: number[] = []
  const salt = newSalt()
  for (let i = 0; i < Math.min(runs, 50); i++) {
    const t0 = performance.now()
    await openSession()
    opens.push(performance.now() - t0)
    const t1 = performance.now()
    await pinKey(pin, salt, pinKeyDerivation)
    scrypts.push(performance.now() - t1)
  }
  log(
    `PIN unseal, once per batch: opening a signing session ${ms(median(opens))} ms median` +
      ` (of which scrypt N=${pinKeyDerivation.N} r=${pinKeyDerivation.r} + HKDF ${ms(median(scrypts))} ms), ${opens.length} runs`,
  )

  // 2. Inside a session: what each further document of a batch costs.
  const session = await openSession()
  const inSession: Steps[] = []
  for (let i = 0; i < runs; i++) inSession.push(await oneDocument(5000 + i, (hash) => session.sign(hash, new Date())))
  report('2. one document inside a signing session (key already unsealed)', inSession)

  // 4. A batch of `batchSize` with one PIN entry, end to end.
  const tBatch = performance.now()
  const batchSession = await openSession()
  const batch: Steps[] = []
  for (let i = 0; i < batchSize; i++) batch.push(await oneDocument(100_000 + i, (hash) => batchSession.sign(hash, new Date())))
  const batchMs = performance.now() - tBatch
  const sum = (name: keyof Steps) => ms(batch.reduce((total, s) => total + s[name], 0))
  log(
    `4. batch of ${batchSize} with one PIN entry: ${ms(batchMs)} ms, ${((batchSize * 1000) / batchMs).toFixed(1)} docs/s` +
      ` (snapshot + hash ${sum('snapshot')} ms, sign ${sum('sign')} ms, verify ${sum('verify')} ms, render ${sum('render')} ms)`,
  )
  await sql.end()
  console.log(`median_ms ${ms(median(inSession.map((s) => s.total)))}`)
}

let exitCode = 0
try {
  await main()
} catch (error) {
  console.error('[bench] failed:', error)
  exitCode = 1
} finally {
  await stopDatabase()
}
process.exit(exitCode)
