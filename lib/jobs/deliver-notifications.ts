import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { notifications } from '@/db/schema'

export type SmsSender = { send: (message: { to: string; text: string; id: number }) => Promise<void> }

// No provider configured: "delivery" is the demo inbox (/dev/inbox), which shows what has been delivered.
export const demoInboxSender: SmsSender = { send: async () => {} }

// A provider that takes JSON { to, text, reference } and answers 2xx.
export function httpSmsSender(url: string): SmsSender {
  return {
    async send(message) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ to: message.to, text: message.text, reference: `tirkeu-${message.id}` }),
        signal: AbortSignal.timeout(10_000),
      })
      if (!response.ok) throw new Error(`SMS provider answered ${response.status}`)
    },
  }
}

export const maxDeliveryAttempts = 5

// Delivers pending SMS from the outbox. Idempotent: a row is sent only while it is 'pending', under a row lock
// (skip locked), so two workers, a retried job or an overlapping run never send one message twice.
export async function deliverPendingNotifications(
  db: Database,
  sender: SmsSender,
  now: () => Date,
  limit = 100,
): Promise<number> {
  let delivered = 0
  await db.transaction(async (tx) => {
    const pending = await tx
      .select({
        id: notifications.id,
        recipient: notifications.recipient,
        body: notifications.body,
        attempts: notifications.attempts,
      })
      .from(notifications)
      .where(and(eq(notifications.status, 'pending'), eq(notifications.channel, 'sms')))
      .orderBy(asc(notifications.id))
      .limit(limit)
      .for('update', { skipLocked: true })
    const sent: number[] = []
    for (const message of pending) {
      try {
        await sender.send({ to: message.recipient, text: message.body, id: message.id })
        sent.push(message.id)
      } catch {
        await tx
          .update(notifications)
          .set({
            attempts: sql`${notifications.attempts} + 1`,
            status: message.attempts + 1 >= maxDeliveryAttempts ? 'failed' : 'pending',
          })
          .where(eq(notifications.id, message.id))
      }
    }
    // One update for everything that went out.
    if (sent.length > 0) {
      await tx
        .update(notifications)
        .set({ status: 'sent', sentAt: now(), attempts: sql`${notifications.attempts} + 1` })
        .where(and(inArray(notifications.id, sent), eq(notifications.status, 'pending')))
      delivered = sent.length
    }
  })
  return delivered
}
