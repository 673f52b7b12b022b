import { and, eq } from 'drizzle-orm'
import type { Database, Transaction } from '@/db/client'
import { requests, type RequestStatus } from '@/db/schema'
import type { DecidedRequest } from '@/lib/requests/contract'
import { satisfactionEffect } from './rules'
import type { Complaint } from './schema'

// The decision a complaint is about, as its page names it: the request's service, number and status now (it may have
// been reopened and decided again since), read within the complaint's own clinic and patient.
export type ContestedFacts = { id: string; number: number; service: string; status: RequestStatus } | null

export async function contestedFacts(
  db: Pick<Database, 'select'> | Transaction,
  complaint: { organizationId: number; patientId: number; payload: Complaint },
): Promise<ContestedFacts> {
  const [row] = await db
    .select({ id: requests.id, number: requests.number, service: requests.service, status: requests.status })
    .from(requests)
    .where(
      and(
        eq(requests.id, complaint.payload.requestId),
        eq(requests.organizationId, complaint.organizationId),
        eq(requests.patientId, complaint.patientId),
      ),
    )
  return row ?? null
}

// p.40: a complaint about inaction is satisfied by the decision itself; while the request still waits for one, the
// complaint cannot be satisfied (decide the request first). Read in the deciding transaction.
export async function complaintApprovalBlock(tx: Transaction, complaint: DecidedRequest<Complaint>) {
  const contested = await contestedFacts(tx, complaint)
  if (contested && satisfactionEffect(complaint.payload.about, contested.status) === 'decideFirst')
    return 'errors.complaint.decideFirst' as const
  return null
}
