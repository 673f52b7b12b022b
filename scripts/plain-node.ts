import { register } from 'node:module'

let serverOnlyAllowed = false

// Modules of the request engine and the signing code `import 'server-only'`. Outside Next's react-server bundle that
// import throws; in plain Node (the seed run by scripts/start.ts, the benches) it is resolved to an empty module, as
// vitest does with an alias.
export function allowServerOnlyImports(): void {
  if (serverOnlyAllowed) return
  serverOnlyAllowed = true
  register(
    `data:text/javascript,${encodeURIComponent(
      `export async function resolve(specifier, context, next) {
         if (specifier === 'server-only') return { url: 'data:text/javascript,export {}', shortCircuit: true }
         return next(specifier, context)
       }`,
    )}`,
  )
}
