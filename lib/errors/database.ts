// The name of the constraint a database error violated, through drizzle's wrapping; raw database text never
// reaches the screen: callers map the name to a message key.
export function violatedConstraint(error: unknown): string | null {
  let current: unknown = error
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current === 'object' && 'constraint_name' in current && typeof current.constraint_name === 'string') {
      return current.constraint_name
    }
    current = typeof current === 'object' && 'cause' in current ? current.cause : null
  }
  return null
}
