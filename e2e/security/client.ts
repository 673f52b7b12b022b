// HTTP for the security harness: pages, route handlers and server actions sent the way a hand-made client would
// (no browser, no redirects followed), every answer counted, and every problem recorded with a one-line reproduction.
import { request, type APIRequestContext, type APIResponse } from '@playwright/test'
import { baseURL } from '../server-env'
import type { DiscoveredAction } from './discover'

export type Answer = {
  status: number
  /** Location of a 3xx answer, as a path when it is on this server. */
  location: string | null
  /** `x-action-redirect` of a server action's answer (e.g. `/login`), without the `;push` suffix. */
  actionRedirect: string | null
  contentType: string
  body: string
  /** The server action's return value (line `1:` of the RSC answer), when it returned one. */
  result: unknown
  /** Line `1:` was an error (`1:E{...}`): the action threw. */
  threw: boolean
  headers: Record<string, string>
}

export type SendSpec = {
  method: 'GET' | 'POST' | 'HEAD'
  path: string
  headers?: Record<string, string>
  body?: string | Buffer
  /** For the reproduction line: the action's exported name, when this is a server action. */
  actionName?: string
  multipart?: Record<string, string | { name: string; mimeType: string; buffer: Buffer }>
  form?: Record<string, string>
}

let sent = 0
export const requestCount = () => sent

function pathOf(location: string | null): string | null {
  if (!location) return null
  try {
    const url = new URL(location, baseURL)
    return url.origin === new URL(baseURL).origin ? `${url.pathname}${url.search}` : location
  } catch {
    return location
  }
}

export function parseActionResult(body: string): { result: unknown; threw: boolean; found: boolean } {
  const line = body.split('\n').find((row) => row.startsWith('1:'))
  if (!line) return { result: undefined, threw: false, found: false }
  const text = line.slice(2)
  if (text.startsWith('E{')) return { result: undefined, threw: true, found: true }
  try {
    return { result: JSON.parse(text) as unknown, threw: false, found: true }
  } catch {
    return { result: text, threw: false, found: true }
  }
}

async function toAnswer(response: APIResponse): Promise<Answer> {
  const headers = response.headers()
  const contentType = headers['content-type'] ?? ''
  const buffer = await response.body().catch(() => Buffer.alloc(0))
  // PDFs and other binaries are scanned as latin1 so that ASCII markers (IINs, codes) are still found.
  const binary = contentType.startsWith('application/pdf') || contentType.startsWith('application/octet-stream')
  const body = buffer.toString(binary ? 'latin1' : 'utf8')
  const redirect = pathOf(headers['x-action-redirect']?.split(';')[0] ?? null)
  const parsed = contentType.includes('text/x-component') ? parseActionResult(body) : { result: undefined, threw: false }
  return {
    status: response.status(),
    location: pathOf(headers['location'] ?? null),
    actionRedirect: redirect,
    contentType,
    body,
    result: parsed.result,
    threw: parsed.threw,
    headers,
  }
}

/** Sends one request with the cookies of `api`; never follows redirects, never throws on a status. */
export async function send(api: APIRequestContext, spec: SendSpec): Promise<Answer> {
  sent += 1
  const options = {
    headers: spec.headers,
    maxRedirects: 0,
    failOnStatusCode: false,
    timeout: 60_000,
    ...(spec.multipart
      ? { multipart: spec.multipart }
      : spec.form
        ? { form: spec.form }
        : spec.body !== undefined
          ? { data: spec.body }
          : {}),
  }
  const url = spec.path.startsWith('http') ? spec.path : `${baseURL}${spec.path}`
  try {
    const response =
      spec.method === 'GET'
        ? await api.get(url, options)
        : spec.method === 'HEAD'
          ? await api.head(url, options)
          : await api.post(url, options)
    return await toAnswer(response)
  } catch (error) {
    // A dropped connection or a timeout is as bad as a 500: report it as status 0.
    return {
      status: 0,
      location: null,
      actionRedirect: null,
      contentType: '',
      body: String(error),
      result: undefined,
      threw: false,
      headers: {},
    }
  }
}

export const actionHeaders = (action: DiscoveredAction | string) => ({
  'Next-Action': typeof action === 'string' ? action : action.id,
  'Content-Type': 'text/plain;charset=UTF-8',
  Accept: 'text/x-component',
})

/** Calls a server action by POSTing its encoded argument list to `page` (a page whose module graph imports it). */
export function callAction(
  api: APIRequestContext,
  action: DiscoveredAction,
  page: string,
  args: unknown[] | { raw: string | Buffer },
  headers: Record<string, string> = {},
): Promise<Answer> {
  const body = 'raw' in args ? args.raw : encodeReply(args)
  return send(api, {
    method: 'POST',
    path: page,
    headers: { ...actionHeaders(action), ...headers },
    body,
    actionName: action.name,
  })
}

/**
 * React's encodeReply for plain JSON values: strings starting with `$` are escaped as `$$…` (perf-notes.md). Only the
 * fuzz's malformed bodies send an unescaped `$` on purpose, as `{ raw }`.
 */
export function encodeReply(args: unknown[]): string {
  return JSON.stringify(args, (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith('$') ? `$${value}` : value,
  )
}

/** A context of its own (its own cookie jar), e.g. for one signed-in person. */
export function newApi(storageState?: Awaited<ReturnType<APIRequestContext['storageState']>>): Promise<APIRequestContext> {
  return request.newContext({ baseURL, storageState, extraHTTPHeaders: {} })
}

// ---------------------------------------------------------------------------------------------
// One line to reproduce a request by hand

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`
}

export function reproduction(spec: SendSpec, actorLabel: string): string {
  const url = `${baseURL}${spec.path}`
  const parts = ['curl -s -o /dev/null -w "%{http_code}\\n"']
  if (spec.method !== 'GET') parts.push(`-X ${spec.method}`)
  parts.push(shellQuote(url))
  let action = ''
  for (const [name, value] of Object.entries(spec.headers ?? {})) {
    if (name === 'Next-Action' && spec.actionName) {
      // Action ids change with every build: look this one up in the current build.
      action = `A=$(node -p "Object.entries(require('./.next/server/server-reference-manifest.json').node).find(([,a])=>a.exportedName==='${spec.actionName}')[0]"); `
      parts.push('-H "Next-Action: $A"')
    } else parts.push(`-H ${shellQuote(`${name}: ${value}`)}`)
  }
  let prefix = ''
  if (spec.body !== undefined) {
    const text = Buffer.isBuffer(spec.body) ? spec.body.toString('latin1') : spec.body
    if (text.length > 2000) {
      const head = text.slice(0, 2)
      const filler = text[2] ?? 'a'
      prefix = `node -e 'process.stdout.write(${JSON.stringify(head)}+${JSON.stringify(filler)}.repeat(${text.length - 4})+${JSON.stringify(text.slice(-2))})' | `
      parts.push('--data-binary @-')
    } else {
      parts.push(`--data-binary ${shellQuote(text)}`)
    }
  }
  if (spec.multipart) parts.push('-F file=@some.pdf')
  for (const [name, value] of Object.entries(spec.form ?? {})) parts.push(`--data-urlencode ${shellQuote(`${name}=${value}`)}`)
  const who = actorLabel === 'anonymous' ? '' : ` -b "$COOKIES_${actorLabel.replaceAll('-', '_')}"`
  return `${action}${prefix}${parts.join(' ')}${who}`
}
