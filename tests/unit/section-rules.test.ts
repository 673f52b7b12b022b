import { describe, expect, it } from 'vitest'
import { mayBePregnant } from '@/lib/services/attachment/rules/address'
import {
  microDistrictOf,
  rankSections,
  sectionCoversAge,
  territoryCovers,
  territoryMicroDistricts,
} from '@/lib/services/attachment/rules/sections'

const children = { ageFrom: 0, ageTo: 17 }
const adults = { ageFrom: 18, ageTo: null }

describe('Sections serve an age band: no adult in a children’s section, no child in an adults’ one', () => {
  it.each([
    { band: children, birthDate: '2008-11-25', today: '2026-11-24', covers: true },
    { band: children, birthDate: '2008-11-24', today: '2026-11-24', covers: false },
    { band: adults, birthDate: '2008-11-24', today: '2026-11-24', covers: true },
    { band: adults, birthDate: '2008-11-25', today: '2026-11-24', covers: false },
    { band: { ageFrom: 0, ageTo: null }, birthDate: '1940-01-01', today: '2026-11-24', covers: true },
  ])('$band.ageFrom-$band.ageTo, born $birthDate, on $today → $covers', ({ band, birthDate, today, covers }) => {
    expect(sectionCoversAge(band, birthDate, today)).toBe(covers)
  })
})

describe('A section’s territory, by the micro-districts it lists', () => {
  it('reads the micro-district of an address in Russian and in Kazakh', () => {
    expect(microDistrictOf('г. Актау, 5 мкр., д. 30, кв. 11')).toBe(5)
    expect(microDistrictOf('Ақтау қ., 12 шағын аудан, 5 үй')).toBe(12)
    expect(microDistrictOf('г. Актау, 14-й микрорайон, дом 2')).toBe(14)
    expect(microDistrictOf('Ақтау қ., Абай көшесі, 4')).toBeNull()
  })
  it('reads the list of a territory and matches an address against it', () => {
    expect(territoryMicroDistricts('г. Актау, 4, 5, 6 мкр. (взрослые)')).toEqual([4, 5, 6])
    expect(territoryMicroDistricts('Ақтау қ., 7, 8, 9, 10 шағын аудандар (ересектер)')).toEqual([7, 8, 9, 10])
    const section = { territoryKk: 'Ақтау қ., 4, 5, 6 шағын аудандар', territoryRu: 'г. Актау, 4, 5, 6 мкр.' }
    expect(territoryCovers(section, 'Ақтау қ., 5 шағын аудан, 3 үй')).toBe(true)
    expect(territoryCovers(section, 'Ақтау қ., 15 шағын аудан, 3 үй')).toBe(false)
  })
})

describe('The sections offered to a person: those of the age band, the territory first, then the least loaded', () => {
  const section = (id: number, band: { ageFrom: number; ageTo: number | null }, districts: string, attached: number) => ({
    id,
    number: String(id),
    ...band,
    territoryKk: `Ақтау қ., ${districts} шағын аудандар`,
    territoryRu: `г. Актау, ${districts} мкр.`,
    attached,
    norm: 2000,
  })
  const sections = [
    section(1, adults, '1, 2, 3', 100),
    section(2, adults, '4, 5, 6', 1900),
    section(3, { ageFrom: 0, ageTo: null }, '7, 8', 50),
    section(4, children, '4, 5, 6', 10),
  ]
  it('an adult of the 5th micro-district: his territory’s section first, children’s sections never', () => {
    const ranked = rankSections(sections, { birthDate: '1980-01-01', address: 'г. Актау, 5 мкр., д. 1' }, '2026-11-24')
    expect(ranked.map((s) => s.id)).toEqual([2, 3, 1])
  })
  it('a child of the 5th micro-district: the children’s and general sections only', () => {
    const ranked = rankSections(sections, { birthDate: '2016-01-01', address: 'г. Актау, 5 мкр., д. 1' }, '2026-11-24')
    expect(ranked.map((s) => s.id)).toEqual([4, 3])
  })
})

describe('p.12: the pregnancy mark is offered to women of 14 to 55 (reading)', () => {
  it.each([
    { sex: 'female', birthDate: '2012-11-25', allowed: false },
    { sex: 'female', birthDate: '2012-11-24', allowed: true },
    { sex: 'female', birthDate: '1971-11-25', allowed: true },
    { sex: 'female', birthDate: '1970-11-24', allowed: false },
    { sex: 'male', birthDate: '1990-01-01', allowed: false },
  ] as const)('$sex born $birthDate on 2026-11-24 → $allowed', ({ sex, birthDate, allowed }) => {
    expect(mayBePregnant({ sex, birthDate }, '2026-11-24')).toBe(allowed)
  })
})
