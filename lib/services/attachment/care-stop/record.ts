import 'server-only'
import { eq, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { careStopNotices, organizations } from '@/db/schema'
import { invalidInput, type ActionResult } from '@/lib/action-result'
import { writeAudit } from '@/lib/audit'
import { auditListView } from '@/lib/audit/list-view'
import type { StaffActor } from '@/lib/auth/actor'
import { authorize } from '@/lib/auth/authorize'
import { almatyDay } from '@/lib/calendar'
import { formatDay } from '@/lib/i18n/format'
import { queueNamedSms } from '@/lib/notifications/mass-notice'
import { noticeDeadline } from '../rules/care-stop'
import type { CareStopData } from './schema'

type Result = ActionResult<{ id: number; queued: number }, 'errors.request.notAllowed'>

// A person the SMS cannot reach, for the written notice (p.34, last paragraph).
export type WithoutPhonePerson = { patientId: number; iin: string; name: string; address: string }
type CheckResult = ActionResult<
  { attached: number; withoutPhoneCount: number; withoutPhone: WithoutPhonePerson[] },
  'errors.request.notAllowed'
>

// How many of the people without a phone the confirmation lists by name.
export const withoutPhoneShown = 100

// Everyone the notice goes to: attached to the clinic (active, and scheduled campaign attachments waiting for
// 1 January), with their own phone or, for a child without one, a legal representative's.
const recipientsOf = (organizationId: number, today: string) => sql`
      select p.id as patient_id, p.last_name, p.first_name,
             coalesce(p.phone, guardian.phone) as phone,
             case when p.phone is not null then p.locale else coalesce(guardian.locale, p.locale) end as locale
      from attachments a
      join patients p on p.id = a.patient_id
      left join lateral (
        select rp.phone, rp.locale from representatives r join patients rp on rp.id = r.representative_id
        where r.child_id = p.id and rp.phone is not null and (r.valid_to is null or r.valid_to >= ${today})
        order by r.id limit 1
      ) guardian on p.phone is null
      where a.organization_id = ${organizationId} and a.status in ('active', 'scheduled')`

// The days the head typed, as the server checks them (the schema has checked their form and years).
function refusedDays(input: CareStopData, today: string) {
  const learnedOn = input.reason === 'contract_terminated' || input.reason === 'contract_amended' ? null : input.learnedOn || null
  if (learnedOn && learnedOn > today)
    return { refusal: invalidInput({ learnedOn: 'errors.careStop.learnedInFuture' }), learnedOn }
  return { refusal: null, learnedOn }
}

// Issue 15, point 3: before the confirmation, the server checks the notice and says how many people it reaches and who
// of them no SMS can reach (the first `withoutPhoneShown` by name, with their addresses; the view is audited). Nothing
// is recorded.
export async function checkCareStopNotice(
  db: Database,
  actor: StaffActor,
  input: CareStopData,
  now: Date,
  address: string | null,
): Promise<CheckResult> {
  if (!authorize(actor, 'careStop.record', { organizationId: actor.organizationId }))
    return { ok: false, code: 'errors.request.notAllowed' }
  const today = almatyDay(now)
  const { refusal } = refusedDays(input, today)
  if (refusal) return refusal
  return db.transaction(async (tx): Promise<CheckResult> => {
    const recipients = recipientsOf(actor.organizationId, today)
    const [counts] = await tx.execute<{ attached: number; without_phone: number }>(sql`
      select count(*)::int as attached, count(*) filter (where phone is null)::int as without_phone from (${recipients}) r`)
    const rows = await tx.execute<{ patient_id: number; iin: string; name: string; address: string }>(sql`
      select p.id::int as patient_id, p.iin, concat_ws(' ', p.last_name, p.first_name, p.middle_name) as name, p.address
      from (${recipients}) r join patients p on p.id = r.patient_id
      where r.phone is null
      order by p.last_name, p.first_name, p.id
      limit ${withoutPhoneShown}`)
    const withoutPhone = rows.map((row) => ({ patientId: row.patient_id, iin: row.iin, name: row.name, address: row.address }))
    if (withoutPhone.length > 0)
      await auditListView(tx, actor, {
        address,
        now,
        list: 'withoutPhoneCheck',
        filter: { careStop: input.reason },
        page: { limit: withoutPhoneShown },
        shown: withoutPhone.map((row) => row.patientId),
      })
    return { ok: true, data: { attached: counts!.attached, withoutPhoneCount: counts!.without_phone, withoutPhone } }
  })
}

// p.34: the head records that the clinic stops primary care; every person attached to it (and every person whose
// campaign attachment to it waits for 1 January) gets an SMS through the outbox in the same transaction: to their own
// phone, or for a child without one, to a legal representative's. People with no phone are counted, so the clinic
// can notify them "by the other means provided by law" (p.34, last paragraph).
export async function recordCareStopNotice(
  db: Database,
  actor: StaffActor,
  input: CareStopData,
  now: Date,
  address: string | null,
): Promise<Result> {
  if (!authorize(actor, 'careStop.record', { organizationId: actor.organizationId }))
    return { ok: false, code: 'errors.request.notAllowed' }
  const today = almatyDay(now)
  const { refusal, learnedOn } = refusedDays(input, today)
  if (refusal) return refusal
  const noticeDue = noticeDeadline(input.reason, { stopsOn: input.stopsOn, learnedOn })

  return db.transaction(async (tx): Promise<Result> => {
    const [replayed] = await tx
      .select({ id: careStopNotices.id, organizationId: careStopNotices.organizationId })
      .from(careStopNotices)
      .where(eq(careStopNotices.idempotencyKey, input.idempotencyKey))
    if (replayed) {
      if (replayed.organizationId !== actor.organizationId) return { ok: false, code: 'errors.request.notAllowed' }
      return { ok: true, data: { id: replayed.id, queued: 0 } }
    }
    const [clinic] = await tx
      .select({ nameKk: organizations.nameKk, nameRu: organizations.nameRu })
      .from(organizations)
      .where(eq(organizations.id, actor.organizationId))
    if (!clinic) return { ok: false, code: 'errors.request.notAllowed' }

    const recipients = recipientsOf(actor.organizationId, today)
    const [counts] = await tx.execute<{ attached: number; without_phone: number }>(sql`
      select count(*)::int as attached, count(*) filter (where phone is null)::int as without_phone from (${recipients}) r`)

    const [notice] = await tx
      .insert(careStopNotices)
      .values({
        organizationId: actor.organizationId,
        reason: input.reason,
        learnedOn,
        stopsOn: input.stopsOn,
        noticeDue,
        note: input.note || null,
        attachedCount: counts!.attached,
        withoutPhoneCount: counts!.without_phone,
        recordedBy: actor.id,
        recordedAt: now,
        idempotencyKey: input.idempotencyKey,
      })
      .returning({ id: careStopNotices.id })

    const queued = await queueNamedSms(tx, {
      template: 'careStopNotice',
      params: (locale) => ({ clinic: locale === 'ru' ? clinic.nameRu : clinic.nameKk, date: formatDay(input.stopsOn) }),
      notice: { column: 'care_stop_notice_id', id: notice!.id },
      data: { clinicId: actor.organizationId, stopsOn: input.stopsOn, reason: input.reason },
      recipients,
    })

    await writeAudit(tx, {
      actor,
      action: 'careStop.record',
      organizationId: actor.organizationId,
      entity: 'care_stop_notice',
      entityId: notice!.id,
      address,
      details: {
        reason: input.reason,
        learnedOn,
        stopsOn: input.stopsOn,
        noticeDue,
        attached: counts!.attached,
        withoutPhone: counts!.without_phone,
      },
    })
    return { ok: true, data: { id: notice!.id, queued } }
  })
}
