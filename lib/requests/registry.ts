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
