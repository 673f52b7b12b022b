// Issue 16: the demo registries of dynamic observation of the region's three centres, and each centre's information
// system (a staff row that never signs in: it issues the automatic certificates).
import type { DispensaryRegistry } from '../../db/schema/registries'

export interface DemoCentreSystem {
  organization: string
  registry: DispensaryRegistry
  login: string
  nameKk: string
  nameRu: string
}

// The form's field 6 («Деректер ___ ақпараттық жүйесімен берілген» / «Данные предоставлены информационной системой ___»)
// names these systems. Their password hash is no argon2 hash: it can never verify, and sign-in refuses system rows anyway.
export const demoCentreSystems: DemoCentreSystem[] = [
  {
    organization: 'mangystau-tb',
    registry: 'tb',
    login: 'system-tb',
    nameKk: '«Фтизиатрия» ақпараттық жүйесі',
    nameRu: 'ИС «Фтизиатрия»',
  },
  {
    organization: 'mangystau-mh',
    registry: 'mental_health',
    login: 'system-mh',
    nameKk: '«Психиатрия» ақпараттық жүйесі',
    nameRu: 'ИС «Психиатрия»',
  },
  {
    organization: 'mangystau-narco',
    registry: 'narcology',
    login: 'system-narco',
    nameKk: '«Наркология» ақпараттық жүйесі',
    nameRu: 'ИС «Наркология»',
  },
]

export const SYSTEM_PASSWORD_HASH = '!system: never signs in'

export interface DemoDispensaryRecord {
  organization: string
  registry: DispensaryRegistry
  // Added by this centre doctor's login.
  addedBy: string
  // A demo patient's IIN, or null for a record kept without one (then the name and birth date below).
  iin: string | null
  person?: { lastName: string; firstName: string; middleName: string | null; birthDate: string }
  group: string
  observedSince: string
  removed?: { on: string; reason: 'recovered' | 'moved' | 'death' | 'error' | 'other' }
}

// None of these people is used by the e2e specs. For the certificate service (README, "Demo registries"):
// - on the TB registry: Иванова Ольга (850809400209) and Сергеев Николай (570707300744); Петрова Валентина
//   (541228400714) was, until 30.06.2025;
// - a TB record WITHOUT an IIN with the name and birth date of Ермекова Динара Талғатқызы (870530400800, 30.05.1987):
//   the uncertain match a centre doctor decides;
// - mental health: Ким Сергей (780625300415), Абдрахманова Гүлжан (511001401079);
// - narcology: Гасанов Руслан (790222300981); Жанғалиев Ерқанат (721212301162) was, until 15.03.2024.
export const demoDispensaryRecords: DemoDispensaryRecord[] = [
  { organization: 'mangystau-tb', registry: 'tb', addedBy: 'tb1', iin: '850809400209', group: 'IA', observedSince: '2026-03-02' },
  { organization: 'mangystau-tb', registry: 'tb', addedBy: 'tb1', iin: '570707300744', group: 'II', observedSince: '2024-09-16' },
  {
    organization: 'mangystau-tb',
    registry: 'tb',
    addedBy: 'tb1',
    iin: '541228400714',
    group: 'III',
    observedSince: '2023-01-10',
    removed: { on: '2025-06-30', reason: 'recovered' },
  },
  {
    organization: 'mangystau-tb',
    registry: 'tb',
    addedBy: 'tb1',
    iin: null,
    person: { lastName: 'Ермекова', firstName: 'Динара', middleName: 'Талғатқызы', birthDate: '1987-05-30' },
    group: 'IA',
    observedSince: '2019-04-01',
  },
  {
    organization: 'mangystau-mh',
    registry: 'mental_health',
    addedBy: 'mh1',
    iin: '780625300415',
    group: 'D-1',
    observedSince: '2022-05-12',
  },
  {
    organization: 'mangystau-mh',
    registry: 'mental_health',
    addedBy: 'mh1',
    iin: '511001401079',
    group: 'D-2',
    observedSince: '2020-02-03',
  },
  {
    organization: 'mangystau-narco',
    registry: 'narcology',
    addedBy: 'narco1',
    iin: '790222300981',
    group: 'D-1',
    observedSince: '2025-10-01',
  },
  {
    organization: 'mangystau-narco',
    registry: 'narcology',
    addedBy: 'narco1',
    iin: '721212301162',
    group: 'D-2',
    observedSince: '2021-03-15',
    removed: { on: '2024-03-15', reason: 'recovered' },
  },
]
