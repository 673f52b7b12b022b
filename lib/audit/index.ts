import { auditLog } from '@/db/schema'
import type { Database } from '@/db/client'

export type AuditEntry = {
  // 'system': a job's own work (no person acted), e.g. the removal of an import nobody confirmed.
  actor: { kind: 'staff' | 'patient'; id: number } | { kind: 'system'; id: null } | null
  action: string
  organizationId?: number | null
  patientId?: number | null
  entity?: string | null
  entityId?: string | number | null
  address?: string | null
  details?: Record<string, unknown>
}

export type AuditExecutor = Pick<Database, 'insert'>

// Written in the same transaction as the change it records (or alone, for a read).
export async function writeAudit(db: AuditExecutor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorKind: entry.actor?.kind ?? 'anonymous',
    actorId: entry.actor?.id ?? null,
    action: entry.action,
    organizationId: entry.organizationId ?? null,
    patientId: entry.patientId ?? null,
    entity: entry.entity ?? null,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    address: entry.address ?? null,
    details: entry.details ?? {},
  })
}
