// Where the end-to-end server listens and keeps its data: read by playwright.config.ts (webServer) and by the
// security harness (e2e/security/db.ts connects to the same embedded PostgreSQL).
import path from 'node:path'

export const e2ePort = Number(process.env.E2E_PORT ?? 3100)
export const e2ePgPort = Number(process.env.E2E_PG_PORT ?? 54339)
export const baseURL = `http://127.0.0.1:${e2ePort}`
/** The server's TIRKEU_DATA_DIR, relative to the project root (the webServer command empties it first). */
export const e2eDataDir = process.env.E2E_DATA_DIR ?? '.data/e2e'
export const e2eDataPath = path.resolve(import.meta.dirname, '..', e2eDataDir)

// A second server, set up as production is (e2e/security/4-production.spec.ts): an SMS provider instead of the demo
// inbox, a public HTTPS address (TLS ends at a proxy in front), and 127.0.0.1 as that trusted proxy.
export const productionPort = e2ePort + 1
export const productionPgPort = e2ePgPort + 1
export const productionBaseURL = `http://127.0.0.1:${productionPort}`
export const productionAppUrl = 'https://tirkeu.example'
export const productionDataDir = `${e2eDataDir}-production`
export const productionDataPath = path.resolve(import.meta.dirname, '..', productionDataDir)
