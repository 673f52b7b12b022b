import 'server-only'
import { and, desc, eq, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { notifications, type NotificationStatus } from '@/db/schema'
import type { PatientActor } from '@/lib/auth/actor'
import type { InstantCursor } from '@/lib/route-params'

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

export type MyMessageDto = {
  id: number
  recipient: string
  body: string
  status: NotificationStatus
  createdAt: Date
  sentAt: Date | null
  requestId: string | null
}

export const messagesPageSize = 30
const signInCodeTemplate = 'signInCode'

// Issue 15: the SMS the patient was sent (about himself and the children he applies for, who are told through him),
// newest first, a page at a time by keyset on the outbox's (patient, created_at) index.
export async function listMyMessages(
  db: Database,
  actor: PatientActor,
  after: InstantCursor | null,
): Promise<{ rows: MyMessageDto[]; next: InstantCursor | null }> {
  const rows = await db
    .select({
      id: notifications.id,
      recipient: notifications.recipient,
      body: notifications.body,
      status: notifications.status,
      createdAt: notifications.createdAt,
      sentAt: notifications.sentAt,
      requestId: notifications.requestId,
      template: notifications.template,
      at: sql<string>`to_char(${notifications.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(notifications)
    .where(
      and(
        eq(notifications.patientId, actor.id),
        eq(notifications.channel, 'sms'),
        after ? sql`(${notifications.createdAt}, ${notifications.id}) < (${after.at}::timestamptz, ${after.id})` : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(messagesPageSize + 1)
  const shown = rows.slice(0, messagesPageSize)
  const last = shown.at(-1)
  return {
    // A sign-in code is shown masked: used or expired, it is still a secret on a screen others may see.
    rows: shown.map(({ at: _at, template, ...row }) =>
      template === signInCodeTemplate ? { ...row, body: row.body.replace(/\d{6}/g, '••••••') } : row,
    ),
    next: rows.length > messagesPageSize && last ? { at: last.at, id: last.id } : null,
  }
}
