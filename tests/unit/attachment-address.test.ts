import { describe, expect, it } from 'vitest'
import { addressKindRefusal, defaultAddressKind } from '@/lib/services/attachment/rules/address'
import { attachmentRequestSchema } from '@/lib/services/attachment/schema'

const today = '2026-11-23'

describe('Rules of attachment p.9, p.12: by which address a person is attached', () => {
  it('p.9 para 1: a child of 4 is attached at the actual residence, not the registered place (digest rule 21)', () => {
    const fourYearOld = { birthDate: '2022-06-01', today, pregnant: false }
    expect(addressKindRefusal({ ...fourYearOld, addressKind: 'actual' })).toBeNull()
    expect(addressKindRefusal({ ...fourYearOld, addressKind: 'registered' })).toBe('errors.attachment.youngChildActualAddress')
  })

  it('p.9 para 1: "up to five inclusive": the day before the sixth birthday still counts, the birthday does not', () => {
    expect(addressKindRefusal({ birthDate: '2020-11-24', today, pregnant: false, addressKind: 'registered' })).toBe(
      'errors.attachment.youngChildActualAddress',
    )
    expect(addressKindRefusal({ birthDate: '2020-11-23', today, pregnant: false, addressKind: 'registered' })).toBeNull()
  })

  it('p.9 para 2: a child of 10 at the registered place, or the actual one on the representative application', () => {
    const tenYearOld = { birthDate: '2016-03-10', today, pregnant: false }
    expect(defaultAddressKind(tenYearOld.birthDate, today)).toBe('registered')
    expect(addressKindRefusal({ ...tenYearOld, addressKind: 'registered' })).toBeNull()
    expect(addressKindRefusal({ ...tenYearOld, addressKind: 'actual' })).toBeNull()
  })

  it('p.12: a pregnant woman is attached at her actual residence', () => {
    const woman = { birthDate: '1995-02-02', today }
    expect(addressKindRefusal({ ...woman, pregnant: true, addressKind: 'registered' })).toBe(
      'errors.attachment.pregnantActualAddress',
    )
    expect(addressKindRefusal({ ...woman, pregnant: true, addressKind: 'actual' })).toBeNull()
    expect(addressKindRefusal({ ...woman, pregnant: false, addressKind: 'registered' })).toBeNull()
    expect(defaultAddressKind(woman.birthDate, today)).toBe('actual')
  })

  it('a request that does not say which address it is takes the actual residence', () => {
    const parsed = attachmentRequestSchema.parse({
      patientId: '1',
      clinicId: '2',
      sectionId: '',
      address: 'Ақтау қ., 5 шағын аудан, 1 үй',
      basis: 'free_choice',
    })
    expect(parsed.addressKind).toBe('actual')
    const wrong = attachmentRequestSchema.safeParse({ ...parsed, patientId: '1', clinicId: '2', sectionId: '', addressKind: 'x' })
    expect(wrong.error?.issues.map((issue) => issue.message)).toContain('errors.attachment.addressKindRequired')
  })
})
