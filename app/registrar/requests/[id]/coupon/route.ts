import { getDb } from '@/db/client'
import { getActor } from '@/lib/auth/session'
import { renderAttachmentCoupon } from '@/lib/pdf/attachment-coupon-064e'
import { clientAddress } from '@/lib/request-context'
import { getAttachmentCoupon } from '@/lib/requests/coupon'

// The 064/e coupon as a PDF to print (a GET of a document, not a write: the issue is audited).
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor()
  if (!actor || actor.kind !== 'staff') return new Response(null, { status: 404 })
  const { id } = await params
  const coupon = await getAttachmentCoupon(getDb(), actor, id, await clientAddress())
  if (!coupon) return new Response(null, { status: 404 })
  const pdf = await renderAttachmentCoupon(coupon)
  return new Response(Buffer.from(pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="coupon-064e-${coupon.number}.pdf"`,
      'cache-control': 'private, no-store',
    },
  })
}
