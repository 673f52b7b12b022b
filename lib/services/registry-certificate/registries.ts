import type { DispensaryRegistry, OrganizationType } from '@/db/schema'
import type { Bilingual } from '@/lib/documents/contract'

// Order ҚР ДСМ-49/2020 item 1: three public services that differ only in the registry they read, the centre that keeps
// it, the form's heading and the information system named on the result (digest §2, reading B1: numbered by service).
export type RegistryCertificateVariant = {
  service: 'tb_certificate' | 'mental_health_certificate' | 'narcology_certificate'
  registry: DispensaryRegistry
  centreType: OrganizationType
  // The document kind the service issues (unique across the catalogue).
  kind: 'tb_registry_certificate' | 'mental_health_registry_certificate' | 'narcology_registry_certificate'
  // The result form's heading: «Сведения/Мәлімет (…)», the description in brackets in Kazakh only (rule 23).
  heading: string
  // The registry information system named in field 6 (rule 25: never empty; the form leaves the name blank, B7): the
  // name the order gives the service, as the centres' systems are known.
  system: Bilingual
  // The route segment of the service's form on the patient's pages.
  segment: 'tb' | 'mental-health' | 'narcology'
}

export const registryCertificateVariants: readonly RegistryCertificateVariant[] = [
  {
    service: 'tb_certificate',
    registry: 'tb',
    centreType: 'tb_centre',
    kind: 'tb_registry_certificate',
    heading: 'туберкулезбен ауыратын науқастардың динамикалық бақылауда тұратыны немесе тұрмайтыны',
    system: { kk: '«Фтизиатрия»', ru: '«Фтизиатрия»' },
    segment: 'tb',
  },
  {
    service: 'mental_health_certificate',
    registry: 'mental_health',
    centreType: 'mental_health_centre',
    kind: 'mental_health_registry_certificate',
    heading:
      'психикалық мінез-құлық бұзылуларымен науқастардың динамикалық бақылауда тұрғаны туралы (немесе динамикалық бақылауда болмауы)',
    system: { kk: '«Психиатрия»', ru: '«Психиатрия»' },
    segment: 'mental-health',
  },
  {
    service: 'narcology_certificate',
    registry: 'narcology',
    centreType: 'narcology_centre',
    kind: 'narcology_registry_certificate',
    heading: 'наркологиялық науқастардың динамикалық бақылауда тұрғаны туралы (немесе динамикалық бақылауда болмауы)',
    system: { kk: '«Наркология»', ru: '«Наркология»' },
    segment: 'narcology',
  },
]

export function variantOfService(service: string): RegistryCertificateVariant | null {
  return registryCertificateVariants.find((variant) => variant.service === service) ?? null
}

export function variantOfSegment(segment: string): RegistryCertificateVariant | null {
  return registryCertificateVariants.find((variant) => variant.segment === segment) ?? null
}
