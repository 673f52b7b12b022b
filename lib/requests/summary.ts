import 'server-only'
import type { Database } from '@/db/client'
import type { Locale } from '@/db/schema'
import { almatyDay } from '@/lib/calendar'
import type { Translate } from '@/lib/i18n/messages'
import { serviceOf } from '@/lib/services'
import type { MessageKey } from '@/lib/i18n/messages'
import type { DecisionWords, QueueFlag, RefusalGround, SummaryRow } from '@/lib/requests/contract'
import type { QueueRowDto, RequestDetailDto } from './queries'

// What the generic request page shows of any service's request: the payload parsed through the service's schema,
// the facts the service reads to word it, and its summary rows. A payload its service no longer parses (a service
// whose schema changed since) shows no rows rather than a broken page.
export async function requestSummary(
  db: Database,
  request: RequestDetailDto,
  t: Translate,
  locale: Locale,
): Promise<{
  rows: SummaryRow[]
  grounds: readonly RefusalGround[]
  eventNotes: Record<number, string>
  decisionWords: DecisionWords | null
  eventLabels: Record<number, string>
}> {
  const service = serviceOf(request.service)
  if (!service) return { rows: [], grounds: [], eventNotes: {}, decisionWords: null, eventLabels: {} }
  // The service's own words for its decision, translated here (a complaint is satisfied or forwarded).
  const words = service.decisionWords?.({ status: request.status, refusalGround: request.refusalGround }) ?? null
  const say = (key: string | undefined) => (key ? t(key as MessageKey) : undefined)
  const decisionWords = words
    ? {
        status: t(words.status as MessageKey),
        heading: t(words.heading as MessageKey),
        ground: say(words.ground),
        reason: say(words.reason),
      }
    : null
  const eventNotes: Record<number, string> = {}
  // Decisions in the history named in the service's own words too (a complaint "satisfied", not "approved").
  const eventLabels: Record<number, string> = {}
  for (const event of request.timeline) {
    const note = service.eventNote?.(event, t)
    if (note) eventNotes[event.id] = note
    if ((event.type === 'approve' || event.type === 'refuse') && event.toStatus) {
      const ground = typeof event.data.ground === 'string' ? event.data.ground : null
      const label = service.decisionWords?.({ status: event.toStatus, refusalGround: ground })
      if (label) eventLabels[event.id] = t(label.status as MessageKey)
    }
  }
  const parsed = service.schema.safeParse(request.payload)
  if (!parsed.success) {
    console.error(`[requests] the ${request.service} payload of request ${request.id} does not parse`)
    return { rows: [], grounds: service.refusalGrounds, eventNotes, decisionWords, eventLabels }
  }
  const payload = parsed.data
  const today = almatyDay(new Date())
  const facts = service.facts
    ? await service.facts(db, { organizationId: request.organizationId, patientId: request.patientId, payload }, today)
    : undefined
  const rows = service.summary(payload, { t, locale, submittedOn: almatyDay(request.submittedAt), facts })
  return { rows, grounds: service.refusalGrounds, eventNotes, decisionWords, eventLabels }
}

// A status in its service's own word where the engine's would mislead (a complaint "satisfied"), or undefined.
export function statusWord(
  request: { service: string; status: RequestDetailDto['status']; refusalGround: string | null },
  t: Translate,
): string | undefined {
  const words = serviceOf(request.service)?.decisionWords?.(request)
  return words ? t(words.status as MessageKey) : undefined
}

// The flags a queue row carries, as its service reads them.
export function withQueueFlags(rows: QueueRowDto[], t: Translate): (QueueRowDto & { flags: QueueFlag[] })[] {
  return rows.map((row) => ({
    ...row,
    flags: serviceOf(row.service)?.queueFlags?.(row.fields, { t, submittedOn: almatyDay(row.submittedAt) }) ?? [],
  }))
}
