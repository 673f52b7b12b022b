// Where SMS go. One-time sign-in codes travel by SMS, so an inbox that shows them to anyone is a way in for anyone:
// the demo inbox (/dev/inbox) exists only in the explicit demo mode of the embedded demo database, which
// `npm start` without DATABASE_URL turns on by itself. Any other server needs an SMS provider and refuses to start
// without one.
export type SmsMode = { kind: 'provider'; url: string } | { kind: 'demo' }
export type SmsModeDecision = SmsMode | { kind: 'refused'; message: string }

// SMS_PROVIDER_URL; TIRKEU_DEMO '1' for the demo mode (scripts/start.ts sets it for the embedded demo database);
// TIRKEU_DATABASE 'embedded' when scripts/start.ts started the embedded PostgreSQL for this server.
export type SmsEnvironment = Readonly<Record<string, string | undefined>>

export function smsModeOf(env: SmsEnvironment): SmsModeDecision {
  if (env.SMS_PROVIDER_URL) return { kind: 'provider', url: env.SMS_PROVIDER_URL }
  if (env.TIRKEU_DEMO === '1' && env.TIRKEU_DATABASE === 'embedded') return { kind: 'demo' }
  if (env.TIRKEU_DEMO === '1')
    return {
      kind: 'refused',
      message:
        'TIRKEU_DEMO=1 shows every SMS, sign-in codes included, at /dev/inbox: it is for the embedded demo database ' +
        'only. A server on DATABASE_URL needs SMS_PROVIDER_URL (the gateway that sends the SMS).',
    }
  return {
    kind: 'refused',
    message:
      'No SMS provider: set SMS_PROVIDER_URL (the gateway that sends sign-in codes and notices). ' +
      'For a demo on this machine, run `npm start` without DATABASE_URL: it starts the embedded demo database in demo mode.',
  }
}

export function isDemoMode(env: SmsEnvironment = process.env): boolean {
  return smsModeOf(env).kind === 'demo'
}
