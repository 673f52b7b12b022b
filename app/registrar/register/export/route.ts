import { getDb, getSql } from '@/db/client'
import { writeAudit } from '@/lib/audit'
import { getActor } from '@/lib/auth/session'
import { csvResponse, registerCsvLabels } from '@/lib/services/attachment/register/csv'
import { countRegister, registerCsv } from '@/lib/services/attachment/register/queries'
import { clientAddress } from '@/lib/request-context'
import { rowIdParam } from '@/lib/route-params'

// The register as a streamed CSV file: rows leave as the cursor reads them; X-Total-Rows lets the page show progress.
export async function GET(request: Request) {
  const actor = await getActor()
  if (!actor || actor.kind !== 'staff' || actor.role !== 'registrar') return new Response(null, { status: 404 })
  const sectionId = rowIdParam(new URL(request.url).searchParams.get('section'))
  const db = getDb()
  const total = await countRegister(db, actor, sectionId)
  await writeAudit(db, {
    actor,
    action: 'register.export',
    organizationId: actor.organizationId,
    address: await clientAddress(),
    details: { sectionId, rows: total },
  })
  const lines = registerCsv(getSql(), actor, sectionId, registerCsvLabels(actor.locale))
  return csvResponse(lines, `register${sectionId ? `-section-${sectionId}` : ''}.csv`, total)
}
