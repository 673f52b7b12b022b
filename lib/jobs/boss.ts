import PgBoss from 'pg-boss'
import { getDb } from '@/db/client'
import { campaignQueue, deliverQueue, jobSchema } from '@/db/job-queues'
import { almatyDay } from '@/lib/calendar'
import { smsModeOf } from '@/lib/notifications/sms-mode'
import { activateScheduledAttachments, endLapsedAttachments } from '@/lib/services/attachment/attach'
import { deliverPendingNotifications, demoInboxSender, httpSmsSender } from './deliver-notifications'

const deliveryBatch = 200

const globalForJobs = globalThis as unknown as { tirkeuBoss?: PgBoss }

// Background work runs in the same PostgreSQL (pg-boss), started with the server from instrumentation.ts.
export async function startJobs(connectionString: string): Promise<PgBoss> {
  if (globalForJobs.tirkeuBoss) return globalForJobs.tirkeuBoss
  // The schema and the queues are installed by the owner with the migrations (db/job-queues.ts); the app's role only
  // checks that they are there.
  const boss = new PgBoss({ connectionString, max: 2, schema: jobSchema, migrate: false })
  boss.on('error', (error) => console.error('[jobs]', error))
  await boss.start()
  const mode = smsModeOf(process.env)
  if (mode.kind === 'refused') throw new Error(mode.message)
  const sender = mode.kind === 'provider' ? httpSmsSender(mode.url) : demoInboxSender
  await boss.work(deliverQueue, { pollingIntervalSeconds: 0.5 }, async () => {
    // A clinic's notice to its whole population (p.34) queues thousands at once: keep going while batches come full,
    // up to a bound per run; the next kick or the minute sweep carries on.
    for (let run = 0; run < 100; run++) {
      if ((await deliverPendingNotifications(getDb(), sender, () => new Date(), deliveryBatch)) < deliveryBatch) break
    }
  })
  // A sweep every minute delivers whatever no kick reached (a crash between commit and kick, a provider outage).
  await boss.schedule(deliverQueue, '* * * * *')
  // p.32: campaign attachments take effect on 1 January; p.29: an insurance attachment ends with its contract. The job
  // runs every night (Asia/Almaty), so a server that was down at midnight still catches up the next time it runs.
  await boss.work(campaignQueue, async () => {
    const today = almatyDay(new Date())
    await endLapsedAttachments(getDb(), today)
    await activateScheduledAttachments(getDb(), today)
  })
  await boss.schedule(campaignQueue, '5 0 * * *', {}, { tz: 'Asia/Almaty' })
  globalForJobs.tirkeuBoss = boss
  return boss
}

let kickPending = false

// Asks for a delivery run now, after the transaction that wrote the outbox rows has committed. The person does not
// wait for it, and kicks within 200 ms are merged into one; if a kick is lost, the minute sweep delivers.
export function kickDelivery(): void {
  if (kickPending || !globalForJobs.tirkeuBoss) return
  kickPending = true
  setTimeout(() => {
    kickPending = false
    void globalForJobs.tirkeuBoss?.send(deliverQueue, {}).catch((error) => console.error('[jobs]', error))
  }, 200)
}
