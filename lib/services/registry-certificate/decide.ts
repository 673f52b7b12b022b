import 'server-only'
import { eq } from 'drizzle-orm'
import { certificateConsents } from '@/db/schema'
import type { ErrorCode } from '@/lib/errors/codes'
import type { ApprovalDetails, DecidedRequest, Transaction } from '@/lib/requests/contract'
import type { RegistryCertificateVariant } from './registries'
import { activeRecordsFor, subjectByIinLocked } from './queries'
import { matchRegistry } from './rules'
import { registryResults, type RegistryCertificate, type RegistryResult } from './schema'

// The approval reads the registry inside the deciding transaction, after the advisory locks of lib/registries/lock.ts:
// a record added on the centre's screen a moment before is either committed (and read here) or waits for this
// decision to commit. READ COMMITTED is enough: the match query starts after the lock is granted. So a person on the
// registry never receives an automatic «не состоит» (issue 16).
export function registryApproval(variant: RegistryCertificateVariant): ApprovalDetails<RegistryCertificate> {
  return {
    choices: async (_db, request) =>
      request.payload.result
        ? []
        : [
            {
              name: 'result',
              label: 'registryCertificate.panel.result',
              options: registryResults.map((result) => ({ value: result, label: `registryCertificate.summary.${result}` })),
              value: null,
            },
          ],
    complete: async (tx, request, chosen) => {
      const subject = await subjectByIinLocked(tx, variant.registry, request.payload.subjectIin)
      if (!subject) return { ok: false, code: 'errors.request.notFound', field: 'result' }
      const match = matchRegistry(subject, await activeRecordsFor(tx, variant.registry, subject))
      const wanted = registryResults.find((result) => result === chosen?.result) ?? null
      const fail = (code: ErrorCode) => ({ ok: false as const, code, field: 'result' })
      let result: RegistryResult
      if (match === 'registered') {
        if (wanted === 'not_registered') return fail('errors.registryCertificate.onRegistry')
        result = 'registered'
      } else if (match === 'not_registered') {
        if (wanted === 'registered') return fail('errors.registryCertificate.noRecord')
        result = 'not_registered'
      } else {
        if (!wanted) return fail('errors.registryCertificate.uncertainMatch')
        result = wanted
      }
      return { ok: true, payload: { ...request.payload, result, decidedBy: wanted ? 'doctor' : 'registry' } }
    },
  }
}

// List row 10, rule 20: refused only for lack of consent: a request about another person whose consent was refused
// or ran out. A request about oneself is never refused (rule 9).
export async function registryRefusalBlock(
  tx: Transaction,
  request: DecidedRequest<RegistryCertificate>,
  now: Date,
): Promise<ErrorCode | null> {
  if (request.payload.about === 'self') return 'errors.registryCertificate.refusalOnlyWithoutConsent'
  const [consent] = await tx
    .select({ status: certificateConsents.status, expiresAt: certificateConsents.expiresAt })
    .from(certificateConsents)
    .where(eq(certificateConsents.requestId, request.id))
  if (!consent) return 'errors.registryCertificate.refusalOnlyWithoutConsent'
  const lacking =
    consent.status === 'refused' || consent.status === 'expired' || (consent.status === 'pending' && consent.expiresAt <= now)
  return lacking ? null : 'errors.registryCertificate.refusalOnlyWithoutConsent'
}
