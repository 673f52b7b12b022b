import { getDb, getSql } from '@/db/client'
import { writeAudit } from '@/lib/audit'
import { getActor } from '@/lib/auth/session'
import { listSectionLoad } from '@/lib/organizations/queries'
import { csvResponse, registerCsvLabels } from '@/lib/services/attachment/register/csv'
import { ownSectionCsv } from '@/lib/services/attachment/register/queries'
import { clientAddress } from '@/lib/request-context'
import { rowIdParam } from '@/lib/route-params'

// The whole of one of the doctor's own sections as a streamed CSV (UTF-8 with BOM, headers in the doctor's language);
// another doctor's section, or any other, is not found. Without `?section=`, the doctor's first section.
export async function GET(request: Request) {
  const actor = await getActor()
  if (!actor || actor.kind !== 'staff' || actor.role !== 'doctor') return new Response(null, { status: 404 })
  const db = getDb()
  // Without `?section=`, the doctor's first section (as the doctor's home shows it).
  const sectionId =
    rowIdParam(new URL(request.url).searchParams.get('section')) ??
    (await listSectionLoad(db, actor, { doctorId: actor.id }))[0]?.id
  if (!sectionId) return new Response(null, { status: 404 })
  const exported = await ownSectionCsv(db, getSql(), actor, sectionId, registerCsvLabels(actor.locale))
  if (!exported) return new Response(null, { status: 404 })
  await writeAudit(db, {
    actor,
    action: 'sectionPatients.export',
    organizationId: actor.organizationId,
    address: await clientAddress(),
    details: { sectionId, rows: exported.total },
  })
  const { lines } = exported
  return csvResponse(lines, `section-${sectionId}.csv`, exported.total)
}
