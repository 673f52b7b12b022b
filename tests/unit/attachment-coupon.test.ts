import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PDFDocument } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  couponSignatureArea,
  renderAttachmentCoupon,
  type AttachmentCouponSnapshot,
} from '../../lib/services/attachment/documents/attachment-coupon-064e'
import { embedDejaVuSans } from '../../lib/pdf/fonts'
import { wrapText } from '../../lib/pdf/wrap-text'

// Every Kazakh-specific letter (ә ғ қ ң ө ұ ү һ і) occurs in the values below.
const snapshot: AttachmentCouponSnapshot = {
  number: 'ТР-2026-000417',
  issuedOn: '2026-03-12',
  clinic: {
    nameKk: '«Алматы қаласының №5 қалалық емханасы» ШЖҚ МКК',
    nameRu: 'ГКП на ПХВ «Городская поликлиника №5 города Алматы»',
    addressKk: 'Алматы қ., Әуезов ауданы, Жандосов көшесі, 58',
    addressRu: 'г. Алматы, Ауэзовский район, ул. Жандосова, 58',
  },
  patient: {
    iin: '950412400123',
    lastName: 'Әлиханова',
    firstName: 'Ғалия',
    middleName: 'Құрманқызы',
    birthDate: '1995-04-12',
    address: 'Астана қ., Есіл ауданы, Ұлы Дала даңғылы, 11-үй, 45-пәтер, Қаһарман тұрғын үй кешені',
  },
  doctor: 'Сүлейменова Әйгерім Нұрланқызы',
  section: '№ 12 учаске (жалпы практика дәрігері)',
  attachedFrom: '2026-03-10',
  basis: {
    kk: 'Медициналық ұйымды еркін таңдау бойынша өтініш (Қағидалардың 31-тармағы)',
    ru: 'Заявление о свободном выборе медицинской организации (пункт 31 Правил)',
  },
  registrar: 'Жұмабекова Гүлнұр Серікқызы',
}

const scratch = mkdtempSync(path.join(tmpdir(), 'attachment-coupon-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))
let rendered = 0

function poppler(tool: 'pdftotext', args: string[], bytes: Uint8Array): string {
  const file = path.join(scratch, `coupon-${(rendered += 1)}.pdf`)
  writeFileSync(file, bytes)
  try {
    return execFileSync(tool, [...args, file, '-'], { encoding: 'utf8' })
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
      throw new Error(
        `${tool} is not installed: the coupon tests read the PDF with poppler-utils (apt-get install -y poppler-utils)`,
      )
    }
    throw error
  }
}

// pdftotext breaks wrapped values into lines; compare with single spaces.
const pdfText = (bytes: Uint8Array) => poppler('pdftotext', ['-enc', 'UTF-8'], bytes).replace(/\s+/g, ' ')

type Word = { text: string; xMin: number; yMin: number; xMax: number; yMax: number }

function pdfWords(bytes: Uint8Array): Word[] {
  const html = poppler('pdftotext', ['-bbox', '-enc', 'UTF-8'], bytes)
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
    ([, xMin, yMin, xMax, yMax, text]) => ({
      text: text ?? '',
      xMin: Number(xMin),
      yMin: Number(yMin),
      xMax: Number(xMax),
      yMax: Number(yMax),
    }),
  )
}

// pdftotext measures y from the top of the page, pdf-lib from the bottom.
function wordsInSignatureArea(words: Word[], pageHeight: number): Word[] {
  const area = couponSignatureArea
  return words.filter((word) => pageHeight - word.yMin > area.y && pageHeight - word.yMax < area.y + area.height)
}

let bytes: Uint8Array
let text: string

beforeAll(async () => {
  bytes = await renderAttachmentCoupon(snapshot)
  text = pdfText(bytes)
})

describe('Attachment coupon 064/е (order 001 p.29): the printed fields', () => {
  it.each([
    { label: 'IIN', value: '950412400123' },
    { label: 'full name', value: 'Әлиханова Ғалия Құрманқызы' },
    { label: 'birth date as DD.MM.YYYY', value: '12.04.1995' },
    { label: 'address', value: snapshot.patient.address },
    { label: 'section', value: '№ 12 учаске (жалпы практика дәрігері)' },
    { label: 'doctor', value: 'Сүлейменова Әйгерім Нұрланқызы' },
    { label: 'attached-from date', value: '10.03.2026' },
    { label: 'basis in Kazakh', value: snapshot.basis.kk },
    { label: 'basis in Russian', value: snapshot.basis.ru },
    { label: 'registrar', value: 'Жұмабекова Гүлнұр Серікқызы' },
    { label: 'issue date', value: '12.03.2026' },
    { label: 'coupon number', value: '№ ТР-2026-000417' },
    { label: 'clinic name in Kazakh', value: snapshot.clinic.nameKk },
    { label: 'clinic name in Russian', value: snapshot.clinic.nameRu },
    { label: 'clinic address in Kazakh', value: snapshot.clinic.addressKk },
    { label: 'clinic address in Russian', value: snapshot.clinic.addressRu },
  ])('$label', ({ value }) => expect(text).toContain(value))

  it.each([
    { label: 'Kazakh form label', value: '064/е нысаны' },
    // The sources give no Russian form code (064/у); spec reading 7 keeps 064/е.
    { label: 'Russian form label', value: 'Форма 064/е' },
    { label: 'Kazakh title', value: 'МЕДИЦИНАЛЫҚ ҰЙЫМҒА БЕКІТІЛУ ТАЛОНЫ' },
    { label: 'Russian title', value: 'ТАЛОН ПРИКРЕПЛЕНИЯ К МЕДИЦИНСКОЙ ОРГАНИЗАЦИИ' },
  ])('$label', ({ value }) => expect(text).toContain(value))

  it.each([
    { label: 'IIN', kk: 'ЖСН', ru: 'ИИН' },
    { label: 'full name', kk: 'Тегі, аты, әкесінің аты', ru: 'Фамилия, имя, отчество' },
    { label: 'birth date', kk: 'Туған күні', ru: 'Дата рождения' },
    { label: 'address', kk: 'Мекенжайы', ru: 'Адрес' },
    { label: 'section', kk: 'Учаске', ru: 'Участок' },
    { label: 'doctor', kk: 'Дәрігер', ru: 'Врач' },
    { label: 'attachment date', kk: 'Бекітілген күні', ru: 'Дата прикрепления' },
    { label: 'basis', kk: 'Бекіту негізі', ru: 'Основание прикрепления' },
    { label: 'registrar', kk: 'Берген тіркеуші', ru: 'Выдал регистратор' },
    { label: 'issue date', kk: 'Берілген күні', ru: 'Дата выдачи' },
  ])('row label for $label in both languages', ({ kk, ru }) => {
    expect(text).toContain(kk)
    expect(text).toContain(ru)
  })

  it.each([...'әғқңөұүһі'])('the Kazakh letter %s survives the font subset as text', (letter) => expect(text).toContain(letter))

  it('a missing doctor and section print a dash', async () => {
    const printed = pdfText(await renderAttachmentCoupon({ ...snapshot, doctor: null, section: null }))
    expect(printed).toContain('Учаске / Участок — Дәрігер / Врач —')
  })

  it('a patient without a patronymic: surname and first name only', async () => {
    const patient = { ...snapshot.patient, lastName: 'Smith', firstName: 'John', middleName: null }
    expect(pdfText(await renderAttachmentCoupon({ ...snapshot, patient }))).toContain('Smith John Туған күні')
  })
})

describe('Attachment coupon 064/е: the page', () => {
  it('is one A5 portrait page (420 × 595 pt)', async () => {
    const doc = await PDFDocument.load(bytes)
    expect(doc.getPageCount()).toBe(1)
    expect(doc.getPage(0).getSize()).toEqual({ width: 420, height: 595 })
  })

  it('leaves the signature area empty and inside the page', () => {
    const area = couponSignatureArea
    expect(area.x).toBeGreaterThanOrEqual(0)
    expect(area.y).toBeGreaterThanOrEqual(0)
    expect(area.x + area.width).toBeLessThanOrEqual(420)
    expect(area.width).toBeGreaterThanOrEqual(90)
    expect(area.height).toBeGreaterThanOrEqual(90)
    const words = pdfWords(bytes)
    expect(words.length).toBeGreaterThan(50)
    expect(wordsInSignatureArea(words, 595)).toEqual([])
  })

  it('keeps every word inside the page margins', () => {
    for (const word of pdfWords(bytes)) {
      expect(word.xMin).toBeGreaterThanOrEqual(28 - 0.5)
      expect(word.xMax).toBeLessThanOrEqual(420 - 28 + 0.5)
      expect(word.yMin).toBeGreaterThanOrEqual(28 - 0.5)
    }
  })

  it('long values shrink the rows onto the one page, clear of the signature area', async () => {
    const long = {
      ...snapshot,
      patient: { ...snapshot.patient, address: `${snapshot.patient.address}, ${snapshot.patient.address}` },
      basis: { kk: `${snapshot.basis.kk}; ${snapshot.basis.kk}`, ru: `${snapshot.basis.ru}; ${snapshot.basis.ru}` },
    }
    const printed = await renderAttachmentCoupon(long)
    expect((await PDFDocument.load(printed)).getPageCount()).toBe(1)
    expect(pdfText(printed)).toContain(long.basis.ru)
    expect(wordsInSignatureArea(pdfWords(printed), 595)).toEqual([])
  })

  it('refuses a snapshot that cannot fit on one page rather than overlap the signature area', async () => {
    const address = Array.from({ length: 40 }, () => snapshot.patient.address).join(', ')
    await expect(renderAttachmentCoupon({ ...snapshot, patient: { ...snapshot.patient, address } })).rejects.toThrow(RangeError)
  })

  it('p.29 para 2: an insurance attachment prints its last day; an open-ended one prints none', async () => {
    const insured = await renderAttachmentCoupon({ ...snapshot, attachedUntil: '2027-02-28' })
    expect(pdfText(insured)).toContain('Прикреплён до 28.02.2027')
    expect(pdfText(bytes)).not.toContain('Прикреплён до')
  })

  it.each([
    { label: 'issuedOn not a day', change: { issuedOn: '12.03.2026' } },
    { label: 'attachedFrom not a calendar day', change: { attachedFrom: '2026-02-30' } },
    { label: 'attachedUntil not a calendar day', change: { attachedUntil: '2027-02-29' } },
  ])('rejects $label', async ({ change }) => {
    await expect(renderAttachmentCoupon({ ...snapshot, ...change })).rejects.toThrow(RangeError)
  })
})

describe('Attachment coupon 064/е: deterministic bytes', () => {
  it('the same snapshot renders byte-identical PDFs', async () => {
    expect(Buffer.from(await renderAttachmentCoupon(structuredClone(snapshot))).equals(Buffer.from(bytes))).toBe(true)
  })

  it('one changed letter changes the bytes', async () => {
    const changed = await renderAttachmentCoupon({ ...snapshot, patient: { ...snapshot.patient, firstName: 'Галия' } })
    expect(Buffer.from(changed).equals(Buffer.from(bytes))).toBe(false)
  })

  it('dates and producer are fixed by the snapshot, not the clock', async () => {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false })
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-03-12T00:00:00.000Z')
    expect(doc.getModificationDate()?.toISOString()).toBe('2026-03-12T00:00:00.000Z')
    expect(doc.getProducer()).toBe('Tirkeu')
    expect(doc.getCreator()).toBe('Tirkeu')
    expect(doc.getTitle()).toBe('МЕДИЦИНАЛЫҚ ҰЙЫМҒА БЕКІТІЛУ ТАЛОНЫ № ТР-2026-000417')
  })
})

describe('wrapText', () => {
  it('keeps every word, in order, with no line wider than the limit; breaks a word longer than a line', async () => {
    const doc = await PDFDocument.create()
    const { regular } = await embedDejaVuSans(doc)
    const sentence = `${snapshot.basis.kk} ${'Қ'.repeat(60)}`
    const lines = wrapText(sentence, regular, 9, 120)
    expect(lines.length).toBeGreaterThan(3)
    for (const line of lines) expect(regular.widthOfTextAtSize(line, 9)).toBeLessThanOrEqual(120)
    expect(lines.join(' ').replace(/Қ /g, 'Қ')).toBe(sentence)
  })
})
