import { describe, expect, it } from 'vitest'
import type { Role } from '@/lib/auth/actor'
import { authorize, permissionOf, servicesFor } from '@/lib/auth/authorize'
import { listServices } from '@/lib/services'
import { serviceOperations, type ServiceOperation } from '@/lib/requests/contract'
import { actorFor, matrixOf, ownOrganization, roles, self } from './permission-matrix'

// Each service's `who`, written out by hand: a change here is an access change and is reviewed as one. Attachment's
// row is what the global policy once said of every request (request.submit, read, take, decide, cancel).
const reviewed: Record<string, Record<ServiceOperation, Role[]>> = {
  attachment: {
    submit: ['patient', 'registrar'],
    read: ['patient', 'registrar', 'doctor', 'head', 'chief'],
    take: ['registrar', 'head'],
    approve: ['registrar', 'head', 'chief'],
    refuse: ['registrar', 'head', 'chief'],
    cancel: ['patient'],
  },
  // p.38-40: the patient complains; the clinic's management answers it or forwards it.
  complaint: {
    submit: ['patient'],
    read: ['patient', 'registrar', 'doctor', 'head', 'chief'],
    take: ['head'],
    approve: ['head', 'chief'],
    refuse: ['head', 'chief'],
    cancel: ['patient'],
  },
  // Order ҚР ДСМ-49/2020: asked on the patient's pages, decided by the centre (its information system, or its doctor
  // for an uncertain match).
  tb_certificate: {
    submit: ['patient'],
    read: ['patient', 'dispensary_doctor'],
    take: ['dispensary_doctor'],
    approve: ['dispensary_doctor'],
    refuse: ['dispensary_doctor'],
    cancel: ['patient'],
  },
  mental_health_certificate: {
    submit: ['patient'],
    read: ['patient', 'dispensary_doctor'],
    take: ['dispensary_doctor'],
    approve: ['dispensary_doctor'],
    refuse: ['dispensary_doctor'],
    cancel: ['patient'],
  },
  narcology_certificate: {
    submit: ['patient'],
    read: ['patient', 'dispensary_doctor'],
    take: ['dispensary_doctor'],
    approve: ['dispensary_doctor'],
    refuse: ['dispensary_doctor'],
    cancel: ['patient'],
  },
}

const cases = matrixOf(listServices())

describe('Permissions of requests: every service × operation × role × (own / other organization; self / child / stranger)', () => {
  it('has a reviewed row for every service of the catalogue, equal to its who', () => {
    expect(Object.fromEntries(listServices().map((service) => [service.id, service.who]))).toEqual(reviewed)
  })

  it('walks every service, operation and role', () => {
    for (const service of listServices())
      for (const operation of serviceOperations)
        for (const role of roles)
          expect(cases.some((c) => c.service === service.id && c.operation === operation && c.role === role)).toBe(true)
  })

  it.each(cases)('$service: $operation by $role on $place → $expected', ({ operation, role, resource, expected }) => {
    expect(permissionOf(actorFor(role), operation, resource)).toBe(expected)
    expect(authorize(actorFor(role), operation, resource)).toBe(expected === 'allowed')
  })

  it('a signed-out visitor sees no request and may do nothing', () => {
    for (const service of listServices())
      for (const operation of serviceOperations) {
        const resource = { service: service.id, organizationId: ownOrganization, patientId: self }
        expect(permissionOf(null, operation, resource)).toBe('outOfScope')
      }
  })

  it('a request of a service the catalogue does not know looks missing', () => {
    for (const role of roles)
      expect(permissionOf(actorFor(role), 'read', { service: 'unknown', organizationId: ownOrganization, patientId: self })).toBe(
        'outOfScope',
      )
  })

  it('staff see nothing of a request without a clinic', () => {
    const resource = { service: 'attachment', organizationId: null, patientId: self }
    expect(permissionOf(actorFor('registrar'), 'read', resource)).toBe('outOfScope')
  })

  it.each(roles.flatMap((role) => serviceOperations.map((operation) => ({ role, operation }))))(
    'servicesFor($role, $operation) lists the services whose who has the role',
    ({ role, operation }) => {
      expect(servicesFor(actorFor(role), operation).map((service) => service.id)).toEqual(
        Object.entries(reviewed)
          .filter(([, who]) => who[operation].includes(role))
          .map(([id]) => id),
      )
    },
  )
})
