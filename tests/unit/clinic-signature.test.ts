import { describe, expect, it } from 'vitest'
import { clinicSignatureBin } from '@/lib/documents/clinic-signature'
import { documentKinds } from '@/lib/services'

const clinic = { nameKk: 'Емхана', nameRu: 'Поликлиника', addressKk: 'Ақтау', addressRu: 'Актау' }

describe('Standard row 4, Rules of attachment p.25: which BIN a document’s signature must carry', () => {
  it('the notice, the 064/e coupon, the refusal notice and the registry certificates (by the centre) are signed on behalf of the organization', () => {
    const onBehalf = documentKinds()
      .filter((definition) => definition.signedOnBehalfOfClinic)
      .map((definition) => definition.kind)
      .sort()
    expect(onBehalf).toEqual([
      'attachment_notice',
      'coupon_064e',
      'mental_health_registry_certificate',
      'narcology_registry_certificate',
      'refusal_notice',
      'tb_registry_certificate',
    ])
  })

  it.each([
    { label: 'the snapshot names the BIN', snapshot: { clinic: { ...clinic, bin: '030440010016' } }, bin: '030440010016' },
    { label: 'the clinic had no BIN recorded: none matches', snapshot: { clinic: { ...clinic, bin: null } }, bin: null },
    { label: 'frozen before clinics carried a BIN: the person alone', snapshot: { clinic }, bin: undefined },
    { label: 'a snapshot changed behind the app (no clinic)', snapshot: { clinic: 'x' }, bin: undefined },
  ])('attachment notice: $label', ({ snapshot, bin }) => expect(clinicSignatureBin('attachment_notice', snapshot)).toBe(bin))

  it('an unknown kind asks for no organization', () => {
    expect(clinicSignatureBin('no_such_kind', { clinic: { ...clinic, bin: '030440010016' } })).toBeUndefined()
  })
})
