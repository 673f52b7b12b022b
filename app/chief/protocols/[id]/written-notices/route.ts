import { getDb } from '@/db/client'
import { exportWrittenNotices } from '@/lib/services/attachment/protocols/queries'
import { getActor } from '@/lib/auth/session'
import { messagesFor } from '@/lib/i18n/messages'
import { csvBom, csvLine } from '@/lib/services/attachment/register/csv'
import { clientAddress } from '@/lib/request-context'
import { rowIdParam } from '@/lib/route-params'

// p.36: the people a protocol attached who have no phone to receive an SMS, with their addresses for the written notice.
export async function GET(_: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor()
  if (!actor || actor.kind !== 'staff' || actor.role !== 'chief') return new Response(null, { status: 404 })
  const { id } = await params
  const protocolId = rowIdParam(id)
  if (!protocolId) return new Response(null, { status: 404 })
  const db = getDb()
  const rows = await exportWrittenNotices(db, actor, protocolId, await clientAddress())
  if (!rows) return new Response(null, { status: 404 })
  const t = messagesFor(actor.locale).protocols.columnsWritten
  const body =
    csvBom + csvLine([t.name, t.iin, t.address]) + rows.map((row) => csvLine([row.name, row.iin, row.address])).join('')
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="protocol-${id}-written-notices.csv"`,
      'cache-control': 'private, no-store',
    },
  })
}
