import PgBoss from 'pg-boss'
import { getDb } from '@/db/client'
import { deliverQueue, importCleanupQueue, jobSchema, minuteQueue, nightlyQueue, partitionsQueue } from '@/db/job-queues'
import { almatyDay } from '@/lib/calendar'
import { smsModeOf } from '@/lib/notifications/sms-mode'
import { removeExpiredImports } from '@/lib/registries/import-cleanup'
import { listServices } from '@/lib/services'
import { deliverPendingNotifications, demoInboxSender, httpSmsSender } from './deliver-notifications'
import { ensurePartitions } from './partitions'

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
  // Each service's nightly work (ServiceDefinition.jobs) runs every night (Asia/Almaty), in the catalogue's order;
  // a job catches up whatever nights the server was down, so a missed run is made good the next time.
  await boss.work(nightlyQueue, async () => {
    const today = almatyDay(new Date())
    for (const service of listServices()) {
      for (const job of service.jobs ?? []) await job.run(getDb(), today)
    }
  })
  await boss.schedule(nightlyQueue, '5 0 * * *', {}, { tz: 'Asia/Almaty' })
  // Each service's work of every minute (ServiceDefinition.sweeps): what must happen within minutes of a moment no
  // person acts at (a consent that ran out). One failing service's sweep does not stop the others'.
  await boss.work(minuteQueue, async () => {
    const now = new Date()
    for (const service of listServices()) {
      for (const sweep of service.sweeps ?? []) {
        await sweep.run(getDb(), now).catch((error) => console.error(`[jobs] ${sweep.name}`, error))
      }
    }
    kickDelivery()
  })
  await boss.schedule(minuteQueue, '* * * * *')
  // A registry centre's CSV imports: the staged lines of previews nobody confirmed (a day after the check, an hour after
  // a check stalled) and of confirmed imports, a bounded number of batches an hour (lib/registries/import-cleanup.ts).
  await boss.work(importCleanupQueue, async () => {
    await removeExpiredImports(getDb(), new Date())
  })
  await boss.schedule(importCleanupQueue, '40 * * * *')
  // Partitions for the previous month through three ahead (docs/decisions.md, "Partitions and retention"): once now,
  // so a server started on a database migrated long ago writes nowhere missing, then every night.
  await boss.work(partitionsQueue, async () => {
    await ensurePartitions(getDb(), almatyDay(new Date()))
  })
  await boss.schedule(partitionsQueue, '15 0 * * *', {}, { tz: 'Asia/Almaty' })
  await ensurePartitions(getDb(), almatyDay(new Date())).catch(async (error) => {
    console.error('[jobs] partitions', error)
    await boss.send(partitionsQueue, {})
  })
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
