import { describe, expect, it } from 'vitest'
import type { Actor, Role } from '@/lib/auth/actor'
import { actions, authorize, type Action } from '@/lib/auth/authorize'

// The access matrix, written out by hand: a change here is an access change and is reviewed as one. What may be done to
// a request is its service's `who`: tests/unit/permission-matrix.test.ts walks those.
const allowed: Record<Action, Role[]> = {
  'organization.read': ['registrar', 'doctor', 'head', 'chief'],
  'staff.read': ['head', 'chief'],
  'section.read': ['registrar', 'doctor', 'head', 'chief'],
  'patient.search': ['registrar', 'doctor', 'head', 'chief'],
  'patient.read': ['patient', 'registrar', 'doctor', 'head', 'chief'],
  // Issue 15: a walk-in is registered at the desk; a detachment is recorded by the register's keeper (004 A3 p.6(4)).
  'patient.register': ['registrar'],
  'attachment.read': ['patient', 'registrar', 'doctor', 'head', 'chief'],
  'attachment.detach': ['registrar'],
  'document.read': ['patient', 'registrar', 'doctor', 'head', 'chief'],
  'document.sign': ['registrar', 'doctor', 'head', 'chief'],
  'document.revoke': ['head', 'chief'],
  'report.read': ['head', 'chief'],
  // Issue 15: the calendar is national; a clinic's chief sees it, the region's administrator changes it.
  'calendar.read': ['chief', 'region_admin'],
  'calendar.manage': ['region_admin'],
  'careStop.record': ['head', 'chief'],
  'complaint.recordReview': ['head', 'chief'],
  'attachmentProtocol.apply': ['chief'],
  // Issue 15, p.18: a section changed inside the clinic, with a reason.
  'attachment.changeSection': ['registrar', 'head', 'chief'],
  // Issue 16: a registry centre's doctor keeps her own centre's registry.
  'registry.read': ['dispensary_doctor'],
  'registry.keep': ['dispensary_doctor'],
}

const roles: Role[] = ['patient', 'registrar', 'doctor', 'head', 'chief', 'region_admin', 'dispensary_doctor']
const ownOrganization = 10
const otherOrganization = 20
const self = 100
const child = 101
const stranger = 200

function actorFor(role: Role): Actor {
  if (role === 'patient') {
    return { kind: 'patient', id: self, role, representedPatientIds: [child], name: 'P', locale: 'kk', phone: null }
  }
  return { kind: 'staff', id: 1, role, organizationId: ownOrganization, departmentId: null, name: 'S', locale: 'kk' }
}

const cases = actions.flatMap((action) =>
  roles.flatMap((role) =>
    (
      [
        ['own organization, own patient', ownOrganization, self],
        ['own organization, represented child', ownOrganization, child],
        ['own organization, other patient', ownOrganization, stranger],
        ['other organization, own patient', otherOrganization, self],
        ['other organization, other patient', otherOrganization, stranger],
      ] as const
    ).map(([label, organizationId, patientId]) => {
      const permitted = allowed[action].includes(role)
      const expected =
        permitted && (role === 'patient' ? patientId === self || patientId === child : organizationId === ownOrganization)
      return { action, role, label, organizationId, patientId, expected }
    }),
  ),
)

describe('authorize: role × action × (own / other organization, own / other patient)', () => {
  it('covers every action of the policy', () => {
    expect(Object.keys(allowed).sort()).toEqual([...actions].sort())
  })

  it.each(cases)('$role $action on $label → $expected', ({ action, role, organizationId, patientId, expected }) => {
    expect(authorize(actorFor(role), action, { organizationId, patientId })).toBe(expected)
  })

  it('refuses everything to a signed-out visitor', () => {
    for (const action of actions)
      expect(authorize(null, action, { organizationId: ownOrganization, patientId: self })).toBe(false)
  })

  it('refuses staff a resource without an organization (e.g. a patient attached nowhere)', () => {
    expect(authorize(actorFor('registrar'), 'patient.read', { organizationId: null, patientId: stranger })).toBe(false)
  })
})
