import type { Actor, Role } from './actor'

// What a person can do. Staff act only inside their own organization; patients only for themselves
// and the children they represent. The resource carries the organization and patient it belongs to,
// taken from the database row, never from form input.
export const actions = [
  'organization.read',
  'staff.read',
  'section.read',
  'patient.search',
  'patient.read',
  'attachment.read',
  'request.submit',
  'request.read',
  'request.take',
  'request.decide',
  'request.cancel',
  'document.sign',
  'document.revoke',
  'report.read',
  'calendar.manage',
  'careStop.record',
  'complaint.recordReview',
  'attachmentProtocol.apply',
] as const
export type Action = (typeof actions)[number]

export type Resource = {
  organizationId?: number | null
  patientId?: number | null
}

type Scope = 'organization' | 'patient'

const policy: Record<Action, Partial<Record<Role, Scope>>> = {
  'organization.read': { registrar: 'organization', doctor: 'organization', head: 'organization', chief: 'organization' },
  'staff.read': { head: 'organization', chief: 'organization' },
  'section.read': { registrar: 'organization', doctor: 'organization', head: 'organization', chief: 'organization' },
  'patient.search': { registrar: 'organization', doctor: 'organization', head: 'organization', chief: 'organization' },
  'patient.read': {
    patient: 'patient',
    registrar: 'organization',
    doctor: 'organization',
    head: 'organization',
    chief: 'organization',
  },
  'attachment.read': {
    patient: 'patient',
    registrar: 'organization',
    doctor: 'organization',
    head: 'organization',
    chief: 'organization',
  },
  'request.submit': { patient: 'patient', registrar: 'organization' },
  'request.read': {
    patient: 'patient',
    registrar: 'organization',
    doctor: 'organization',
    head: 'organization',
    chief: 'organization',
  },
  'request.take': { registrar: 'organization', head: 'organization' },
  'request.decide': { registrar: 'organization', head: 'organization', chief: 'organization' },
  'request.cancel': { patient: 'patient' },
  'document.sign': { doctor: 'organization', head: 'organization', chief: 'organization', registrar: 'organization' },
  // Issue 6: the department head or chief physician withdraws an issued document, with a reason.
  'document.revoke': { head: 'organization', chief: 'organization' },
  'report.read': { head: 'organization', chief: 'organization' },
  // Transfers of days off are national data; a chief physician enters them, recorded against their clinic.
  'calendar.manage': { chief: 'organization' },
  // p.34: the clinic's management records that it stops primary care and notifies its population.
  'careStop.record': { head: 'organization', chief: 'organization' },
  // p.39-40: the answer of the quality-control body to a forwarded complaint is recorded by the clinic's management.
  'complaint.recordReview': { head: 'organization', chief: 'organization' },
  // p.16, p.35-36: the receiving clinic's chief physician applies a Fund or regional commission protocol, and sends
  // the written notices to the people it attached.
  'attachmentProtocol.apply': { chief: 'organization' },
}

export function rolesFor(action: Action): Role[] {
  return Object.keys(policy[action]) as Role[]
}

export function authorize(actor: Actor | null, action: Action, resource: Resource): boolean {
  if (!actor) return false
  const scope = policy[action][actor.role]
  if (!scope) return false
  if (actor.kind === 'staff') {
    return scope === 'organization' && resource.organizationId != null && resource.organizationId === actor.organizationId
  }
  return (
    scope === 'patient' &&
    resource.patientId != null &&
    (resource.patientId === actor.id || actor.representedPatientIds.includes(resource.patientId))
  )
}
