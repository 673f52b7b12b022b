import { getDb } from '@/db/client'
import { getActor } from '@/lib/auth/session'
import { getDocumentPdfForStaff } from '@/lib/documents/queries'
import { pdfResponse } from '@/lib/http/pdf-response'
import { clientAddress } from '@/lib/request-context'

// Any document of the staff member's own clinic, in whatever state, as a PDF: the registrar's print, the signer's
// preview. Audited; another clinic's documents look missing.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor()
  if (!actor || actor.kind !== 'staff') return new Response(null, { status: 404 })
  const { id } = await params
  const pdf = await getDocumentPdfForStaff(getDb(), actor, id, await clientAddress())
  if (!pdf) return new Response(null, { status: 404 })
  return pdfResponse(pdf.bytes, pdf.fileName)
}
