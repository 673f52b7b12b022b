import { getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import type { MessageKey } from '@/lib/i18n/messages'
import type { RequestDetailDto } from '@/lib/requests/queries'
import { contestedFacts } from '@/lib/services/complaint/contested'
import { satisfactionEffect } from '@/lib/services/complaint/rules'
import { complaintSchema } from '@/lib/services/complaint/schema'
import { ComplaintDecisionForm } from './complaint-decision-form'

// The head's decision on an open complaint (p.38-40), with what satisfying it would do to the decision it contests.
export async function ComplaintDecisionPanel({ request }: { request: RequestDetailDto }) {
  const t = await getTranslations()
  const payload = complaintSchema.safeParse(request.payload)
  if (!payload.success) return null
  const contested = await contestedFacts(getDb(), { ...request, payload: payload.data })
  const effect = contested ? satisfactionEffect(payload.data.about, contested.status) : null
  const name = contested ? `${t(`services.${contested.service}.name` as MessageKey)} №${contested.number}` : ''
  return (
    <ComplaintDecisionForm
      requestId={request.id}
      version={request.version}
      effect={effect ? t(`complaint.decision.effects.${effect}`, { request: name }) : null}
      canSatisfy={effect !== 'decideFirst'}
    />
  )
}
