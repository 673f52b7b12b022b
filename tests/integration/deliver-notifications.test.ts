import { eq, inArray } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { notifications } from '@/db/schema'
import { deliverPendingNotifications, maxDeliveryAttempts, type SmsSender } from '@/lib/jobs/deliver-notifications'
import { enqueueSms } from '@/lib/notifications/outbox'
import { freshDb } from './db'

let db: Database
const now = () => new Date('2026-11-24T05:00:00Z')

beforeAll(async () => {
  ;({ db } = await freshDb())
})

async function queue(phone: string) {
  await enqueueSms(db, { phone, locale: 'kk', template: 'signInCode', params: { code: '123456', minutes: 5 } })
  const [row] = await db.select({ id: notifications.id }).from(notifications).where(eq(notifications.recipient, phone))
  return row!.id
}

describe('outbox delivery (pg-boss handler): idempotent', () => {
  it('sends each pending SMS once, even when runs overlap or repeat', async () => {
    const ids = [await queue('+77010000001'), await queue('+77010000002')]
    const sent: number[] = []
    const sender: SmsSender = { send: async (message) => void sent.push(message.id) }
    const [first, second] = await Promise.all([
      deliverPendingNotifications(db, sender, now),
      deliverPendingNotifications(db, sender, now),
    ])
    expect(first + second).toBe(2)
    expect(await deliverPendingNotifications(db, sender, now)).toBe(0)
    expect(sent.sort()).toEqual([...ids].sort())
    const rows = await db.select().from(notifications).where(inArray(notifications.id, ids))
    expect(rows.every((row) => row.status === 'sent' && row.attempts === 1 && row.sentAt?.getTime() === now().getTime())).toBe(
      true,
    )
  })

  it('keeps a failed SMS pending for the next run, and gives up after the last attempt', async () => {
    const id = await queue('+77010000003')
    const failing: SmsSender = { send: async () => Promise.reject(new Error('provider down')) }
    for (let attempt = 1; attempt < maxDeliveryAttempts; attempt++) {
      await deliverPendingNotifications(db, failing, now)
      const [row] = await db.select().from(notifications).where(eq(notifications.id, id))
      expect(row).toMatchObject({ status: 'pending', attempts: attempt })
    }
    await deliverPendingNotifications(db, failing, now)
    const [row] = await db.select().from(notifications).where(eq(notifications.id, id))
    expect(row).toMatchObject({ status: 'failed', attempts: maxDeliveryAttempts })
  })
})
