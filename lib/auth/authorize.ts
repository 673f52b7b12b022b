import { listServices, serviceOf } from '@/lib/services'
import { serviceOperations, type ServiceDefinition, type ServiceOperation } from '@/lib/requests/contract'
import type { Actor, Role } from './actor'

// What a person can do. Staff act only inside their own organization; patients only for themselves
// and the children they represent. The resource carries the organization and patient it belongs to,
// taken from the database row, never from form input.
// A request belongs to its service: who may submit, read, take, approve, refuse or cancel it is the service's own
// `who`, looked up in the catalogue. The table below holds everything else.
export const actions = [
  'organization.read',
  'staff.read',
  'section.read',
  'patient.search',
  'patient.read',
  'patient.register',
  'attachment.read',
  'attachment.detach',
  'document.read',
  'document.sign',
  'document.revoke',
  'report.read',
  'calendar.read',
  'calendar.manage',
  'careStop.record',
  'complaint.recordReview',
  'attachmentProtocol.apply',
  'attachment.changeSection',
  'registry.read',
  'registry.keep',
] as const
export type Action = (typeof actions)[number]

export type Resource = {
  organizationId?: number | null
  patientId?: number | null
}

// A request, named by its service (the catalogue's id), with the clinic and patient of its row.
export type RequestResource = Resource & { service: string }

// 'outOfScope': another clinic's, another person's, or a request of a service the role never sees: to the actor it
// looks missing. 'forbidden': the actor sees it but may not do this to it.
export type Permission = 'allowed' | 'outOfScope' | 'forbidden'

// A clinic's staff; the region's administrator (region_admin) keeps regional data and sees no clinic's patients.
const staff: readonly Role[] = ['registrar', 'doctor', 'head', 'chief']

const policy: Record<Action, readonly Role[]> = {
  'organization.read': staff,
  'staff.read': ['head', 'chief'],
  'section.read': staff,
  'patient.search': staff,
  'patient.read': ['patient', ...staff],
  // Issue 15: a walk-in the database does not know is registered at the desk, where applications are taken.
  'patient.register': ['registrar'],
  'attachment.read': ['patient', ...staff],
  // Annulled order 004 annex 3 p.5-6(4): the clinic's person responsible for the register of attached population (the
  // registrar, at the desk where attachment is kept) records a detachment on death or departure abroad.
  'attachment.detach': ['registrar'],
  // A request's documents are seen by whoever sees the request: its patient (or their parent) and its clinic's staff.
  'document.read': ['patient', ...staff],
  'document.sign': staff,
  // Issue 6: the department head or chief physician withdraws an issued document, with a reason.
  'document.revoke': ['head', 'chief'],
  'report.read': ['head', 'chief'],
  // The working-day calendar is a national fact (Labour Code art. 85(3)) every clinic's deadlines use: a clinic's chief
  // sees it; only the region's administrator changes it (issue 15), not one clinic's chief for every clinic.
  'calendar.read': ['chief', 'region_admin'],
  'calendar.manage': ['region_admin'],
  // p.34: the clinic's management records that it stops primary care and notifies its population.
  'careStop.record': ['head', 'chief'],
  // p.39-40: the answer of the quality-control body to a forwarded complaint is recorded by the clinic's management.
  'complaint.recordReview': ['head', 'chief'],
  // p.16, p.35-36: the receiving clinic's chief physician applies a Fund or regional commission protocol, and sends
  // the written notices to the people it attached.
  'attachmentProtocol.apply': ['chief'],
  // p.18: the doctor (section) is chosen within the clinic of attachment. The registrar chose it at approval and moves
  // a person to another section at the desk; the head and chief physician, who answer for the sections' load, too.
  'attachment.changeSection': ['registrar', 'head', 'chief'],
  // Issue 16: a registry centre's doctor reads and keeps her own centre's registry of dynamic observation (add, remove,
  // import); no clinic's staff sees it, and no centre another's.
  'registry.read': ['dispensary_doctor'],
  'registry.keep': ['dispensary_doctor'],
}

export function rolesFor(action: Action): Role[] {
  return [...policy[action]]
}

function inScope(actor: Actor, resource: Resource): boolean {
  if (actor.kind === 'staff') return resource.organizationId != null && resource.organizationId === actor.organizationId
  return (
    resource.patientId != null && (resource.patientId === actor.id || actor.representedPatientIds.includes(resource.patientId))
  )
}

function isServiceOperation(what: string): what is ServiceOperation {
  return (serviceOperations as readonly string[]).includes(what)
}

function permission(actor: Actor | null, what: Action | ServiceOperation, resource: Resource & { service?: string }): Permission {
  if (!actor || !inScope(actor, resource)) return 'outOfScope'
  if (!isServiceOperation(what)) return policy[what].includes(actor.role) ? 'allowed' : 'forbidden'
  const who = resource.service === undefined ? undefined : serviceOf(resource.service)?.who
  if (!who) return 'outOfScope'
  if (who[what].includes(actor.role)) return 'allowed'
  return what === 'submit' || who.read.includes(actor.role) ? 'forbidden' : 'outOfScope'
}

export function permissionOf(actor: Actor | null, action: Action, resource: Resource): Permission
export function permissionOf(actor: Actor | null, operation: ServiceOperation, resource: RequestResource): Permission
export function permissionOf(
  actor: Actor | null,
  what: Action | ServiceOperation,
  resource: Resource & { service?: string },
): Permission {
  return permission(actor, what, resource)
}

// The yes-or-no form, for reads and actions that show a missing and a refused thing alike.
export function authorize(actor: Actor | null, action: Action, resource: Resource): boolean
export function authorize(actor: Actor | null, operation: ServiceOperation, resource: RequestResource): boolean
export function authorize(
  actor: Actor | null,
  what: Action | ServiceOperation,
  resource: Resource & { service?: string },
): boolean {
  return permission(actor, what, resource) === 'allowed'
}

// The services whose requests the actor's role may `operation` at all (inside its scope): the queue's services, the
// desk's, the check before a submitted payload is even parsed.
export function servicesFor(actor: Actor, operation: ServiceOperation): readonly ServiceDefinition[] {
  return listServices().filter((service) => service.who[operation].includes(actor.role))
}
