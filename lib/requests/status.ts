import type { RequestStatus } from '@/db/schema'

export const openStatuses: readonly RequestStatus[] = ['submitted', 'in_review']

export function isOpen(status: RequestStatus): boolean {
  return openStatuses.includes(status)
}
