import { and, eq } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { sections } from '@/db/schema'
import { formatDay } from '@/lib/i18n/format'
import type { QueueFlag, SummaryRow, Translate } from '@/lib/requests/contract'
import { newbornLateDays } from './rules'
import type { AttachmentRequest } from './schema'

export type AttachmentFacts = { sectionNumber: string | null }

// The section asked for, by number (the payload keeps its id).
export async function attachmentFacts(
  db: Database,
  request: { organizationId: number; payload: AttachmentRequest },
): Promise<AttachmentFacts> {
  const sectionId = request.payload.sectionId
  if (!sectionId) return { sectionNumber: null }
  const [row] = await db
    .select({ number: sections.number })
    .from(sections)
    .where(and(eq(sections.id, sectionId), eq(sections.organizationId, request.organizationId)))
  return { sectionNumber: row?.number ?? null }
}

// What the request page shows of an attachment request: the section, the basis, the address, what the registrar
// recorded at the desk (standard row 7), and for a newborn the day of discharge (p.9).
export function attachmentSummary(
  payload: AttachmentRequest,
  { t, submittedOn, facts }: { t: Translate; submittedOn: string; facts: AttachmentFacts },
): SummaryRow[] {
  const rows: SummaryRow[] = [
    { label: t('requests.fields.section'), value: facts.sectionNumber ?? t('requests.fields.anySection') },
    { label: t('requests.fields.basis'), value: t(`patient.attachment.bases.${payload.basis}`) },
    {
      label: t('requests.fields.address'),
      value: payload.address,
      note: [
        `(${t(`attachmentForm.addressKinds.${payload.addressKind}`)})`,
        ...(payload.pregnant ? [`· ${t('attachmentForm.pregnant')}`] : []),
      ].join(' '),
    },
  ]
  const desk = payload.desk
  if (desk) {
    rows.push(
      { label: t('desk.category'), value: t(`desk.categories.${desk.category}`) },
      {
        label: t('desk.document'),
        value: `${t(`desk.documentKinds.${desk.documentKind}`)} № ${desk.documentNumber}, ${desk.documentIssuer}`,
      },
    )
    // p.28: the person's identity document presented with the contract.
    if (desk.identity)
      rows.push({
        label: t('desk.identity.heading'),
        value: `${t(`desk.identity.kinds.${desk.identity.kind}`)} № ${desk.identity.number}`,
      })
    // p.30 para 3: who represents the person, what proves it, and the representative's identity document.
    if (desk.representativeIin) {
      const representation = desk.representation
      rows.push({
        label: t('desk.representativeIin'),
        value: desk.representativeIin,
        note: representation
          ? `${t(`desk.representation.documentKinds.${representation.documentKind}`)} № ${representation.documentNumber}, ${
              representation.documentIssuer
            }, ${formatDay(representation.documentIssuedOn)}; ${t(`desk.identity.kinds.${representation.identity.kind}`)} № ${
              representation.identity.number
            }`
          : undefined,
      })
    }
    if (desk.insurance) {
      const contract = desk.insurance
      rows.push({
        label: t('requests.fields.insurance'),
        value: `${t(`desk.insurance.kinds.${contract.kind}`)} № ${contract.number}, ${contract.insurer}, ${t(
          'desk.insurance.term',
          {
            start: formatDay(contract.startsOn),
            end: formatDay(contract.endsOn),
          },
        )}`,
        block: contract.byInsurer ? t('desk.insurance.byInsurer') : undefined,
      })
    }
    if (desk.phone) rows.push({ label: t('desk.phone'), value: desk.phone })
  }
  if (payload.dischargedOn) {
    const late = newbornLateDays(payload.dischargedOn, submittedOn)
    rows.push({
      label: t('requests.fields.dischargedOn'),
      value: formatDay(payload.dischargedOn),
      alert: late !== null ? t('requests.newbornLate', { days: late }) : undefined,
    })
  }
  return rows
}

// p.9: a newborn's attachment asked for more than 3 days after discharge is flagged in the queue.
export function attachmentQueueFlags(
  fields: Record<string, unknown>,
  { t, submittedOn }: { t: Translate; submittedOn: string },
): QueueFlag[] {
  const dischargedOn = typeof fields.dischargedOn === 'string' ? fields.dischargedOn : null
  return newbornLateDays(dischargedOn, submittedOn) !== null
    ? [{ short: t('queue.newbornLate'), title: t('queue.newbornLateTitle') }]
    : []
}
