import 'server-only'
import { inArray } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { patients } from '@/db/schema'
import { invalidInput, type ActionResult } from '@/lib/action-result'
import type { Actor } from '@/lib/auth/actor'
import { almatyDay } from '@/lib/calendar'
import type { EngineContext, SubmitCode } from '@/lib/requests/engine'
import { submitGroup } from '@/lib/requests/submit-group'
import { familyApplicationSchema, memberField, memberRequestInput, type FamilyApplication } from './family-schema'
import { isChild } from './rules'

export type FamilySubmitted = {
  familyGroupId: string
  requests: { requestId: string; number: number; patientId: number }[]
  replayed: boolean
}

// p.30 para 2: one request per member, submitted by the engine as one request group (all created in one transaction or
// none), the first member the group's applicant with the written consent. A member who cannot be attached stops the
// whole application, with the reason on that member's row.
export async function submitFamilyAttachment(
  db: Database,
  actor: Actor,
  input: { idempotencyKey: string; application: unknown },
  context: EngineContext,
): Promise<ActionResult<FamilySubmitted, SubmitCode>> {
  if (actor.kind !== 'staff') return { ok: false, code: 'errors.request.notAllowed' }
  const parsed = familyApplicationSchema.safeParse(input.application)
  if (!parsed.success) return invalidInput(parsed.error)
  const application = parsed.data
  const refused = await refusedMembers(db, application, context)
  if (refused) return { ok: false, code: 'errors.family.memberInvalid', fieldErrors: refused }

  const result = await submitGroup(
    db,
    actor,
    {
      service: 'attachment',
      channel: 'desk',
      idempotencyKey: input.idempotencyKey,
      applicant: { patientId: application.members[0]!.patientId, writtenConsent: application.writtenConsent },
      members: application.members.map((_, index) => {
        const request = memberRequestInput(application, index)
        // Standard row 2 counts one desk service per application: the opening time stays on the consenting member's request.
        if (index > 0 && request.desk) request.desk.openedAt = undefined
        return request
      }),
    },
    context,
  )
  if (result.ok) {
    const { groupId, ...data } = result.data
    return { ok: true, data: { familyGroupId: groupId, ...data } }
  }
  return {
    ok: false,
    code: result.code === 'errors.request.groupInvalid' ? 'errors.family.memberInvalid' : result.code,
    fieldErrors: result.fieldErrors && familyFields(result.fieldErrors),
  }
}

// What the family application itself requires of its members: each exists, and the written consent is an adult's (a
// child is attached through a legal representative, p.30 para 3). The rest is each member's request's own rules.
async function refusedMembers(
  db: Database,
  application: FamilyApplication,
  context: EngineContext,
): Promise<Record<string, string> | null> {
  const people = await db
    .select({ id: patients.id, birthDate: patients.birthDate })
    .from(patients)
    .where(
      inArray(
        patients.id,
        application.members.map((member) => member.patientId),
      ),
    )
  const today = almatyDay(context.now)
  const fieldErrors: Record<string, string> = {}
  for (const [index, member] of application.members.entries()) {
    const person = people.find((row) => row.id === member.patientId)
    if (!person) fieldErrors[memberField(index, 'patientId')] = 'errors.family.memberNotFound'
    else if (index === 0 && isChild(person.birthDate, today))
      fieldErrors[memberField(index, 'patientId')] = 'errors.family.applicantChild'
  }
  return Object.keys(fieldErrors).length > 0 ? fieldErrors : null
}

// The engine names a member's field `members.<index>.<request field>`; the family form names it by the member's row.
function familyFields(fieldErrors: Record<string, string>): Record<string, string> {
  const mapped: Record<string, string> = {}
  for (const [key, code] of Object.entries(fieldErrors)) {
    const member = /^members\.(\d+)(?:\.(.+))?$/.exec(key)
    const field = member ? memberField(Number(member[1]), member[2]) : key
    if (!(field in mapped)) mapped[field] = code
  }
  return mapped
}
