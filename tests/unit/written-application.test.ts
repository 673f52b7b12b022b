import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PDFDocument } from 'pdf-lib'
import { afterAll, describe, expect, it } from 'vitest'
import { MissingDocumentSource } from '@/lib/documents/contract'
import { renderDocument } from '@/lib/pdf/documents'
import { documentKindOf, listServices } from '@/lib/services'
import type { WrittenApplicationSources } from '@/lib/services/attachment/documents/application-sources'
import { buildWrittenApplication } from '@/lib/services/attachment/documents/written-application'

const scratch = mkdtempSync(path.join(tmpdir(), 'written-application-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))
let files = 0
function pdfText(bytes: Uint8Array): string {
  const file = path.join(scratch, `application-${(files += 1)}.pdf`)
  writeFileSync(file, bytes)
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
}

// A pensioner's application taken at the desk at 17:59 in Almaty on Tuesday 24 November 2026.
const sources: WrittenApplicationSources = {
  request: { number: 2051, channel: 'desk', submittedAt: new Date('2026-11-24T12:59:00Z') },
  clinic: {
    nameKk: '«Ақтау қаласының №2 емханасы» ШЖҚ МКК',
    nameRu: 'ГКП на ПХВ «Поликлиника №2 города Актау»',
    addressKk: 'Ақтау қ., 7 шағын аудан, 12',
    addressRu: 'г. Актау, 7 мкр., 12',
  },
  patient: {
    iin: '500303300127',
    lastName: 'Құрманғазиев',
    firstName: 'Әбдіқадыр',
    middleName: 'Өтегенұлы',
    birthDate: '1950-03-03',
    address: 'Ақтау қ., 7 шағын аудан, 3 үй, 14 пәтер',
  },
  acceptedBy: { id: 4, name: 'Жұмабекова Гүлнұр Серікқызы', role: 'registrar' },
  chiefPhysician: 'Сейітқали Нұржан Ерланұлы',
  applicant: { role: 'self' },
  basis: { kk: 'Тұрғылықты жерін ауыстыру', ru: 'Смена места жительства' },
  section: '7',
  desk: {
    category: { kk: 'Зейнеткер', ru: 'Пенсионер' },
    presented: {
      kind: { kk: 'Зейнеткер куәлігі', ru: 'Пенсионное удостоверение' },
      number: 'ПК-0457812',
      issuer: 'ЗТМО Маңғыстау облыстық филиалы',
    },
    identity: null,
    insurance: null,
  },
}

describe('Rules of attachment p.23: the written application to the chief physician', () => {
  it('names the clinic’s chief physician, the applicant, the category and its document, the basis, the section, when and by whom it was accepted', () => {
    expect(buildWrittenApplication('17', sources)).toEqual({
      kind: 'written_application',
      number: '17',
      issuedOn: '2026-11-24',
      clinic: sources.clinic,
      patient: sources.patient,
      signer: null,
      request: { number: 2051, submittedOn: '2026-11-24' },
      chiefPhysician: 'Сейітқали Нұржан Ерланұлы',
      applicant: { role: 'self' },
      category: { kk: 'Зейнеткер', ru: 'Пенсионер' },
      presented: {
        kind: { kk: 'Зейнеткер куәлігі', ru: 'Пенсионное удостоверение' },
        number: 'ПК-0457812',
        issuer: 'ЗТМО Маңғыстау облыстық филиалы',
      },
      identity: null,
      insurance: null,
      basis: { kk: 'Тұрғылықты жерін ауыстыру', ru: 'Смена места жительства' },
      section: '7',
      acceptedAt: '2026-11-24T12:59:00.000Z',
      registrar: 'Жұмабекова Гүлнұр Серікқызы',
    })
  })

  it('has no staff signer: the applicant signs the printed page by hand', () => {
    expect(documentKindOf('written_application')?.signer(sources)).toBeNull()
    expect(documentKindOf('written_application')?.madeAt).toBe('submission')
  })

  it('is made only from an application taken at the desk, by a registrar (the portal’s is electronic, p.27)', () => {
    expect(() => buildWrittenApplication('1', { ...sources, desk: null })).toThrow(MissingDocumentSource)
    expect(() => buildWrittenApplication('1', { ...sources, acceptedBy: null })).toThrow(MissingDocumentSource)
  })

  it('prints the chief physician line, the request, the time of acceptance in Almaty, and a line to sign by hand; no verification code', async () => {
    const snapshot = buildWrittenApplication('17', sources)
    const bytes = await renderDocument({ snapshot, verificationCode: '7K3M9QX2TB', signature: null })
    const text = pdfText(bytes)
    expect(text).toContain('БАС ДӘРІГЕРДІҢ АТЫНА ЖАЗБАША ӨТІНІШ')
    expect(text).toContain('ПИСЬМЕННОЕ ЗАЯВЛЕНИЕ НА ИМЯ ГЛАВНОГО ВРАЧА')
    expect(text).toContain('«Ақтау қаласының №2 емханасы» ШЖҚ МКК бас дәрігеріне')
    expect(text).toContain('Главному врачу: ГКП на ПХВ «Поликлиника №2 города Актау»')
    expect(text).toContain('Бас дәрігер / Главный врач: Сейітқали Нұржан Ерланұлы')
    expect(text).toContain('Мені осы медициналық ұйымға бекітуіңізді сұраймын.')
    expect(text).toContain('Зейнеткер куәлігі / Пенсионное удостоверение')
    expect(text).toContain('№ ПК-0457812, ЗТМО Маңғыстау облыстық филиалы')
    expect(text).toContain('24.11.2026 17:59')
    expect(text).toContain('Өтініш беруші / Заявитель')
    expect(text).toContain('Құрманғазиев Әбдіқадыр Өтегенұлы')
    expect(text).toContain('қолы / подпись')
    expect(text).toContain('Подписывается собственноручно')
    expect(text).not.toContain('7K3M9QX2TB')
    expect(text).not.toContain('Ещё не подписан')
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false })
    expect(pdf.getPageCount()).toBe(1)
    expect(pdf.getKeywords() ?? '').not.toContain('tirkeu-verification')
  })

  it('a legal representative (p.30 para 3) or the family member who consented (p.30 para 2) is the applicant who signs', async () => {
    const representative = buildWrittenApplication('18', {
      ...sources,
      applicant: {
        role: 'representative',
        iin: '800101400123',
        name: 'Құрманғазиева Әсел Бекқызы',
        proof: {
          document: {
            kind: { kk: 'Қорғаншылық белгілеу туралы шешім', ru: 'Решение об установлении опеки' },
            number: '17-04/315',
            issuer: 'Ақтау қаласының қорғаншылық органы',
            issuedOn: '2024-06-11',
          },
          identity: { kind: { kk: 'Жеке куәлік', ru: 'Удостоверение личности' }, number: '045612378' },
        },
      },
    })
    const text = pdfText(await renderDocument({ snapshot: representative, verificationCode: '7K3M9QX2TB', signature: null }))
    expect(text).toContain('Заңды өкіл / Законный представитель: Құрманғазиева Әсел Бекқызы, ЖСН / ИИН 800101400123')
    expect(text).toContain('№ 17-04/315, Ақтау қаласының қорғаншылық органы, 11.06.2024')
    expect(text).toContain('Жеке куәлік / Удостоверение личности № 045612378')
    expect(text).toContain('Прошу прикрепить указанное лицо к данной медицинской организации.')
    const family = buildWrittenApplication('19', {
      ...sources,
      applicant: { role: 'family', iin: '800101400123', name: 'Құрманғазиева Әсел Бекқызы' },
    })
    expect(pdfText(await renderDocument({ snapshot: family, verificationCode: '7K3M9QX2TB', signature: null }))).toContain(
      'Член семьи, давший письменное согласие: Құрманғазиева Әсел Бекқызы',
    )
  })

  it('the longest values the desk form takes still fit on its one page', async () => {
    const long = buildWrittenApplication('20', {
      ...sources,
      patient: { ...sources.patient, address: 'Ақтау қ., '.padEnd(300, 'ә') },
      desk: {
        ...sources.desk!,
        presented: { ...sources.desk!.presented, number: 'Н'.repeat(50), issuer: 'Ұ'.repeat(200) },
        identity: { kind: { kk: 'Шетелдік паспорт', ru: 'Иностранный паспорт' }, number: 'Ф'.repeat(50) },
        insurance: `ЕМС / ДМС № ${'7'.repeat(50)}, 01.03.2026 – 28.02.2027, ${'Қ'.repeat(40)}`,
      },
      applicant: {
        role: 'representative',
        iin: '800101400123',
        name: null,
        proof: {
          document: {
            kind: { kk: 'Баланы (адамды) ұйымға орналастыру туралы акт', ru: 'Акт о помещении ребёнка (лица) в организацию' },
            number: 'Ж'.repeat(50),
            issuer: 'Ш'.repeat(200),
            issuedOn: '2024-06-11',
          },
          identity: { kind: { kk: 'Жеке куәлік', ru: 'Удостоверение личности' }, number: 'Щ'.repeat(50) },
        },
      },
    })
    const bytes = await renderDocument({ snapshot: long, verificationCode: '7K3M9QX2TB', signature: null })
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1)
  })
})

describe('Documents of a submission: only kinds of the service’s own, made at submission', () => {
  it.each(listServices().map((service) => ({ id: service.id, service })))('$id', ({ service }) => {
    const own = service.documents?.kinds ?? []
    for (const kinds of Object.values(service.documents?.onSubmit ?? {})) {
      for (const kind of kinds ?? []) expect(own.find((definition) => definition.kind === kind)?.madeAt).toBe('submission')
    }
    for (const kind of [...(service.documents?.onApprove ?? []), ...(service.documents?.onRefuse ?? [])])
      expect(own.find((definition) => definition.kind === kind)?.madeAt).not.toBe('submission')
  })
})
