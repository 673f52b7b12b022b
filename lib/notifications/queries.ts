import 'server-only'
import { and, desc, eq } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { notifications } from '@/db/schema'

export type InboxMessageDto = { id: number; recipient: string; body: string; createdAt: Date }

// The demo inbox: what the outbox has delivered, standing in for the phones. Only served while no SMS provider is configured.
export async function listDemoInbox(db: Database, limit = 50): Promise<InboxMessageDto[]> {
  return db
    .select({
      id: notifications.id,
      recipient: notifications.recipient,
      body: notifications.body,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(and(eq(notifications.channel, 'sms'), eq(notifications.status, 'sent')))
    .orderBy(desc(notifications.id))
    .limit(limit)
}
