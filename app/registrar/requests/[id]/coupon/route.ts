import { getDb } from '@/db/client'
import { getActor } from '@/lib/auth/session'
import { getDeskPrintForStaff } from '@/lib/documents/queries'
import { renderAttachmentCoupon } from '@/lib/services/attachment/documents/attachment-coupon-064e'
import { pdfResponse } from '@/lib/http/pdf-response'
import { clientAddress } from '@/lib/request-context'
import { getAttachmentCoupon } from '@/lib/services/attachment/coupon'

// The 064/e coupon as a PDF to print (a GET of a document, not a write: the issue is audited). Drawn from the coupon
// document's frozen snapshot, with its signature band; a request approved before documents existed falls back to the
// coupon read from the request.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor()
  if (!actor || actor.kind !== 'staff') return new Response(null, { status: 404 })
  const { id } = await params
  const db = getDb()
  const address = await clientAddress()
  const document = await getDeskPrintForStaff(db, actor, id, address)
  if (document) return pdfResponse(document.bytes, document.fileName)
  const coupon = await getAttachmentCoupon(db, actor, id, address)
  if (!coupon) return new Response(null, { status: 404 })
  const pdf = await renderAttachmentCoupon(coupon)
  return pdfResponse(pdf, `coupon-064e-${coupon.number}.pdf`)
}
