import { beforeAll, describe, expect, it } from 'vitest'
import * as asn1js from 'asn1js'
import {
  certificateOrganization,
  extendedKeyUsages,
  isGostOid,
  parseSignature,
  parseSignatureBySchema,
  signHash,
  signHashConfirmed,
  verifyCms,
  type CmsVerificationInput,
  type ParsedSignature,
} from '@/lib/signing/cms'
import { hashBytes, pkijs } from '@/lib/signing/crypto'
import { staffSubjectName } from '@/lib/signing/certificates'
import type { SignatureCheck } from '@/lib/signing/types'
import {
  hashOf,
  makeAuthority,
  makeSigner,
  relabelAsGost,
  sign,
  type TestAuthority,
  type TestSigner,
} from '@/tests/support/signing'

const now = new Date('2026-11-20T09:30:00Z')
const snapshot = JSON.stringify({ kind: 'coupon_064e', number: '064-000123', patient: 'Серікова Әсел' })
const snapshotHash = hashOf(snapshot)

let authority: TestAuthority
let doctor: TestSigner
let registrar: TestSigner

beforeAll(async () => {
  authority = await makeAuthority(now)
  doctor = await makeSigner(authority, { lastName: 'Оспанов', firstName: 'Ерлан', iin: '850101300111' }, now)
  registrar = await makeSigner(authority, { lastName: 'Жұмабаева', firstName: 'Гүлнар', iin: '900202400222' }, now)
})

async function check(
  signature: string,
  overrides: Partial<Omit<CmsVerificationInput, 'hash'>> & { hash?: string } = {},
): Promise<SignatureCheck> {
  const parsed = parseSignature(signature)
  if (!parsed) return { status: 'invalid', reason: 'malformed' }
  return verifyCms(parsed, {
    hash: hashBytes(overrides.hash ?? snapshotHash),
    expectedSignerIin: overrides.expectedSignerIin === undefined ? doctor.iin : overrides.expectedSignerIin,
    ...('expectedOrganizationBin' in overrides ? { expectedOrganizationBin: overrides.expectedOrganizationBin } : {}),
    trustedRoots: overrides.trustedRoots ?? [authority.root],
    now: overrides.now ?? now,
  })
}

describe('CMS over the snapshot hash: a genuine signature', () => {
  it('is valid, names the signer from the certificate and carries the signing time', async () => {
    const result = await check(await sign(doctor, snapshotHash, now))
    expect(result).toMatchObject({ status: 'valid', signedAt: now })
    if (result.status !== 'valid') return
    expect(result.signer).toMatchObject({ commonName: 'Оспанов Ерлан', iin: '850101300111' })
    expect(result.signer.subject).toContain('SERIALNUMBER=IIN850101300111')
    expect(result.signer.issuer).toContain('CN=Test CA')
  })

  it('is detached: the CMS holds the signed attributes and the signer certificate, not the hash', async () => {
    const parsed = parseSignature(await sign(doctor, snapshotHash, now))!
    expect(parsed.signedData.encapContentInfo.eContent).toBeUndefined()
    expect(parsed.signedData.certificates).toHaveLength(1)
    const types = parsed.signerInfo.signedAttrs!.attributes.map((a) => a.type).sort()
    expect(types).toEqual(['1.2.840.113549.1.9.3', '1.2.840.113549.1.9.4', '1.2.840.113549.1.9.5'])
    expect(parsed.gost).toBe(false)
  })

  it('carries the signer certificate byte for byte, signature after signature (its encoding is reused)', async () => {
    const own = Buffer.from(doctor.certificate.toSchema().toBER(false))
    for (let i = 0; i < 3; i++) {
      const parsed = parseSignature(await sign(doctor, hashOf(`${snapshot} ${i}`), now))!
      const carried = parsed.signedData.certificates![0] as pkijs.Certificate
      expect(Buffer.from(carried.toSchema().toBER(false)).equals(own)).toBe(true)
      expect(
        await check(await sign(doctor, hashOf(`${snapshot} ${i}`), now), { hash: hashOf(`${snapshot} ${i}`) }),
      ).toMatchObject({
        status: 'valid',
      })
    }
  })
})

describe('a signature confirmed under its certificate’s key (the seal’s batch after its first, fully checked one)', () => {
  it('is confirmed when the key is the certificate’s, and is the same valid CMS a full check accepts', async () => {
    const { signature, confirmed } = await signHashConfirmed(hashBytes(snapshotHash), doctor, now)
    expect(confirmed).toBe(true)
    expect(await check(signature)).toMatchObject({ status: 'valid', signedAt: now })
  })

  it('is not confirmed when the key is not the certificate’s', async () => {
    const { confirmed } = await signHashConfirmed(
      hashBytes(snapshotHash),
      { certificate: doctor.certificate, privateKey: registrar.privateKey },
      now,
    )
    expect(confirmed).toBe(false)
  })
})

describe('CMS over the snapshot hash: what fails', () => {
  it('a one-character change of the snapshot fails (hash_mismatch)', async () => {
    const signature = await sign(doctor, snapshotHash, now)
    const changed = hashOf(snapshot.replace('064-000123', '064-000124'))
    expect(await check(signature, { hash: changed })).toMatchObject({ status: 'invalid', reason: 'hash_mismatch' })
  })

  it('an expired certificate fails (expired), even though the signature itself is intact', async () => {
    const year = 365 * 86_400_000
    const expired = await makeSigner(authority, { lastName: 'Оспанов', firstName: 'Ерлан', iin: doctor.iin }, now, {
      notBefore: new Date(now.getTime() - 2 * year),
      notAfter: new Date(now.getTime() - year),
    })
    expect(await check(await sign(expired, snapshotHash, now))).toMatchObject({ status: 'invalid', reason: 'expired' })
  })

  it('a chain once found valid is not taken as valid outside its certificates’ dates, nor under other roots', async () => {
    const year = 365 * 86_400_000
    const shortLived = await makeSigner(authority, { lastName: 'Оспанов', firstName: 'Ерлан', iin: doctor.iin }, now, {
      notBefore: new Date(now.getTime() - 86_400_000),
      notAfter: new Date(now.getTime() + 86_400_000),
    })
    expect(await check(await sign(shortLived, snapshotHash, now))).toMatchObject({ status: 'valid' })
    // The same certificate, signing two years later (its validity long over), and the same chain under another root.
    const later = new Date(now.getTime() + 2 * year)
    expect(await check(await sign(shortLived, snapshotHash, later), { now: later })).toMatchObject({
      status: 'invalid',
      reason: 'expired',
    })
    const stranger = await makeAuthority(now, 'Another CA')
    expect(await check(await sign(shortLived, snapshotHash, now), { trustedRoots: [stranger.root] })).toMatchObject({
      status: 'invalid',
      reason: 'untrusted',
    })
  })

  it('a certificate from an untrusted CA fails (untrusted)', async () => {
    const stranger = await makeAuthority(now, 'Someone else CA')
    const impostor = await makeSigner(stranger, { lastName: 'Оспанов', firstName: 'Ерлан', iin: doctor.iin }, now)
    expect(await check(await sign(impostor, snapshotHash, now))).toMatchObject({ status: 'invalid', reason: 'untrusted' })
  })

  it('with no trusted root at all nothing is trusted', async () => {
    const result = await check(await sign(doctor, snapshotHash, now), { trustedRoots: [] })
    expect(result).toMatchObject({ status: 'invalid', reason: 'untrusted' })
  })

  it('a signature by another staff member fails (signer_mismatch)', async () => {
    const result = await check(await sign(registrar, snapshotHash, now), { expectedSignerIin: doctor.iin })
    expect(result).toMatchObject({ status: 'invalid', reason: 'signer_mismatch', signer: { iin: registrar.iin } })
  })

  it('a document that names no signer IIN accepts no signature (signer_mismatch)', async () => {
    const result = await check(await sign(doctor, snapshotHash, now), { expectedSignerIin: null })
    expect(result).toMatchObject({ status: 'invalid', reason: 'signer_mismatch' })
  })

  it('a forged signature value fails (signature)', async () => {
    const parsed = parseSignature(await sign(doctor, snapshotHash, now))!
    const value = new Uint8Array(parsed.signerInfo.signature.valueBlock.valueHexView)
    value[value.length - 3]! ^= 0x01
    parsed.signerInfo.signature = new (parsed.signerInfo.signature.constructor as typeof import('asn1js').OctetString)({
      valueHex: value,
    })
    const forged = new pkijs.ContentInfo({
      contentType: pkijs.ContentInfo.SIGNED_DATA,
      content: parsed.signedData.toSchema(true),
    })
    const base64 = Buffer.from(forged.toSchema().toBER(false)).toString('base64')
    expect(await check(base64)).toMatchObject({ status: 'invalid', reason: 'signature' })
  })

  it("a signature made with another key under the doctor's certificate fails (signature)", async () => {
    const base64 = await signHash(
      hashBytes(snapshotHash),
      { certificate: doctor.certificate, privateKey: registrar.privateKey },
      now,
    )
    expect(await check(base64)).toMatchObject({ status: 'invalid', reason: 'signature' })
  })

  it.each([
    { label: 'empty text', signature: '' },
    { label: 'not base64', signature: 'not a signature!' },
    { label: 'base64 of something else', signature: Buffer.from('hello world, hi').toString('base64') },
  ])('malformed input is rejected: $label', async ({ signature }) => {
    expect(parseSignature(signature)).toBeNull()
  })
})

describe('GOST signatures are recognised by their algorithm OIDs', () => {
  it.each([
    { oid: '1.2.398.3.10.1.1.2.3.2', gost: true, label: 'GOST 34.10-2015 512 (Kazakhstan)' },
    { oid: '1.2.398.3.10.1.3.3', gost: true, label: 'GOST 34.11-2015 512 digest (Kazakhstan)' },
    { oid: '1.2.643.7.1.1.3.2', gost: true, label: 'GOST R 34.10-2012 256 (Russia)' },
    { oid: '1.2.840.10045.4.3.2', gost: false, label: 'ECDSA with SHA-256' },
    { oid: '1.2.840.113549.1.1.11', gost: false, label: 'RSA with SHA-256' },
  ])('$label', ({ oid, gost }) => expect(isGostOid(oid)).toBe(gost))

  it('a CMS whose signer uses GOST OIDs parses as GOST', async () => {
    const parsed = parseSignature(relabelAsGost(await sign(doctor, snapshotHash, now)))
    expect(parsed?.gost).toBe(true)
  })
})

describe('Parsing: the quick path for the usual shape gives the answers of pkijs’s full schema parse', () => {
  const reencoded = (parsed: ParsedSignature, change: (signedData: pkijs.SignedData) => void) => {
    change(parsed.signedData)
    const contentInfo = new pkijs.ContentInfo({
      contentType: pkijs.ContentInfo.SIGNED_DATA,
      content: parsed.signedData.toSchema(true),
    })
    return Uint8Array.from(Buffer.from(contentInfo.toSchema().toBER(false)))
  }
  const outcome = async (parsed: ParsedSignature | null) =>
    parsed && {
      gost: parsed.gost,
      signingTime: parsed.signingTime,
      signerCertificate: parsed.signerCertificate !== null,
      check: await verifyCms(parsed, {
        hash: hashBytes(snapshotHash),
        expectedSignerIin: doctor.iin,
        trustedRoots: [authority.root],
        now,
      }),
    }
  const agree = async (der: Uint8Array, label: string) => {
    const quick = await outcome(parseSignature(Buffer.from(der).toString('base64')))
    const full = await outcome(parseSignatureBySchema(der))
    expect(quick, label).toEqual(full)
    return quick
  }

  it('a genuine signature: the same verdict, and the signer’s certificate parsed once for a batch', async () => {
    const signature = await sign(doctor, snapshotHash, now)
    expect(await agree(Buffer.from(signature, 'base64'), 'genuine')).toMatchObject({ check: { status: 'valid' } })
    // Only the quick path remembers certificates: two signatures of a batch share the parsed one.
    const again = parseSignature(await sign(doctor, snapshotHash, new Date(now.getTime() + 1000)))
    expect(again?.signerCertificate).toBe(parseSignature(signature)?.signerCertificate)
  })

  it('other shapes: attached content, a chain of two certificates, CRLs, GOST labels, a forged value', async () => {
    const fresh = async () => parseSignature(await sign(doctor, snapshotHash, now))!
    const cases: Array<[string, Uint8Array]> = [
      [
        'attached hash',
        reencoded(await fresh(), (sd) => {
          sd.encapContentInfo = new pkijs.EncapsulatedContentInfo({
            eContentType: pkijs.id_ContentType_Data,
            eContent: new asn1js.OctetString({ valueHex: hashBytes(snapshotHash) }),
          })
        }),
      ],
      ['signer and root', reencoded(await fresh(), (sd) => sd.certificates!.push(authority.root))],
      ['root first', reencoded(await fresh(), (sd) => sd.certificates!.unshift(authority.root))],
      ['an empty CRL list', reencoded(await fresh(), (sd) => (sd.crls = []))],
      ['no certificates', reencoded(await fresh(), (sd) => delete sd.certificates)],
      ['GOST labels', Uint8Array.from(Buffer.from(relabelAsGost(await sign(doctor, snapshotHash, now)), 'base64'))],
      [
        'forged value',
        reencoded(await fresh(), (sd) => {
          const value = new Uint8Array(sd.signerInfos[0]!.signature.valueBlock.valueHexView)
          value[10]! ^= 0x40
          sd.signerInfos[0]!.signature = new asn1js.OctetString({ valueHex: value })
        }),
      ],
    ]
    const verdicts = []
    for (const [label, der] of cases) {
      const check = (await agree(der, label))?.check
      verdicts.push(check ? [check.status, 'reason' in check ? check.reason : ''].join(' ').trim() : 'unparsed')
    }
    // (A GOST signature never reaches verifyCms in the app: lib/signing/verify sends it to NCANode.)
    expect(verdicts).toEqual(['valid', 'valid', 'valid', 'valid', 'invalid malformed', 'invalid signature', 'invalid signature'])
  })

  it('every byte changed, cut short or followed by more: both parse it or neither, with the same verdict', async () => {
    const der = Uint8Array.from(Buffer.from(await sign(doctor, snapshotHash, now), 'base64'))
    const verdicts = new Set<string>()
    // The low bit at every fourth byte, the high bit (long lengths, tag classes) at every seventh: about 450 variants.
    for (let at = 0; at < der.length; at++) {
      for (const flip of [at % 4 === 0 ? 0x01 : 0, at % 7 === 0 ? 0x80 : 0].filter(Boolean)) {
        const changed = Uint8Array.from(der)
        changed[at]! ^= flip
        verdicts.add(String((await agree(changed, `byte ${at} ^ ${flip}`))?.check.status ?? 'unparsed'))
      }
    }
    for (const cut of [1, 2, 40, der.length - 1]) await agree(der.subarray(0, cut), `first ${cut} bytes`)
    await agree(Uint8Array.from([...der, 0x00]), 'a byte after it')
    await agree(Uint8Array.from([...der, 0x30, 0x00]), 'an empty sequence after it')
    // The changes reach every outcome: not parsed, parsed and refused, and (in unsigned parts) still valid.
    expect([...verdicts].sort()).toEqual(['invalid', 'unparsed', 'valid'])
    // Hundreds of full schema parses: a budget for a loaded CI machine, not a speed claim.
  }, 60_000)
})

describe("standard row 4, Rules of attachment p.25: the clinic's signature is an employee's certificate naming its BIN", () => {
  const clinic = { name: 'Городская поликлиника №1 г. Актау', bin: '030440010016' }
  let clinicDoctor: TestSigner

  beforeAll(async () => {
    clinicDoctor = await makeSigner(
      authority,
      { lastName: 'Оспанов', firstName: 'Ерлан', iin: '850101300111', organization: clinic },
      now,
    )
  })

  it("the subject carries the person (CN, SURNAME, IIN) and the organization (O, OU=BIN…), as the national CA's", () => {
    const name = staffSubjectName({ lastName: 'Оспанов', firstName: 'Ерлан', iin: '850101300111', organization: clinic })
    expect(name.toString()).toBe(
      'CN=Оспанов Ерлан, SN=Оспанов, 2.5.4.5=IIN850101300111, C=KZ, O=Городская поликлиника №1 г. Актау, OU=BIN030440010016, G=Ерлан',
    )
  })

  it('parsing the certificate gives the person and the organization; its policy is the legal entity one', async () => {
    expect(extendedKeyUsages(clinicDoctor.certificate)).toEqual(['1.3.6.1.5.5.7.3.4', '1.2.398.3.3.4.1.2', '1.2.398.3.3.4.1.2.2'])
    expect(certificateOrganization(clinicDoctor.certificate)).toEqual(clinic)
    const result = await check(await sign(clinicDoctor, snapshotHash, now), { expectedOrganizationBin: clinic.bin })
    expect(result).toMatchObject({ status: 'valid', signer: { iin: '850101300111', organization: clinic } })
    if (result.status === 'valid')
      expect(result.signer.subject).toBe(
        'CN=Оспанов Ерлан, SURNAME=Оспанов, SERIALNUMBER=IIN850101300111, C=KZ, O=Городская поликлиника №1 г. Актау, OU=BIN030440010016, GIVENNAME=Ерлан',
      )
  })

  it("a person's own certificate names no organization (the individual policy)", () => {
    expect(extendedKeyUsages(doctor.certificate)).toEqual(['1.3.6.1.5.5.7.3.4', '1.2.398.3.3.4.1.1'])
    expect(certificateOrganization(doctor.certificate)).toBeNull()
  })

  it('the right person with their own certificate is refused (organization_missing)', async () => {
    expect(await check(await sign(doctor, snapshotHash, now), { expectedOrganizationBin: clinic.bin })).toMatchObject({
      status: 'invalid',
      reason: 'organization_missing',
      signer: { iin: '850101300111', organization: null },
    })
  })

  it("the right person with another clinic's certificate is refused (organization_mismatch)", async () => {
    expect(await check(await sign(clinicDoctor, snapshotHash, now), { expectedOrganizationBin: '990340001230' })).toMatchObject({
      status: 'invalid',
      reason: 'organization_mismatch',
    })
  })

  it('a document that needs the clinic but names no BIN accepts no certificate (organization_mismatch)', async () => {
    expect(await check(await sign(clinicDoctor, snapshotHash, now), { expectedOrganizationBin: null })).toMatchObject({
      status: 'invalid',
      reason: 'organization_mismatch',
    })
  })

  it("the clinic's certificate of another person is still signer_mismatch: the person is checked first", async () => {
    expect(
      await check(await sign(clinicDoctor, snapshotHash, now), {
        expectedSignerIin: registrar.iin,
        expectedOrganizationBin: clinic.bin,
      }),
    ).toMatchObject({ status: 'invalid', reason: 'signer_mismatch' })
  })

  it("a kind signed in the person's own name accepts the employee certificate too", async () => {
    expect(await check(await sign(clinicDoctor, snapshotHash, now))).toMatchObject({ status: 'valid' })
  })
})
