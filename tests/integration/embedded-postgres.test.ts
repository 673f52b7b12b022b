import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import postgres from 'postgres'
import { afterAll, describe, expect, it } from 'vitest'
import { startEmbeddedPostgres, type EmbeddedServer } from '@/db/embedded'
import { removeEmbeddedData } from '@/db/embedded-place'

const dataDir = path.resolve(import.meta.dirname, `../../.data/test-restart-${process.pid}`)
let server: EmbeddedServer | null = null

afterAll(async () => {
  await server?.stop()
  removeEmbeddedData(dataDir)
})

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer()
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

async function query(url: string, text: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  try {
    return await sql.unsafe(text)
  } finally {
    await sql.end()
  }
}

const postmasterPid = () => Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])

async function waitGone(pid: number) {
  for (;;) {
    try {
      process.kill(pid, 0)
    } catch {
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('embedded PostgreSQL as `npm start` runs it', () => {
  it('answers on its Unix socket in the data directory, with the password only', async () => {
    const port = await freePort()
    const socketDataDir = `${dataDir}-socket`
    const options = {
      dataDir: socketDataDir,
      port,
      database: 'tirkeu',
      persistent: false,
      password: randomBytes(16).toString('hex'),
    }
    server = await startEmbeddedPostgres(options)
    expect(server.socketDirectory).toBe(path.resolve(socketDataDir))
    const user = decodeURIComponent(new URL(server.url).username)
    const viaSocket = (password: string) =>
      postgres({ host: server!.socketDirectory!, port, user, password, database: 'tirkeu', max: 1, onnotice: () => {} })
    const right = viaSocket(options.password)
    try {
      const [row] = await right`select inet_server_addr() as address`
      // No TCP address: the connection came through the socket.
      expect(row!.address).toBeNull()
    } finally {
      await right.end()
    }
    const wrong = viaSocket('not-the-password')
    try {
      await expect(wrong`select 1`).rejects.toMatchObject({ code: '28P01' })
    } finally {
      await wrong.end()
    }
    await server.stop()
    server = null
  })

  it('keeps the data across a restart, and comes up after kill -9 with a stale lock file', async () => {
    const port = await freePort()
    const options = { dataDir, port, database: 'tirkeu', persistent: true, password: randomBytes(16).toString('hex') }
    server = await startEmbeddedPostgres(options)
    expect(server.url).toContain(`:${options.password}@`)
    await query(server.url, 'create table kept (note text); insert into kept values ($$still here$$)')
    await server.stop()

    server = await startEmbeddedPostgres(options)
    expect(await query(server.url, 'select note from kept')).toEqual([{ note: 'still here' }])

    // kill -9: the postmaster dies without removing postmaster.pid; then its PID is "reused" by a live process.
    const pid = postmasterPid()
    process.kill(pid, 'SIGKILL')
    await waitGone(pid)
    const lock = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')
    // PostgreSQL itself ignores a PID it may not signal, so the bystander runs as the same OS user as the server.
    const owner = statSync(dataDir)
    const bystander = spawn('sleep', ['60'], { uid: owner.uid, gid: owner.gid })
    try {
      lock[0] = String(bystander.pid)
      writeFileSync(path.join(dataDir, 'postmaster.pid'), lock.join('\n'))
      server = await startEmbeddedPostgres(options)
      expect(await query(server.url, 'select note from kept')).toEqual([{ note: 'still here' }])
    } finally {
      bystander.kill()
    }
  })

  it('a data directory made with the password once fixed in the code adopts the generated one', async () => {
    const port = await freePort()
    const base = { dataDir: `${dataDir}-adopt`, port, database: 'tirkeu', persistent: true }
    try {
      server = await startEmbeddedPostgres({ ...base, password: 'password' })
      await server.stop()
      const fresh = randomBytes(16).toString('hex')
      server = await startEmbeddedPostgres({ ...base, password: fresh, previousPassword: 'password' })
      expect(await query(server.url, 'select 1 as one')).toEqual([{ one: 1 }])
      // The old password no longer signs in.
      await expect(query(server.url.replace(fresh, 'password'), 'select 1')).rejects.toMatchObject({ code: '28P01' })
    } finally {
      await server?.stop()
      server = null
      removeEmbeddedData(base.dataDir)
    }
  })
})
