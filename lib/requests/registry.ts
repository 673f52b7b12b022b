import type { Locale } from '@/db/schema'
import { localized } from '@/lib/i18n/format'
import { attachmentService } from '@/lib/services/attachment'
import { complaintService } from '@/lib/services/complaint'
import type { ServiceDefinition } from './definition'

// The catalogue of public services. Adding a service is a new folder in lib/services and one line here.
export const services = {
  attachment: attachmentService,
  complaint: complaintService,
} as const

export type ServiceId = keyof typeof services
export const serviceIds = Object.keys(services) as ServiceId[]

export function serviceOf(id: string): ServiceDefinition | null {
  return id in services ? (services[id as ServiceId] as unknown as ServiceDefinition) : null
}

// A service's refusal grounds as the decision panel offers them, in the reader's language.
export function refusalGroundChoices(serviceId: string, locale: Locale): { code: string; title: string; text: string }[] {
  return (serviceOf(serviceId)?.refusalGrounds ?? []).map((ground) => ({
    code: ground.code,
    title: localized(locale, ground.titleKk, ground.titleRu),
    text: localized(locale, ground.kk, ground.ru),
  }))
}
