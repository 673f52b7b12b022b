import type { DispensaryRegistry, OrganizationType } from '@/db/schema'

// Issue 16: a centre keeps the registry of its organization type; any other organization keeps none.
const registryByType: Partial<Record<OrganizationType, DispensaryRegistry>> = {
  tb_centre: 'tb',
  mental_health_centre: 'mental_health',
  narcology_centre: 'narcology',
}

export function registryOf(type: OrganizationType): DispensaryRegistry | null {
  return registryByType[type] ?? null
}
