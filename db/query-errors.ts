import { DrizzleQueryError } from 'drizzle-orm'
import { PostgresJsPreparedQuery } from 'drizzle-orm/postgres-js'

// A failed statement reaches the server log (Next.js prints what a page or an action throws), and drizzle's error
// prints the statement's parameters: names, IINs, addresses, reasons. The error that leaves a query here keeps the SQL
// text, PostgreSQL's code and the names of what failed (constraint, table, column: lib/errors/database.ts maps a
// constraint to a message key), and drops every value: the parameters, PostgreSQL's `detail` ("Key (iin)=(…)",
// "Failing row contains (…)"), its `where` unless it names a PL/pgSQL function, and any parameter PostgreSQL quoted
// back in its message ('invalid input syntax for type uuid: "…"').

const namingFields = [
  'severity',
  'code',
  'schema_name',
  'table_name',
  'column_name',
  'data_type_name',
  'constraint_name',
  'routine',
] as const

// What PostgreSQL (or the driver) answered, without the values it may carry.
export class RedactedDatabaseError extends Error {
  declare severity?: string
  declare code?: string
  declare schema_name?: string
  declare table_name?: string
  declare column_name?: string
  declare data_type_name?: string
  declare constraint_name?: string
  declare routine?: string
  declare where?: string

  constructor(original: object, values: readonly string[]) {
    const message = 'message' in original && typeof original.message === 'string' ? original.message : 'database error'
    super(withoutValues(message, values))
    this.name = 'name' in original && typeof original.name === 'string' ? original.name : 'DatabaseError'
    for (const field of namingFields) {
      const value: unknown = Reflect.get(original, field)
      if (typeof value === 'string') this[field] = value
    }
    const where: unknown = Reflect.get(original, 'where')
    if (typeof where === 'string') {
      const functions = where.split('\n').filter((line) => /^PL\/pgSQL function [\w.]+\([^)]*\) line \d+ at [A-Z ]+$/.test(line))
      if (functions.length > 0) this.where = functions.join('\n')
    }
    this.stack = `${this.name}: ${this.message}${framesOf(Reflect.get(original, 'stack'))}`
  }
}

// drizzle's DrizzleQueryError (so `instanceof` still holds), with the SQL text and without the parameters.
export class RedactedQueryError extends DrizzleQueryError {
  constructor(original: DrizzleQueryError) {
    const values = parameterTexts(original.params)
    const cause =
      typeof original.cause === 'object' && original.cause !== null
        ? new RedactedDatabaseError(original.cause, values)
        : undefined
    super(original.query, [], cause)
    this.name = 'DrizzleQueryError'
    this.message = `Failed query: ${original.query}\nparams: ${original.params.length} withheld from the log`
    this.stack = `${this.name}: ${this.message}${framesOf(original.stack)}`
  }
}

export function redactQueryError(error: unknown): unknown {
  if (error instanceof RedactedQueryError || !(error instanceof DrizzleQueryError)) return error
  return new RedactedQueryError(error)
}

// Every drizzle statement of the postgres.js driver runs through these two methods, in a transaction too (each
// transaction's session prepares the same class), so wrapping them once covers the app, the scripts and the tests.
const wrapped = Symbol.for('tirkeu.redactQueryErrors')

export function redactQueryErrors(): void {
  const prototype = PostgresJsPreparedQuery.prototype
  if (Reflect.get(prototype, wrapped)) return
  Reflect.set(prototype, wrapped, true)
  const { execute, all } = prototype
  prototype.execute = async function (this: typeof prototype, placeholderValues?: Record<string, unknown>) {
    try {
      return await execute.call(this, placeholderValues)
    } catch (error) {
      throw redactQueryError(error)
    }
  }
  prototype.all = async function (this: typeof prototype, placeholderValues?: Record<string, unknown>) {
    try {
      return await all.call(this, placeholderValues)
    } catch (error) {
      throw redactQueryError(error)
    }
  }
}

function parameterTexts(params: readonly unknown[]): string[] {
  const texts = params.flat(Infinity).flatMap((value): string[] => {
    if (typeof value === 'string') return [value]
    if (typeof value === 'number' || typeof value === 'bigint') return [String(value)]
    if (value instanceof Date) return [value.toISOString()]
    return []
  })
  // Longest first, so a value inside another is not cut out of it first; three characters and more (a shorter value
  // says nothing of a person, and would blank out parts of the message itself).
  return [...new Set(texts)].filter((text) => text.length >= 3).sort((a, b) => b.length - a.length)
}

function withoutValues(text: string, values: readonly string[]): string {
  return values.reduce((redacted, value) => redacted.split(value).join('[parameter]'), text)
}

// The stack's frames only: its first lines repeat the message (drizzle's with the parameters in it).
function framesOf(stack: unknown): string {
  if (typeof stack !== 'string') return ''
  const frames = stack.split('\n').filter((line) => /^\s+at /.test(line))
  return frames.length > 0 ? `\n${frames.join('\n')}` : ''
}
