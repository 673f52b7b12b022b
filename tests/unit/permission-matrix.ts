import type { Actor, Role } from '@/lib/auth/actor'
import type { Permission, RequestResource } from '@/lib/auth/authorize'
import { serviceOperations, type ServiceDefinition, type ServiceOperation } from '@/lib/requests/contract'

// The permission matrix of request operations, generated from the catalogue: every service × operation × role ×
// where the request stands to the actor. A service added to the catalogue is walked the day it is added.
export const roles: readonly Role[] = ['patient', 'registrar', 'doctor', 'head', 'chief', 'dispensary_doctor', 'region_admin']
export const ownOrganization = 10
export const otherOrganization = 20
export const self = 100
export const child = 101
export const stranger = 200

export function actorFor(role: Role): Actor {
  if (role === 'patient') {
    return { kind: 'patient', id: self, role, representedPatientIds: [child], name: 'P', locale: 'kk', phone: null }
  }
  return { kind: 'staff', id: 1, role, organizationId: ownOrganization, departmentId: null, name: 'S', locale: 'kk' }
}

type Place = { place: string; organizationId: number; patientId: number; inScope: boolean }

// Staff act at their own clinic, whoever the patient is; a patient for themselves and the child they represent, at any
// clinic, never for a stranger.
const placesOf: Record<'staff' | 'patient', readonly Place[]> = {
  staff: [
    { place: 'own organization', organizationId: ownOrganization, patientId: stranger, inScope: true },
    { place: 'other organization', organizationId: otherOrganization, patientId: stranger, inScope: false },
  ],
  patient: [
    { place: 'self', organizationId: ownOrganization, patientId: self, inScope: true },
    { place: 'self at another clinic', organizationId: otherOrganization, patientId: self, inScope: true },
    { place: 'represented child', organizationId: ownOrganization, patientId: child, inScope: true },
    { place: 'stranger', organizationId: ownOrganization, patientId: stranger, inScope: false },
  ],
}

// What `who` says. Allowed: the role is listed for the operation and the request is the actor's to see. Out of scope
// (it looks missing): another clinic's or person's, or a service whose requests the role does not read at all.
// Forbidden: the actor sees the request (or is submitting one) but the role may not do this.
export function expectedPermission(
  who: ServiceDefinition['who'],
  operation: ServiceOperation,
  role: Role,
  inScope: boolean,
): Permission {
  if (!inScope) return 'outOfScope'
  if (who[operation].includes(role)) return 'allowed'
  return operation === 'submit' || who.read.includes(role) ? 'forbidden' : 'outOfScope'
}

export type MatrixCase = {
  service: string
  operation: ServiceOperation
  role: Role
  place: string
  resource: RequestResource
  expected: Permission
}

export function matrixOf(services: readonly ServiceDefinition[]): MatrixCase[] {
  return services.flatMap((service) =>
    serviceOperations.flatMap((operation) =>
      roles.flatMap((role) =>
        placesOf[role === 'patient' ? 'patient' : 'staff'].map(({ place, organizationId, patientId, inScope }) => ({
          service: service.id,
          operation,
          role,
          place,
          resource: { service: service.id, organizationId, patientId },
          expected: expectedPermission(service.who, operation, role, inScope),
        })),
      ),
    ),
  )
}
