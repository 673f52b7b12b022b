// Which of a clinic's sections fit a person: a section serves an age band (children's sections up to 17, adults' from
// 18, a general practitioner's every age) and a territory (micro-districts of the city). Pure: the day is an argument.
import { ageOn } from '@/lib/calendar'

export type SectionAgeBand = { ageFrom: number; ageTo: number | null }

export type SectionCandidate = SectionAgeBand & {
  id: number
  number: string
  territoryKk: string
  territoryRu: string
  attached: number
  norm: number
}

// Both ends included: a section for 0-17 takes a child up to the day before the 18th birthday.
export function sectionCoversAge(section: SectionAgeBand, birthDate: string, today: string): boolean {
  const age = ageOn(birthDate, today)
  return age >= section.ageFrom && (section.ageTo === null || age <= section.ageTo)
}

// The micro-district of an address as people write it in Aktau and like cities: "5 мкр.", "5-й микрорайон",
// "5 шағын аудан", "5-ші ш/а". Null when the address names none (a street address).
export function microDistrictOf(address: string): number | null {
  const match = /(\d{1,3})\s*(?:-?\s*(?:й|ші|шы|ы|і))?\s*(?:мкр|микрорайон|шағын\s*аудан|ш\/а)/iu.exec(address)
  return match ? Number(match[1]) : null
}

// The micro-districts a section's territory lists: "г. Актау, 4, 5, 6 мкр. (взрослые)" → [4, 5, 6].
export function territoryMicroDistricts(territory: string): number[] {
  const match = /((?:\d{1,3}\s*,\s*)*\d{1,3})\s*(?:мкр|микрорайон|шағын\s*аудан)/iu.exec(territory)
  return match ? match[1]!.split(',').map((part) => Number(part.trim())) : []
}

export function territoryCovers(section: Pick<SectionCandidate, 'territoryKk' | 'territoryRu'>, address: string): boolean {
  const district = microDistrictOf(address)
  if (district === null) return false
  return [section.territoryRu, section.territoryKk].some((territory) => territoryMicroDistricts(territory).includes(district))
}

// The sections a person may be attached to, best first: only those whose age band covers the person; among them the
// ones whose territory covers the address, then the least loaded against its norm, then by number.
export function rankSections<Section extends SectionCandidate>(
  sections: readonly Section[],
  person: { birthDate: string; address: string },
  today: string,
): Section[] {
  const load = (section: Section) => section.attached / section.norm
  return sections
    .filter((section) => sectionCoversAge(section, person.birthDate, today))
    .map((section) => ({ section, inTerritory: territoryCovers(section, person.address) }))
    .sort(
      (a, b) =>
        Number(b.inTerritory) - Number(a.inTerritory) ||
        load(a.section) - load(b.section) ||
        a.section.number.localeCompare(b.section.number, 'en', { numeric: true }),
    )
    .map(({ section }) => section)
}
