// The people and requests of the demo's overdue board (./overdue-requests.ts makes the requests through the engine).
// Pure, like ./demo-data.ts: no I/O, no clock.
import type { AttachmentBasis } from '../../db/schema/attachments'
import { addDays, isWorkingDay, type CalendarOverride, type Day } from '../../lib/calendar'
import { makeIin } from '../../lib/iin'
import type { DemoPatient, DemoPatientSeed } from './demo-data'

const people: DemoPatientSeed[] = [
  {
    key: 'lateA',
    lastName: 'Төлеуов',
    firstName: 'Ерлан',
    middleName: 'Маратұлы',
    birthDate: '1981-04-12',
    sex: 'male',
    serial: 301,
    status: 'citizen',
    address: 'Ақтау қ., 2 шағын аудан, 15 үй, 8 пәтер',
    phone: '+77015550301',
    locale: 'kk',
  },
  {
    key: 'lateB',
    lastName: 'Смирнова',
    firstName: 'Ольга',
    middleName: 'Петровна',
    birthDate: '1975-09-03',
    sex: 'female',
    serial: 304,
    status: 'citizen',
    address: 'г. Актау, 5 мкр., д. 11, кв. 30',
    phone: '+77055550304',
    locale: 'ru',
  },
  {
    key: 'lateC',
    lastName: 'Оспанова',
    firstName: 'Гүлнар',
    middleName: 'Бекқызы',
    birthDate: '1990-01-25',
    sex: 'female',
    serial: 307,
    status: 'citizen',
    address: 'Ақтау қ., 8 шағын аудан, 3 үй, 47 пәтер',
    phone: '+77475550307',
    locale: 'kk',
  },
  {
    key: 'lateD',
    lastName: 'Ли',
    firstName: 'Сергей',
    middleName: 'Владимирович',
    birthDate: '1968-12-08',
    sex: 'male',
    serial: 310,
    status: 'citizen',
    address: 'г. Актау, 12 мкр., д. 6, кв. 12',
    phone: '+77015550310',
    locale: 'ru',
  },
]

export const demoOverduePatients: DemoPatient[] = people.map((p) => ({
  ...p,
  iin: makeIin({ birthDate: p.birthDate, sex: p.sex, serial: p.serial }),
}))

export type DemoOverdueRequest = {
  patient: string
  organization: string
  section: string
  basis: AttachmentBasis
  // Submitted at 10:00 on the n-th working day before the seed's day: a portal request is due at 20:00 that day.
  workingDaysAgo: number
  // The registrar who took it an hour later, or nobody.
  takenBy: string | null
}

// Oldest first, so the request numbers follow the time of submission.
export const demoOverdueRequests: DemoOverdueRequest[] = [
  { patient: 'lateA', organization: 'aktau-pc-1', section: '1', basis: 'residence_change', workingDaysAgo: 4, takenBy: null },
  {
    patient: 'lateD',
    organization: 'aktau-pc-2',
    section: '1',
    basis: 'residence_change',
    workingDaysAgo: 3,
    takenBy: 'registrar2',
  },
  { patient: 'lateB', organization: 'aktau-pc-1', section: '2', basis: 'free_choice', workingDaysAgo: 2, takenBy: 'registrar1b' },
  { patient: 'lateC', organization: 'aktau-pc-1', section: '3', basis: 'residence_change', workingDaysAgo: 1, takenBy: null },
]

// The n-th working day before `today`, which itself is not counted.
export function workingDayBefore(today: Day, n: number, overrides: readonly CalendarOverride[]): Day {
  let day = today
  for (let left = n; left > 0;) {
    day = addDays(day, -1)
    if (isWorkingDay(day, { overrides })) left--
  }
  return day
}
