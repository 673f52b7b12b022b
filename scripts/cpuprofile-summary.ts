// Summarises a V8 .cpuprofile (e.g. from `npm run bench:submit -- --cpu-prof DIR`): where the Next process spends
// its CPU, by package or app file (minified .next chunks are mapped back through their source maps), by function,
// and by area (inclusive: a sample counts for an area when any frame of its stack belongs to it).
// Usage: node --import tsx scripts/cpuprofile-summary.ts <file.cpuprofile> [--top 25] [--window A-B] [--callers REGEX]
// --window: only samples between two process.hrtime() instants in µs (bench:submit prints its measured window);
// --callers: the commonest call paths (6 frames up) into functions whose name or file matches REGEX.
import { existsSync, readFileSync } from 'node:fs'
import { SourceMap } from 'node:module'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number }
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] }
type Profile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

const { values, positionals } = parseArgs({
  options: { top: { type: 'string', default: '25' }, window: { type: 'string' }, callers: { type: 'string' } },
  allowPositionals: true,
})
if (positionals.length !== 1) {
  console.error('usage: scripts/cpuprofile-summary.ts <file.cpuprofile> [--top N] [--window startUs-endUs] [--callers regex]')
  process.exit(2)
}
const top = Number(values.top)
const profile = JSON.parse(readFileSync(positionals[0]!, 'utf8')) as Profile

// ---- source positions: minified chunks → original files through their .map
const maps = new Map<string, SourceMap | null>()
function originalOf(frame: CallFrame): { file: string; line: number } {
  const url = frame.url
  if (!url) return { file: '', line: 0 }
  if (!url.startsWith('file://')) return { file: url, line: frame.lineNumber + 1 }
  const file = fileURLToPath(url)
  if (!file.includes('/.next/')) return { file, line: frame.lineNumber + 1 }
  if (!maps.has(file)) {
    const mapFile = `${file}.map`
    maps.set(file, existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8'))) : null)
  }
  const entry = maps.get(file)?.findEntry(frame.lineNumber, frame.columnNumber) as
    { originalSource?: string; originalLine?: number } | undefined
  if (!entry?.originalSource) return { file, line: frame.lineNumber + 1 }
  const original = decodeURIComponent(entry.originalSource)
    .replace(/^(\.\.\/)+/, '')
    .replace(/^turbopack:\/\/\/\[project\]\//, '')
  return { file: original, line: (entry.originalLine ?? 0) + 1 }
}

// Package (node_modules/<pkg>, next's compiled copies as next/compiled/<pkg>) or app file.
function moduleOf(file: string): string {
  if (!file) return '(native)'
  if (file.startsWith('node:')) return 'node:internal'
  const compiled = /node_modules\/next\/dist\/compiled\/((?:@[^/]+\/)?[^/]+)/.exec(file)
  if (compiled) return `next/compiled/${compiled[1]}`
  const next = /node_modules\/next\/(?:dist\/(?:esm\/)?|src\/)([^/]+(?:\/[^/.]+)?)/.exec(file)
  if (next) return `next/${next[1]}`
  // drizzle-orm ships source maps into its own src/, which the chunk maps flatten to node_modules/src/
  if (/node_modules\/src\//.test(file)) return 'drizzle-orm'
  const pkg = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)
  if (pkg) return pkg[1]!
  if (file.includes('/.next/')) return `.next chunk (unmapped)`
  return file.replace(/^.*?\/(app|lib|db|components|messages)\//, '$1/')
}

// ---- per-node data
const parent = new Map<number, number>()
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
const info = new Map<number, { name: string; file: string; line: number; module: string }>()
for (const node of profile.nodes) {
  const { file, line } = originalOf(node.callFrame)
  const special = ['(idle)', '(program)', '(garbage collector)', '(root)'].includes(node.callFrame.functionName)
  info.set(node.id, {
    name: node.callFrame.functionName || '(anonymous)',
    file,
    line,
    module: special ? node.callFrame.functionName : moduleOf(file),
  })
}

const compression = 'HTTP response compression (gzip: compression package, node:zlib)'
// Owners, for an exclusive split: each sample goes to the innermost frame of its stack that belongs to one of these
// (Node internals and native code are transparent: their time goes to whoever called them).
const owners: [string, RegExp][] = [
  ['Auth.js session: auth(), JWT decrypt, HKDF (next-auth, @auth/core, jose)', /next-auth|@auth\/|\/jose\/|@panva\/hkdf/],
  ['zod', /\/zod\//],
  ['postgres.js driver', /node_modules\/postgres\//],
  ['drizzle-orm', /drizzle-orm|node_modules\/src\//],
  ['next-intl / ICU messages', /next-intl|use-intl|intl-messageformat|@formatjs/],
  ['calendar (lib/calendar, date-holidays)', /lib\/calendar|date-holidays|\/moment|astronomia/],
  ['pg-boss and its node-postgres driver', /pg-boss|node_modules\/(pg|pg-protocol|pg-pool)\//],
  ['app code (app/, lib/, db/, components/)', /^(app|lib|db|components|messages)\//],
  [compression, /next\/compiled\/compression/],
  [
    'Next app-page runtime (action handling, React Flight render)',
    /next\/compiled\/next-server|next\/compiled\/react|react-server-dom/,
  ],
  ['Next server (router, request/response, metadata)', /^next\/|\.next chunk/],
  ['Turbopack runtime (module instantiation)', /turbopack:/],
  ['other packages', /./],
]
// Areas, inclusive (a sample counts for an area when any frame of its stack matches; areas overlap).
const areas: [string, RegExp][] = [
  ['Auth.js session (auth(): cookie, JWT decrypt, HKDF)', /next-auth|@auth\/core|\/jose\/|@panva\/hkdf/],
  ['actor load (lib/auth/load-actor.ts, lib/auth/session.ts)', /lib\/auth\/(load-actor|session)/],
  ['action body (app/patient/requests/actions.ts)', /app\/patient\/requests\/actions/],
  ['engine submitRequest (lib/requests/engine.ts)', /lib\/requests\/engine/],
  ['page data for /patient/requests/new (lib/patients, lib/requests/queries)', /lib\/(patients|requests)\/queries/],
  ['SMS delivery job (lib/jobs, pg-boss)', /lib\/jobs\/|pg-boss|node_modules\/(pg|pg-protocol|pg-pool)\//],
  ['zod', /\/zod\//],
  ['next-intl / ICU messages', /next-intl|use-intl|intl-messageformat|@formatjs/],
  ['drizzle-orm', /drizzle-orm|node_modules\/src\//],
  ['postgres.js driver', /node_modules\/postgres\//],
  [compression, /next\/compiled\/compression|^node:zlib$/],
]

const [from, to] = values.window ? values.window.split('-').map(Number) : [-Infinity, Infinity]
const transparent = (module: string) => module === '(native)' || module === 'node:internal'
const ownerOfFrame = new Map<number, string | null>()
function ownerOf(id: number): string | null {
  if (!ownerOfFrame.has(id)) {
    const { module, file } = info.get(id)!
    const name = module.startsWith('next/') ? module : file
    ownerOfFrame.set(
      id,
      file === 'node:zlib'
        ? compression
        : transparent(module)
          ? null
          : (owners.find(([, pattern]) => pattern.test(name))?.[0] ?? null),
    )
  }
  return ownerOfFrame.get(id)!
}
const callerPattern = values.callers ? new RegExp(values.callers) : null
const self = new Map<number, number>()
const ownerTime = new Map<string, number>()
const areaTime = new Map<string, number>()
const callerPaths = new Map<string, number>()
let t = profile.startTime
let total = 0
let busy = 0
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i] ?? 0
  if (t < from! || t > to!) continue
  const dt = profile.timeDeltas[i + 1] ?? 0 // the time until the next sample is spent where this one was taken
  const id = profile.samples[i]!
  total += dt
  self.set(id, (self.get(id) ?? 0) + dt)
  const leaf = info.get(id)!
  if (leaf.module === '(idle)') continue
  busy += dt
  const stack: number[] = []
  for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) stack.push(n)
  const special = ['(program)', '(garbage collector)'].includes(leaf.module) ? leaf.module : null
  const owner =
    special ??
    stack.map(ownerOf).find((o) => o !== null) ??
    'Node internals run from the event loop (socket reads/writes, streams, timers)'
  ownerTime.set(owner, (ownerTime.get(owner) ?? 0) + dt)
  const hit = new Set<string>()
  for (const n of stack) {
    const file = info.get(n)!.file.replace(/^.*node_modules\/next\/dist\/compiled\//, 'next/compiled/')
    for (const [area, pattern] of areas) if (!hit.has(area) && pattern.test(file)) hit.add(area)
  }
  for (const area of hit) areaTime.set(area, (areaTime.get(area) ?? 0) + dt)
  if (callerPattern) {
    const at = stack.findIndex((n) => callerPattern.test(`${info.get(n)!.name} ${info.get(n)!.file}`))
    if (at >= 0) {
      const path = stack
        .slice(at, at + 7)
        .map((n) => `${info.get(n)!.name} (${info.get(n)!.module})`)
        .join(' < ')
      callerPaths.set(path, (callerPaths.get(path) ?? 0) + dt)
    }
  }
}

const ms = (us: number) => (us / 1000).toFixed(0).padStart(7)
const share = (us: number) => `${((us / busy) * 100).toFixed(1).padStart(5)} %`
console.log(
  `profile: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (not idle); shares below are of busy time`,
)

function print(title: string, sums: Map<string, number>, limit = top) {
  console.log(`\n${title}\n     ms   share`)
  for (const [key, us] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, limit)) console.log(`${ms(us)} ${share(us)}  ${key}`)
}
function selfBy(keyOf: (id: number) => string): Map<string, number> {
  const sums = new Map<string, number>()
  for (const [id, us] of self) {
    if (info.get(id)!.module === '(idle)') continue
    const key = keyOf(id)
    sums.set(key, (sums.get(key) ?? 0) + us)
  }
  return sums
}

print('exclusive split: innermost owner on the stack (Node internals and native code count for their caller)', ownerTime, 100)
print(
  'inclusive time of areas (a sample counts once per area; areas overlap)',
  new Map(areas.map(([area]) => [area, areaTime.get(area) ?? 0])),
  100,
)
print(
  'self time by package / app file',
  selfBy((id) => info.get(id)!.module),
)
print(
  'self time by function',
  selfBy((id) => {
    const node = info.get(id)!
    return `${node.name}  ${node.file ? `${node.file.replace(/^.*node_modules\//, '')}:${node.line}` : ''}`
  }),
)
if (callerPattern) print(`call paths into /${values.callers}/ (callee < caller < ...)`, callerPaths, 12)
