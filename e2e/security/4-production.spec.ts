// The e2e server is the demo (demo inbox, plain HTTP, no proxy); the second server of playwright.config.ts is set up as
// production is (an SMS provider, APP_URL on HTTPS, 127.0.0.1 as the trusted proxy). What differs between the two is
// checked here, over HTTP against the built app.
import { randomBytes } from 'node:crypto'
import { expect, request, test, type APIRequestContext } from '@playwright/test'
import postgres from 'postgres'
import { DEMO_STAFF_PASSWORD } from '../../scripts/seed/demo-data'
import { baseURL, productionBaseURL, productionDataPath, productionPgPort } from '../server-env'
import { callAction, send, type Answer } from './client'
import { ownerDatabaseUrl } from './db'
import { discoverActions } from './discover'

const servers = {
  demo: { base: baseURL, db: () => ownerDatabaseUrl() },
  production: { base: productionBaseURL, db: () => ownerDatabaseUrl(productionDataPath, productionPgPort) },
} as const
type Server = keyof typeof servers

const contexts: APIRequestContext[] = []
const connections: postgres.Sql[] = []
test.afterAll(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.dispose()))
  await Promise.all(connections.splice(0).map((sql) => sql.end()))
})

async function client(server: Server) {
  const context = await request.newContext({ baseURL: servers[server].base })
  contexts.push(context)
  return context
}

function database(server: Server) {
  const sql = postgres(servers[server].db(), { max: 1, onnotice: () => {} })
  connections.push(sql)
  return sql
}

const get = async (server: Server, path: string, headers: Record<string, string> = {}) =>
  send(await client(server), { method: 'GET', path: `${servers[server].base}${path}`, headers })

const signInStaff = discoverActions().find((action) => action.name === 'signInStaff' && action.file === 'app/login/actions.ts')!

async function staffSignIn(
  server: Server,
  login: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return callAction(await client(server), signInStaff, `${servers[server].base}/login`, [{ login, password }], headers)
}

test('the demo inbox exists only in the demo: a server with an SMS provider has none, and no banner', async () => {
  const demo = await get('demo', '/login')
  expect(demo.body).toContain('href="/dev/inbox"')
  expect(demo.body).toMatch(/role="note"/)
  expect((await get('demo', '/dev/inbox')).status).toBe(200)

  const production = await get('production', '/login')
  expect(production.status).toBe(200)
  expect(production.body).not.toContain('/dev/inbox')
  expect(production.body).not.toMatch(/role="note"/)
  expect((await get('production', '/dev/inbox')).status).toBe(404)
})

test('behind HTTPS: HSTS, upgrade-insecure-requests and Secure session cookies; plain HTTP sends neither', async () => {
  const production = await get('production', '/login')
  expect(production.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
  expect(production.headers['content-security-policy']).toContain('upgrade-insecure-requests')

  const signedIn = await staffSignIn('production', 'registrar1', DEMO_STAFF_PASSWORD)
  expect(signedIn.actionRedirect).toBe('/')
  const cookies = signedIn.headers['set-cookie'] ?? ''
  expect(cookies).toMatch(/__Secure-authjs\.session-token=[^;]+;[^\n]*Secure/i)
  expect(cookies).toMatch(/tirkeu-locale=[^;]+;[^\n]*Secure/i)

  const demo = await get('demo', '/login')
  expect(demo.headers['strict-transport-security']).toBeUndefined()
  expect(demo.headers['content-security-policy']).not.toContain('upgrade-insecure-requests')
  const demoSignIn = await staffSignIn('demo', 'registrar2b', DEMO_STAFF_PASSWORD)
  expect(demoSignIn.headers['set-cookie'] ?? '').not.toMatch(/;\s*secure/i)
})

test('X-Forwarded-For is believed from a trusted proxy only: elsewhere the socket is the address, in the audit log too', async () => {
  const forged = '203.0.113.77'
  const addressOfFailure = async (server: Server) => {
    const login = `xff-${randomBytes(4).toString('hex')}`
    const answer = await staffSignIn(server, login, 'not-the-password', { 'X-Forwarded-For': forged })
    expect(answer.result).toMatchObject({ ok: false, code: 'errors.auth.invalidCredentials' })
    const sql = database(server)
    const [audit] = await sql<{ address: string }[]>`
      select address from audit_log where action = 'auth.signInFailed' and details->>'login' = ${login}`
    const attempts = await sql<{ key: string }[]>`select key from login_attempts where key like ${`staff:${login}%`} order by key`
    return { address: audit?.address, keys: attempts.map((row) => row.key) }
  }
  // The demo server has no trusted proxy: the header is ignored, so changing it neither escapes a limit nor forges the
  // audit log.
  const demo = await addressOfFailure('demo')
  expect(demo.address).toBe('127.0.0.1')
  expect(demo.keys.some((key) => key.endsWith('@127.0.0.1'))).toBe(true)
  expect(demo.keys.some((key) => key.includes(forged))).toBe(false)
  // Behind the trusted proxy (127.0.0.1), the client is the address the proxy names.
  const production = await addressOfFailure('production')
  expect(production.address).toBe(forged)
  expect(production.keys.some((key) => key.endsWith(`@${forged}`))).toBe(true)
})

test('five wrong passwords from one address lock that address; X-Forwarded-For from a stranger does not open it', async () => {
  const login = 'registrar2'
  const headers = (i: number) => ({ 'X-Forwarded-For': `198.51.100.${i + 1}` })
  const results = []
  for (let i = 0; i < 6; i++) results.push((await staffSignIn('demo', login, `wrong-${i}`, headers(i))).result)
  expect(results.at(-1)).toMatchObject({ ok: false, code: 'errors.auth.locked' })
  // The registrar's own right password from the same (socket) address is locked too, whatever the header says…
  expect((await staffSignIn('demo', login, DEMO_STAFF_PASSWORD, headers(99))).result).toMatchObject({
    code: 'errors.auth.locked',
  })
  // …while behind the trusted proxy the same login from another client still signs in.
  const elsewhere = await staffSignIn('production', login, DEMO_STAFF_PASSWORD, { 'X-Forwarded-For': '192.0.2.10' })
  expect(elsewhere.actionRedirect).toBe('/')
})
