import { smsModeOf } from './lib/notifications/sms-mode'

export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  // However the server is started, it does not serve without a way to send sign-in codes (lib/notifications/sms-mode).
  const mode = smsModeOf(process.env)
  if (mode.kind === 'refused') throw new Error(mode.message)
  if (!process.env.DATABASE_URL) return
  const { startJobs } = await import('./lib/jobs/boss')
  await startJobs(process.env.DATABASE_URL)
}
