import PgBoss from 'pg-boss'

// Background work lives in the same PostgreSQL (pg-boss, schema `pgboss`). Its tables and each queue's partition are
// created by the database's owner when the migrations run (a queue is a table of its own: DDL the app's role may not
// run); the app then only reads and writes jobs.
export const jobSchema = 'pgboss'
export const deliverQueue = 'notifications-deliver'
// Every service's nightly work (ServiceDefinition.jobs), one run a night.
export const nightlyQueue = 'services-nightly'
// Every service's work that cannot wait for the night (ServiceDefinition.sweeps): a registry certificate whose consent
// ran out is refused within its 30 minutes (issue 16).
export const minuteQueue = 'services-minute'
// Next months' partitions of the history and the outbox, every night (lib/jobs/partitions.ts).
export const partitionsQueue = 'partitions-ensure'
// A registry centre's CSV imports: staged lines nobody confirmed, or already confirmed, removed every hour (issue 16).
export const importCleanupQueue = 'registry-imports-cleanup'
// Before services declared their own jobs, attachment's campaign run had a queue of its own.
const retiredQueues = ['attachments-activate']

// 'short': at most one run waiting at a time; more kicks while one waits are dropped.
export const jobQueues = [
  { name: deliverQueue, policy: 'short', retryLimit: 3 },
  { name: nightlyQueue, policy: 'short', retryLimit: 3 },
  { name: partitionsQueue, policy: 'short', retryLimit: 3 },
  { name: minuteQueue, policy: 'short', retryLimit: 1 },
  { name: importCleanupQueue, policy: 'short', retryLimit: 1 },
] as const satisfies readonly (PgBoss.Queue & { name: string })[]

export async function installJobs(ownerUrl: string): Promise<void> {
  const boss = new PgBoss({ connectionString: ownerUrl, schema: jobSchema, max: 1, supervise: false, schedule: false })
  boss.on('error', () => {})
  await boss.start()
  try {
    for (const queue of jobQueues) {
      if (!(await boss.getQueue(queue.name))) await boss.createQueue(queue.name, queue)
    }
    for (const name of retiredQueues) {
      if (!(await boss.getQueue(name))) continue
      await boss.unschedule(name)
      await boss.deleteQueue(name)
    }
  } finally {
    await boss.stop({ graceful: false, wait: true })
  }
}
