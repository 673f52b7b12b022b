import { describe, expect, it } from 'vitest'
import { permissionOf, servicesFor } from '@/lib/auth/authorize'
import { listServices, registerServiceForTests } from '@/lib/services'
import { serviceOperations } from '@/lib/requests/contract'
import { attachmentCertificateService } from '../support/services/attachment-certificate'
import { doctorNoteService } from '../support/services/doctor-note'
import { actorFor, child, matrixOf, otherOrganization, ownOrganization, roles, self, stranger } from './permission-matrix'

// A service joins the catalogue through the test hook, and the generated matrix walks it with no other edit.
registerServiceForTests(doctorNoteService)
registerServiceForTests(attachmentCertificateService)
const id = doctorNoteService.id
const cases = matrixOf(listServices()).filter((c) => c.service === id)

describe('A service added to the catalogue is in the permission matrix the day it is added', () => {
  it('walks every operation and role of the new service', () => {
    // 6 operations × (4 staff roles × own / other clinic + the patient × 4 places).
    expect(cases).toHaveLength(serviceOperations.length * ((roles.length - 1) * 2 + 4))
  })

  it.each(cases)('$service: $operation by $role on $place → $expected', ({ operation, role, resource, expected }) => {
    expect(permissionOf(actorFor(role), operation, resource)).toBe(expected)
  })

  const at = (organizationId: number, patientId = stranger) => ({ service: id, organizationId, patientId })
  it.each([
    {
      label: 'a doctor writes it at their clinic',
      role: 'doctor',
      operation: 'submit',
      resource: at(ownOrganization),
      expected: 'allowed',
    },
    {
      label: 'a doctor of another clinic may not',
      role: 'doctor',
      operation: 'submit',
      resource: at(otherOrganization),
      expected: 'outOfScope',
    },
    {
      label: 'the registrar may not write it',
      role: 'registrar',
      operation: 'submit',
      resource: at(ownOrganization),
      expected: 'forbidden',
    },
    {
      label: 'nor the patient',
      role: 'patient',
      operation: 'submit',
      resource: at(ownOrganization, self),
      expected: 'forbidden',
    },
    {
      label: 'the registrar does not see it',
      role: 'registrar',
      operation: 'read',
      resource: at(ownOrganization),
      expected: 'outOfScope',
    },
    {
      label: 'so it looks missing when taking it',
      role: 'registrar',
      operation: 'take',
      resource: at(ownOrganization),
      expected: 'outOfScope',
    },
    {
      label: 'the patient reads their child’s',
      role: 'patient',
      operation: 'read',
      resource: at(otherOrganization, child),
      expected: 'allowed',
    },
    {
      label: 'the doctor sees it but may not approve it',
      role: 'doctor',
      operation: 'approve',
      resource: at(ownOrganization),
      expected: 'forbidden',
    },
    { label: 'the head approves it', role: 'head', operation: 'approve', resource: at(ownOrganization), expected: 'allowed' },
    {
      label: 'the head of another clinic does not see it',
      role: 'head',
      operation: 'approve',
      resource: at(otherOrganization),
      expected: 'outOfScope',
    },
  ] as const)('$label', ({ role, operation, resource, expected }) => {
    expect(permissionOf(actorFor(role), operation, resource)).toBe(expected)
  })

  it('a doctor now has a service to submit, the registrar none more', () => {
    expect(servicesFor(actorFor('doctor'), 'submit').map((service) => service.id)).toEqual([id])
    expect(servicesFor(actorFor('registrar'), 'submit').map((service) => service.id)).toEqual(['attachment'])
  })
})

describe('The test-only certificate of attachment (tests/support/services/attachment-certificate) is walked too', () => {
  const own = matrixOf(listServices()).filter((c) => c.service === attachmentCertificateService.id)
  it('has a case for every operation, role and place', () => {
    expect(own).toHaveLength(serviceOperations.length * ((roles.length - 1) * 2 + 4))
  })
  it.each(own)('$service: $operation by $role on $place → $expected', ({ operation, role, resource, expected }) => {
    expect(permissionOf(actorFor(role), operation, resource)).toBe(expected)
  })
  it('lets only the registrar approve it, and only at its own clinic', () => {
    const approvers = own.filter((c) => c.operation === 'approve' && c.expected === 'allowed')
    expect(approvers.map((c) => `${c.role}@${c.place}`)).toEqual(['registrar@own organization'])
  })
})
