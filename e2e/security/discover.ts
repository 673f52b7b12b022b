// What the built app exposes, found rather than listed by hand: every page.tsx and route.ts under app/ (with its
// dynamic segments), and every server action of the build (.next/server/server-reference-manifest.json, with its file,
// exported name and the pages whose module graph imports it). The sweep's table must classify each of them.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

export const projectRoot = path.resolve(import.meta.dirname, '..', '..')
const appDir = path.join(projectRoot, 'app')

export type DiscoveredPath = {
  kind: 'page' | 'route'
  /** The URL pattern as Next spells it, e.g. `/registrar/requests/[id]`, `/api/auth/[...nextauth]`. */
  path: string
  /** The source file, relative to the project root. */
  file: string
  /** Names of the dynamic segments, in order. */
  params: string[]
  /** For route handlers: the HTTP methods the file exports. */
  methods: string[]
}

const httpMethods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

function urlOf(relativeDir: string): { path: string; params: string[] } {
  const segments = relativeDir.split(path.sep).filter(Boolean)
  const kept = segments.filter((segment) => !/^\(.*\)$/.test(segment) && !segment.startsWith('@'))
  const params = kept.flatMap((segment) => /^\[+(?:\.\.\.)?([^\]]+)\]+$/.exec(segment)?.[1] ?? [])
  return { path: `/${kept.join('/')}`, params }
}

/** Every page.tsx and route.ts under app/ (private `_folders` are not routes). */
export function discoverPaths(): DiscoveredPath[] {
  const found: DiscoveredPath[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('_')) walk(full)
        continue
      }
      const match = /^(page|route)\.(tsx|ts|jsx|js|mdx)$/.exec(entry.name)
      if (!match) continue
      const { path: url, params } = urlOf(path.relative(appDir, dir))
      const file = path.relative(projectRoot, full)
      const source = readFileSync(full, 'utf8')
      const methods =
        match[1] === 'route'
          ? httpMethods.filter((method) =>
              new RegExp(
                `export\\s+(?:async\\s+)?(?:function|const)\\s+${method}\\b|export\\s+const\\s*\\{[^}]*\\b${method}\\b`,
              ).test(source),
            )
          : []
      found.push({ kind: match[1] as 'page' | 'route', path: url, file, params, methods })
    }
  }
  walk(appDir)
  return found.sort((a, b) => a.path.localeCompare(b.path) || a.kind.localeCompare(b.kind))
}

export type DiscoveredAction = {
  /** `<file>#<exportedName>`, e.g. `app/registrar/requests/actions.ts#takeRequest`: the table's key. */
  key: string
  id: string
  file: string
  name: string
  /** App paths (e.g. `/registrar/requests/[id]`) of the pages whose module graph imports the action. */
  pages: string[]
}

type Manifest = { node: Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }> }

export const manifestPath = path.join(projectRoot, '.next', 'server', 'server-reference-manifest.json')

/** Every server action of the current build. Ids change with each build: always read them from here. */
export function discoverActions(): DiscoveredAction[] {
  if (!existsSync(manifestPath)) throw new Error(`No ${path.relative(projectRoot, manifestPath)}: run \`npx next build\``)
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest
  return Object.entries(manifest.node)
    .map(([id, action]) => {
      const file = action.filename ?? '?'
      const name = action.exportedName ?? '?'
      const pages = Object.keys(action.workers)
        .filter((worker) => /^app\/.*\/?page$/.test(worker) && !worker.startsWith('app/_'))
        .map(
          (worker) =>
            urlOf(
              worker
                .replace(/^app\/?/, '')
                .replace(/\/?page$/, '')
                .replaceAll('/', path.sep),
            ).path,
        )
      return { key: `${file}#${name}`, id, file, name, pages }
    })
    .sort((a, b) => a.key.localeCompare(b.key))
}
