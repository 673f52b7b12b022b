import 'server-only'
import { and, eq, gt, inArray, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { organizations, patients, requests } from '@/db/schema'
import type { Actor } from '@/lib/auth/actor'
import type { ErrorCode } from '@/lib/errors/codes'
import { registryCertificateVariants, type RegistryCertificateVariant } from './registries'
import type { RegistryCertificate } from './schema'

// Requests about other people a requester may make in an hour (issue 16: attempts are rate-limited), across the three
// registries.
export const otherPersonRequestsPerHour = 10

export async function validateRegistryCertificate(
  db: Database,
  variant: RegistryCertificateVariant,
  payload: RegistryCertificate,
  context: { actor: Actor; now: Date },
): Promise<{ ok: true } | { ok: false; code: ErrorCode; field?: string }> {
  // The centre and the requester in one statement.
  const [found] = await db.execute<{ type: string | null; iin: string | null }>(sql`
    select (select type from ${organizations} where id = ${payload.centreId}) as type,
           (select iin from ${patients} where id = ${payload.patientId}) as iin`)
  if (found?.type !== variant.centreType) return { ok: false, code: 'errors.registryCertificate.noCentre' }
  if (found.iin === null) return { ok: false, code: 'errors.request.notAllowed', field: 'patientId' }
  const requester = { iin: found.iin }
  // Rule 9: about oneself means the requester's own IIN, set on the server; another person is someone else.
  if (payload.about === 'self' && payload.subjectIin !== requester.iin)
    return { ok: false, code: 'errors.request.notAllowed', field: 'subjectIin' }
  if (payload.about === 'other') {
    if (payload.subjectIin === requester.iin)
      return { ok: false, code: 'errors.registryCertificate.selfIin', field: 'subjectIin' }
    const [recent] = await db
      .select({ count: sql<number>`count(*)::int` })
      .from(requests)
      .where(
        and(
          eq(requests.patientId, payload.patientId),
          gt(requests.submittedAt, new Date(context.now.getTime() - 3_600_000)),
          inArray(
            requests.service,
            registryCertificateVariants.map((candidate) => candidate.service),
          ),
          sql`${requests.payload}->>'about' = 'other'`,
        ),
      )
    if ((recent?.count ?? 0) >= otherPersonRequestsPerHour)
      return { ok: false, code: 'errors.registryCertificate.tooManyRequests', field: 'subjectIin' }
  }
  return { ok: true }
}
