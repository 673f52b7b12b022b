import 'server-only'
import { eq } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { requests } from '@/db/schema'
import type { Actor } from '@/lib/auth/actor'
import { transitionRequest, type EngineContext } from '@/lib/requests/engine'
import { engineDecisionOf } from './rules'
import type { complaintDecisionSchema } from './schema'
import type { z } from 'zod'

// p.38-40: the head's decision on a complaint, in the engine's terms: satisfied is an approval carrying the answer;
// partly satisfied and forwarded are refusals on their p.40 ground with the answer as the reason. The engine locks the
// complaint, checks who may decide it and its version (one outcome of two at once), and reopens the contested
// refusal in the same transaction (ServiceDefinition.contests). Only a complaint: this is not a way to decide others.
export async function decideComplaint(
  db: Database,
  actor: Actor,
  input: z.output<typeof complaintDecisionSchema>,
  context: EngineContext,
) {
  const [row] = await db.select({ service: requests.service }).from(requests).where(eq(requests.id, input.requestId))
  if (row?.service !== 'complaint') return { ok: false as const, code: 'errors.request.notFound' as const }
  const decision = engineDecisionOf(input.outcome)
  const result = await transitionRequest(
    db,
    actor,
    decision.operation === 'approve'
      ? { operation: 'approve', requestId: input.requestId, version: input.version, note: input.answer }
      : {
          operation: 'refuse',
          requestId: input.requestId,
          version: input.version,
          ground: decision.ground,
          reason: input.answer,
        },
    context,
  )
  // The answer is one field on the complaint's form, whatever the engine called it.
  if (!result.ok && result.fieldErrors) {
    const { note, reason, ...rest } = result.fieldErrors
    const answer = note ?? reason
    return { ...result, fieldErrors: answer ? { ...rest, answer } : rest }
  }
  return result
}
