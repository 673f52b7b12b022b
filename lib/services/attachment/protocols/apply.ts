import 'server-only'
import { and, eq, type SQL, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { attachmentProtocols, organizations } from '@/db/schema'
import { invalidInput } from '@/lib/action-result'
import { writeAudit } from '@/lib/audit'
import type { StaffActor } from '@/lib/auth/actor'
import { authorize } from '@/lib/auth/authorize'
import { almatyDay, type CalendarOverride, isInCalendarYears } from '@/lib/calendar'
import { auditListView } from '@/lib/audit/list-view'
import type { Transaction } from '@/lib/requests/contract'
import { formatDay } from '@/lib/i18n/format'
import { queueNamedSms } from '@/lib/notifications/mass-notice'
import { isProtocolLate, type LineError, maxProtocolPeople, parseProtocolPeople, protocolDue } from '../rules/protocols'
import { rankSections, sectionCoversAge } from '../rules/sections'
import { clinicSections } from '../section-choice'
import type { ProtocolData } from './schema'
import { recordAttachedElsewhere } from '../detachment/elsewhere'

export type ApplyProtocolResult =
  | { ok: true; data: { id: number; attached: number; withoutPhone: number; queued: number; replayed: boolean } }
  | {
      ok: false
      code: 'errors.request.notAllowed' | 'errors.invalidInput' | 'errors.protocol.linesInvalid'
      fieldErrors?: Record<string, string>
      lineErrors?: LineError[]
    }

export type ApplyContext = { now: Date; address: string | null; overrides: readonly CalendarOverride[] }

// A person the SMS cannot reach: the written notice goes to their address (p.36).
export type WithoutPhonePerson = { patientId: number; iin: string; name: string; address: string }

export type CheckProtocolResult =
  | { ok: true; data: { attached: number; withoutPhoneCount: number; withoutPhone: WithoutPhonePerson[] } }
  | Extract<ApplyProtocolResult, { ok: false }>

// How many of the people without a phone a confirmation lists by name; the protocol's page lists them all after.
export const withoutPhoneShown = 100

type CheckedLine = {
  line: number
  patient_id: number | null
  current_organization_id: number | null
  section: string | null
  section_id: number | null
  birth_date: string | null
  address: string | null
}

type Refusal = Extract<ApplyProtocolResult, { ok: false }>
type Checked = { rows: CheckedLine[]; recipients: SQL }

const recipientsOf = (people: SQL, today: string) => sql`
      select p.id as patient_id, p.last_name, p.first_name,
             coalesce(p.phone, guardian.phone) as phone,
             case when p.phone is not null then p.locale else coalesce(guardian.locale, p.locale) end as locale
      from ${people}
      join patients p on p.id = t.patient_id
      left join lateral (
        select rp.phone, rp.locale from representatives r join patients rp on rp.id = r.representative_id
        where r.child_id = p.id and rp.phone is not null and (r.valid_to is null or r.valid_to >= ${today})
        order by r.id limit 1
      ) guardian on p.phone is null`

// Every check of a protocol, in the deciding transaction: the day it was received (in the calendar's years, not in the
// future), the list's size, its number not used before, and each line (a known person, not already attached here, a
// section of this clinic). Any failure refuses the whole protocol with every line's error. The people are locked in id
// order, so two protocols naming the same people run one after the other.
async function checkProtocol(tx: Transaction, actor: StaffActor, input: ProtocolData, today: string): Promise<Refusal | Checked> {
  const fieldErrors: Record<string, string> = {}
  if (!isInCalendarYears(input.receivedOn)) fieldErrors.receivedOn = 'errors.calendar.outOfYears'
  else if (input.receivedOn > today) fieldErrors.receivedOn = 'errors.protocol.receivedInFuture'
  const parsed = parseProtocolPeople(input.people)
  if (parsed.people.length + parsed.errors.length === 0) fieldErrors.people = 'errors.protocol.peopleRequired'
  else if (parsed.people.length + parsed.errors.length > maxProtocolPeople) fieldErrors.people = 'errors.protocol.tooManyPeople'
  if (fieldErrors.people) return invalidInput(fieldErrors)

  const [taken] = await tx
    .select({ id: attachmentProtocols.id })
    .from(attachmentProtocols)
    .where(
      and(
        eq(attachmentProtocols.organizationId, actor.organizationId),
        eq(attachmentProtocols.kind, input.kind),
        eq(attachmentProtocols.number, input.number),
      ),
    )
  if (taken) fieldErrors.number = 'errors.protocol.numberTaken'

  const lines = sql`jsonb_to_recordset(${JSON.stringify(parsed.people)}::jsonb) as l(line int, iin text, section text)`
  await tx.execute(sql`select p.id from patients p where p.iin in (select l.iin from ${lines}) order by p.id for update`)
  const checked = await tx.execute<CheckedLine>(sql`
      select l.line, p.id::int as patient_id, current.organization_id::int as current_organization_id, l.section,
             s.id::int as section_id, p.birth_date::text as birth_date, p.address
      from ${lines}
      left join patients p on p.iin = l.iin
      left join attachments current on current.patient_id = p.id and current.status = 'active'
      left join sections s on s.organization_id = ${actor.organizationId} and s.number = l.section
      order by l.line`)
  const lineErrors: LineError[] = [...parsed.errors]
  for (const row of checked) {
    if (row.patient_id == null) lineErrors.push({ line: row.line, code: 'errors.protocol.line.unknownPerson' })
    else if (row.current_organization_id === actor.organizationId)
      lineErrors.push({ line: row.line, code: 'errors.protocol.line.alreadyAttached' })
    else if (row.section != null && row.section_id == null)
      lineErrors.push({ line: row.line, code: 'errors.protocol.line.foreignSection' })
  }
  // Nobody is attached without a section: a line that names none gets the one that serves the person's age, the
  // territory of the address first, then the least loaded (counting those this protocol adds); a named section must
  // serve the person's age too.
  const candidates = await clinicSections(tx, actor.organizationId)
  for (const row of checked) {
    if (row.patient_id == null || !row.birth_date || (row.section != null && row.section_id == null)) continue
    const person = { birthDate: row.birth_date, address: row.address ?? '' }
    if (row.section_id != null) {
      const named = candidates.find((candidate) => candidate.id === row.section_id)
      if (named && !sectionCoversAge(named, person.birthDate, today))
        lineErrors.push({ line: row.line, code: 'errors.protocol.line.sectionAgeBand' })
      else if (named) named.attached += 1
      continue
    }
    const best = rankSections(candidates, person, today)[0]
    if (!best) lineErrors.push({ line: row.line, code: 'errors.protocol.line.noSectionForAge' })
    else {
      row.section_id = best.id
      best.attached += 1
    }
  }
  lineErrors.sort((a, b) => a.line - b.line)
  if (lineErrors.length > 0) fieldErrors.people = 'errors.protocol.linesInvalid'
  if (Object.keys(fieldErrors).length > 0)
    return {
      ok: false,
      code: lineErrors.length > 0 ? 'errors.protocol.linesInvalid' : 'errors.invalidInput',
      fieldErrors,
      ...(lineErrors.length > 0 ? { lineErrors } : {}),
    }
  const targets = JSON.stringify(checked.map((row) => ({ patient_id: row.patient_id, section_id: row.section_id })))
  const people = sql`jsonb_to_recordset(${targets}::jsonb) as t(patient_id bigint, section_id bigint)`
  return { rows: [...checked], recipients: recipientsOf(people, today) }
}

// Issue 15, point 3: the confirmation step asks the server first. Every check of `applyAttachmentProtocol` runs and
// nothing is applied; the answer is how many people the protocol attaches and who of them no SMS can reach (the first
// `withoutPhoneShown` by name, with their addresses for the written notice; the list's view is audited).
export async function checkAttachmentProtocol(
  db: Database,
  actor: StaffActor,
  input: ProtocolData,
  context: ApplyContext,
): Promise<CheckProtocolResult> {
  if (!authorize(actor, 'attachmentProtocol.apply', { organizationId: actor.organizationId }))
    return { ok: false, code: 'errors.request.notAllowed' }
  const today = almatyDay(context.now)
  return db.transaction(async (tx): Promise<CheckProtocolResult> => {
    const checked = await checkProtocol(tx, actor, input, today)
    if ('ok' in checked) return checked
    const without = await tx.execute<{ patient_id: number; iin: string; name: string; address: string; total: number }>(sql`
      select p.id::int as patient_id, p.iin, concat_ws(' ', p.last_name, p.first_name, p.middle_name) as name, p.address,
             count(*) over ()::int as total
      from (${checked.recipients}) r join patients p on p.id = r.patient_id
      where r.phone is null
      order by p.last_name, p.first_name, p.id
      limit ${withoutPhoneShown}`)
    const withoutPhone = without.map((row) => ({ patientId: row.patient_id, iin: row.iin, name: row.name, address: row.address }))
    if (withoutPhone.length > 0)
      await auditListView(tx, actor, {
        address: context.address,
        now: context.now,
        list: 'withoutPhoneCheck',
        filter: { protocolNumber: input.number },
        page: { limit: withoutPhoneShown },
        shown: withoutPhone.map((row) => row.patientId),
      })
    return {
      ok: true,
      data: { attached: checked.rows.length, withoutPhoneCount: without[0]?.total ?? 0, withoutPhone },
    }
  })
}

// Rules of attachment p.16, p.35-36: the receiving clinic's chief applies a protocol received from the Fund (placement
// results) or from the regional commission. All or nothing: every line is checked first (checkProtocol), and any bad
// line stops the whole protocol with every line's error. Then, in one transaction, each person's current attachment
// ends on the day of application (as an approval ends it, p.13-14) and an active one to this clinic starts, with the
// protocol's basis; each person is told by SMS (own phone, or for a child without one, a legal representative's;
// p.36), and people without any phone are counted for the written notice. A replay of the same idempotency key
// applies nothing.
export async function applyAttachmentProtocol(
  db: Database,
  actor: StaffActor,
  input: ProtocolData,
  context: ApplyContext,
): Promise<ApplyProtocolResult> {
  if (!authorize(actor, 'attachmentProtocol.apply', { organizationId: actor.organizationId }))
    return { ok: false, code: 'errors.request.notAllowed' }
  const today = almatyDay(context.now)

  return db.transaction(async (tx): Promise<ApplyProtocolResult> => {
    const [replayed] = await tx
      .select({
        id: attachmentProtocols.id,
        organizationId: attachmentProtocols.organizationId,
        peopleCount: attachmentProtocols.peopleCount,
        withoutPhoneCount: attachmentProtocols.withoutPhoneCount,
      })
      .from(attachmentProtocols)
      .where(eq(attachmentProtocols.idempotencyKey, input.idempotencyKey))
    if (replayed) {
      if (replayed.organizationId !== actor.organizationId) return { ok: false, code: 'errors.request.notAllowed' }
      const data = { id: replayed.id, attached: replayed.peopleCount, withoutPhone: replayed.withoutPhoneCount }
      return { ok: true, data: { ...data, queued: 0, replayed: true } }
    }
    const checked = await checkProtocol(tx, actor, input, today)
    if ('ok' in checked) return checked
    const recipients = checked.recipients
    const targets = JSON.stringify(checked.rows.map((row) => ({ patient_id: row.patient_id, section_id: row.section_id })))
    const people = sql`jsonb_to_recordset(${targets}::jsonb) as t(patient_id bigint, section_id bigint)`
    const [clinic] = await tx
      .select({ nameKk: organizations.nameKk, nameRu: organizations.nameRu })
      .from(organizations)
      .where(eq(organizations.id, actor.organizationId))
    if (!clinic) return { ok: false, code: 'errors.request.notAllowed' }

    const [counts] = await tx.execute<{ without_phone: number }>(sql`
      select count(*) filter (where phone is null)::int as without_phone from (${recipients}) r`)
    const dueAt = protocolDue(input.receivedOn, { overrides: context.overrides })

    const [protocol] = await tx
      .insert(attachmentProtocols)
      .values({
        organizationId: actor.organizationId,
        kind: input.kind,
        number: input.number,
        receivedOn: input.receivedOn,
        dueAt,
        basis: input.basis,
        appliedOn: today,
        appliedAt: context.now,
        appliedBy: actor.id,
        peopleCount: checked.rows.length,
        withoutPhoneCount: counts!.without_phone,
        idempotencyKey: input.idempotencyKey,
      })
      .returning({ id: attachmentProtocols.id })

    // As an approval does (lib/services/attachment/attach.ts): the current attachment ends on the day the new one
    // starts, and an insurance attachment whose contract ended earlier keeps its own last day.
    await recordAttachedElsewhere(tx, {
      people: sql`select t.patient_id from ${people}`,
      organizationId: actor.organizationId,
      day: today,
    })
    const ended = await tx.execute<{ organization_id: number; count: number }>(sql`
      with ended as (
        update attachments set status = 'ended', valid_to = least(valid_to, ${today}::date), version = version + 1
        where status = 'active' and patient_id in (select t.patient_id from ${people})
        returning organization_id
      )
      select organization_id::int, count(*)::int as count from ended group by organization_id order by organization_id`)
    await tx.execute(sql`
      insert into attachments (patient_id, organization_id, section_id, basis, status, valid_from, protocol_id)
      select t.patient_id, ${actor.organizationId}, t.section_id, ${input.basis}, 'active', ${today}::date, ${protocol!.id}
      from ${people}
      order by t.patient_id`)

    const queued = await queueNamedSms(tx, {
      template: 'attachmentProtocol',
      params: (locale) => ({
        clinic: locale === 'ru' ? clinic.nameRu : clinic.nameKk,
        date: formatDay(today),
        number: input.number,
      }),
      notice: { column: 'attachment_protocol_id', id: protocol!.id },
      data: { clinicId: actor.organizationId, protocolId: protocol!.id, number: input.number, from: today },
      recipients,
    })

    await writeAudit(tx, {
      actor,
      action: 'attachmentProtocol.apply',
      organizationId: actor.organizationId,
      entity: 'attachment_protocol',
      entityId: protocol!.id,
      address: context.address,
      details: {
        kind: input.kind,
        number: input.number,
        receivedOn: input.receivedOn,
        dueAt: dueAt.toISOString(),
        late: isProtocolLate(dueAt, context.now),
        basis: input.basis,
        people: checked.rows.length,
        withoutPhone: counts!.without_phone,
        endedByClinic: Object.fromEntries(ended.map((row) => [row.organization_id, row.count])),
      },
    })
    const data = { id: protocol!.id, attached: checked.rows.length, withoutPhone: counts!.without_phone }
    return { ok: true, data: { ...data, queued, replayed: false } }
  })
}
