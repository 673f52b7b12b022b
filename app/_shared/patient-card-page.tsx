import { notFound } from 'next/navigation'
import { getDb } from '@/db/client'
import type { Role } from '@/lib/auth/actor'
import { requireActor } from '@/lib/auth/session'
import { getPatientCard } from '@/lib/patients/queries'
import { clientAddress } from '@/lib/request-context'
import { rowIdParam } from '@/lib/route-params'
import { PatientCard } from '@/components/patients/patient-card'

// The patient's record for one role; out of scope looks like missing (404).
export async function PatientCardPage({ role, id, personHref }: { role: Role; id: string; personHref?: (id: number) => string }) {
  const actor = await requireActor(role)
  const patientId = rowIdParam(id)
  const card = patientId ? await getPatientCard(getDb(), actor, patientId, await clientAddress()) : null
  if (!card) notFound()
  return <PatientCard patient={card} personHref={personHref} />
}
