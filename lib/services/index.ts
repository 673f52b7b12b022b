import type { Locale, RequestChannel } from '@/db/schema'
import type { Role } from '@/lib/auth/actor'
import type { AnyDocumentKind } from '@/lib/documents/contract'
import { localized } from '@/lib/i18n/format'
import { addMessages } from '@/lib/i18n/messages'
import { attachmentService } from './attachment'
import type { ServiceDefinition } from '@/lib/requests/contract'
import { complaintService } from './complaint'
import { mentalHealthCertificateService, narcologyCertificateService, tbCertificateService } from './registry-certificate'

// The catalogue of public services: the one module that names them. The engine, documents, PDF, jobs, authorization
// and the shared screens look a service or a document kind up here. Adding a service is a folder beside this file and
// one line in this list and in ./messages.ts (docs/adding-a-service.md).
const catalogue: ServiceDefinition[] = [
  attachmentService,
  complaintService,
  tbCertificateService,
  mentalHealthCertificateService,
  narcologyCertificateService,
].map((service) => service as unknown as ServiceDefinition)

export function listServices(): readonly ServiceDefinition[] {
  return catalogue
}

export function serviceIds(): string[] {
  return catalogue.map((service) => service.id)
}

export function serviceOf(id: string): ServiceDefinition | null {
  return catalogue.find((service) => service.id === id) ?? null
}

// The services a person in this role can ask for (or take applications for) through this channel, with the page of
// each one's own form: the lists on the patient's "new request" page and the registrar's desk.
export function servicesOffered(channel: RequestChannel, role: Role): { id: string; href: string }[] {
  return catalogue.flatMap((service) => {
    const href = service.routes?.[channel]
    return href && service.channels.includes(channel) && service.who.submit.includes(role) ? [{ id: service.id, href }] : []
  })
}

// The services whose limit runs in calendar minutes round the clock (a registry certificate's 30 minutes), on any
// channel: their screens count plain time left, not working time.
export function calendarClockServices(): string[] {
  return catalogue
    .filter((service) => service.channels.some((channel) => 'minutes' in service.deadline(channel)))
    .map((service) => service.id)
}

// Every kind of document any service issues.
export function documentKinds(): readonly AnyDocumentKind[] {
  return catalogue.flatMap((service) => service.documents?.kinds ?? [])
}

export function documentKindOf(kind: string): AnyDocumentKind | null {
  return documentKinds().find((definition) => definition.kind === kind) ?? null
}

// A service's refusal grounds as the decision panel offers them, in the reader's language.
export function refusalGroundChoices(serviceId: string, locale: Locale): { code: string; title: string; text: string }[] {
  return (serviceOf(serviceId)?.refusalGrounds ?? []).map((ground) => ({
    code: ground.code,
    title: localized(locale, ground.titleKk, ground.titleRu),
    text: localized(locale, ground.kk, ground.ru),
  }))
}

// Test hook: a service defined under tests/ joins the catalogue (and its messages the app's) for that test run only.
export function registerServiceForTests<Payload extends Record<string, unknown>, Facts>(
  service: ServiceDefinition<Payload, Facts>,
): void {
  if (process.env.NODE_ENV === 'production') throw new Error('registerServiceForTests: not in production')
  if (serviceOf(service.id)) return
  addMessages(service.messages as Parameters<typeof addMessages>[0])
  catalogue.push(service as unknown as ServiceDefinition)
}
