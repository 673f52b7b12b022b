import type { StaffRole } from '@/db/schema'
import type { PatientRef } from '@/lib/documents/contract'
import { formatDay } from '@/lib/i18n/format'
import { contentWidth, type Bilingual, type Geometry, type Row } from './form-layout'

// Rows and boxes that documents of many kinds share; each kind's layout (its service's documents/) picks among them.

export const roleLabels: Record<StaffRole, Bilingual> = {
  registrar: { kk: 'тіркеуші', ru: 'регистратор' },
  doctor: { kk: 'учаскелік дәрігер', ru: 'участковый врач' },
  head: { kk: 'бөлім меңгерушісі', ru: 'заведующий отделением' },
  chief: { kk: 'бас дәрігер', ru: 'главный врач' },
  region_admin: { kk: 'өңір әкімшісі', ru: 'администратор региона' },
  dispensary_doctor: { kk: 'орталық дәрігері', ru: 'врач центра' },
}

// The signature band of a notice: the page's whole width at its foot.
export const noticeBand = (geometry: Geometry) =>
  ({ x: geometry.margin, y: geometry.margin, width: contentWidth(geometry), height: 100 }) as const

export function patientRows(patient: PatientRef): Row[] {
  const fullName = [patient.lastName, patient.firstName, patient.middleName ?? ''].join(' ')
  return [
    { kk: 'ЖСН', ru: 'ИИН', values: [patient.iin] },
    { kk: 'Тегі, аты, әкесінің аты', ru: 'Фамилия, имя, отчество', values: [fullName] },
    { kk: 'Туған күні', ru: 'Дата рождения', values: [formatDay(patient.birthDate)] },
    { kk: 'Мекенжайы', ru: 'Адрес', values: [patient.address] },
  ]
}

export const requestRow = (request: { number: number; submittedOn: string }): Row => ({
  kk: 'Өтінім',
  ru: 'Заявка',
  values: [`№ ${request.number}, ${formatDay(request.submittedOn)}`],
})

export const signerRow = (signer: { name: string; role: StaffRole }): Row => ({
  kk: 'Қол қоюшы',
  ru: 'Подписант',
  values: [`${signer.name} (${roleLabels[signer.role].kk} / ${roleLabels[signer.role].ru})`],
})

export const issuedOnRow = (issuedOn: string): Row => ({ kk: 'Берілген күні', ru: 'Дата выдачи', values: [formatDay(issuedOn)] })
