import { getDb } from '@/db/client'
import { getActor } from '@/lib/auth/session'
import { getDocumentPdfForPatient } from '@/lib/documents/queries'
import { pdfResponse } from '@/lib/http/pdf-response'
import { clientAddress } from '@/lib/request-context'

// An issued document of the patient or a child they represent, as a PDF (a GET of a document; the download is audited).
// Missing, foreign and not-yet-issued documents look the same.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor()
  if (!actor || actor.kind !== 'patient') return new Response(null, { status: 404 })
  const { id } = await params
  const pdf = await getDocumentPdfForPatient(getDb(), actor, id, await clientAddress())
  if (!pdf) return new Response(null, { status: 404 })
  return pdfResponse(pdf.bytes, pdf.fileName, 'attachment')
}
