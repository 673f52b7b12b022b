import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')

// Runs a start script with a clean environment of our choosing; both refusals happen before any build or database.
function run(script: 'start' | 'serve', env: Partial<NodeJS.ProcessEnv>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', `${script}.ts`)], {
    cwd: root,
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/root', PORT: '3999', NODE_ENV: 'test', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { status: result.status, stderr: result.stderr }
}

describe('a server that could show sign-in codes to anyone does not start', () => {
  it('npm start with an external DATABASE_URL and no SMS provider refuses, with a clear message', () => {
    const result = run('start', { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('not starting: No SMS provider: set SMS_PROVIDER_URL')
  })

  it('npm start with an external DATABASE_URL refuses the demo flag too', () => {
    const result = run('start', { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', TIRKEU_DEMO: '1' })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('TIRKEU_DEMO=1 shows every SMS')
  })

  it('the embedded demo with TIRKEU_DEMO=0 and no provider refuses', () => {
    const result = run('start', { TIRKEU_DEMO: '0' })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('No SMS provider')
  })

  it('the production server itself (NODE_ENV=production) refuses without a provider or the demo flag', () => {
    const result = run('serve', { NODE_ENV: 'production', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('not starting: No SMS provider')
  })
})
