// Demo data for Tirkeu: two primary-care clinics of Aktau (Mangystau region), the regional hospital and
// dispensaries, their staff, and 50 patients with families, representatives and attachments.
// Pure data: no I/O, no clock, no randomness. The loader is ./demo.ts.
// The story's "today" is DEMO_REFERENCE_DATE; every date below is fixed.

import { makeIin } from '../../lib/iin'
import { makeBin } from '../../lib/iin/bin'
import type { AttachmentBasis, AttachmentStatus } from '../../db/schema/attachments'
import type { DepartmentKind, OrganizationType, WorkingHours } from '../../db/schema/organizations'
import type { Locale, PatientStatus, RepresentativeBasis, ResidenceStatus, Sex, StaffRole } from '../../db/schema/people'

/** Password of every demo staff account. Demo only: never use it on a real deployment. */
export const DEMO_STAFF_PASSWORD = 'Tirkeu2026!'

/** The date the demo story is set on (children are those under 18 on this day). */
export const DEMO_REFERENCE_DATE = '2026-11-23'

export const demoLogins = {
  registrar: 'registrar1',
  doctor: 'doctor1',
  head: 'head1',
  chief: 'chief1',
  regionAdmin: 'admin1',
  // Issue 16: the doctors of the region's registry centres.
  tbCentre: 'tb1',
  mentalHealthCentre: 'mh1',
  narcologyCentre: 'narco1',
  otherClinicRegistrar: 'registrar2',
  lockoutTarget: 'registrar2b',
} as const

export const demoPatients = {
  /** Жұмабаева Айгүл Серікқызы, mother of two children, attached to aktau-pc-1 (section 1). */
  mother: '920314400015',
  /** Нұрланова Аружан Ерланқызы, her daughter (born 2016), attached to aktau-pc-1 (section 4). */
  child: '160902600084',
  /** Серікбаев Нұржан Қанатұлы, adult attached to aktau-pc-2 (section 1), not related to the mother. */
  otherClinic: '840516301048',
  /** Бекболатов Айдос Серікұлы, adult attached nowhere (lives in the 2nd micro-district, aktau-pc-1's area). */
  unattached: '950402301348',
} as const

export const DEMO_REGION = 'Маңғыстау облысы'
export const DEMO_CITY = 'Ақтау'

export interface DemoOrganization {
  code: string
  /** The BIN an organization certificate carries (OU=BIN…): valid check digit, a resident legal entity's head office. */
  bin: string
  type: OrganizationType
  nameKk: string
  nameRu: string
  region: string
  city: string
  addressKk: string
  addressRu: string
  phone: string
  workingHours: WorkingHours
  administrativeUnit: string
}

export interface DemoDepartment {
  organization: string
  kind: DepartmentKind
  nameKk: string
  nameRu: string
}

export interface DemoSection {
  organization: string
  department: DepartmentKind
  number: string
  capacityNorm: number
  territoryKk: string
  territoryRu: string
}

export interface DemoStaffMember {
  organization: string
  department: DepartmentKind
  role: StaffRole
  login: string
  lastName: string
  firstName: string
  middleName: string | null
  birthDate: string
  sex: Sex
  serial: number
  specialtyKk: string | null
  specialtyRu: string | null
  locale: Locale
  /** Section number (within the organization) this doctor serves. */
  section: string | null
}

export interface DemoPatientSeed {
  /** Local key used by representatives and attachments below; not stored. */
  key: string
  lastName: string
  firstName: string
  middleName: string | null
  birthDate: string
  sex: Sex
  serial: number
  status: PatientStatus
  /** Foreigners and stateless persons only (p.4, p.6): a residence permit or stateless person's certificate, or a stay. */
  residence?: ResidenceStatus
  address: string
  phone: string | null
  locale: Locale
  /** Administrative-territorial unit of the address; Aktau unless said otherwise. */
  residenceUnit?: string
}

export interface DemoPatient extends DemoPatientSeed {
  iin: string
}

export interface DemoRepresentative {
  child: string
  representative: string
  basis: RepresentativeBasis
  documentNote: string | null
  validFrom: string
  validTo: string | null
}

export interface DemoAttachment {
  patient: string
  organization: string
  section: string
  basis: AttachmentBasis
  status: AttachmentStatus
  validFrom: string
  validTo: string | null
}

// ---------------------------------------------------------------------------------------------
// Organizations

const weekdays = (from: string, to: string) => ({
  mon: { from, to },
  tue: { from, to },
  wed: { from, to },
  thu: { from, to },
  fri: { from, to },
})

const clinicHours: WorkingHours = { ...weekdays('08:00', '20:00'), sat: { from: '09:00', to: '14:00' } }
const roundTheClock: WorkingHours = {
  ...weekdays('00:00', '23:59'),
  sat: { from: '00:00', to: '23:59' },
  sun: { from: '00:00', to: '23:59' },
}
const dispensaryHours: WorkingHours = weekdays('08:00', '18:00')

// Administrative-territorial units of the demo region (p.2(1)) and its border territories (p.17).
export const demoAdministrativeUnits: {
  code: string
  parentCode: string | null
  kind: string
  nameKk: string
  nameRu: string
}[] = [
  { code: 'mangystau', parentCode: null, kind: 'region', nameKk: 'Маңғыстау облысы', nameRu: 'Мангистауская область' },
  { code: 'aktau', parentCode: 'mangystau', kind: 'city', nameKk: 'Ақтау қаласы', nameRu: 'город Актау' },
  { code: 'zhanaozen', parentCode: 'mangystau', kind: 'city', nameKk: 'Жаңаөзен қаласы', nameRu: 'город Жанаозен' },
  { code: 'munaily', parentCode: 'mangystau', kind: 'district', nameKk: 'Мұнайлы ауданы', nameRu: 'Мунайлинский район' },
  { code: 'karakiya', parentCode: 'mangystau', kind: 'district', nameKk: 'Қарақия ауданы', nameRu: 'Каракиянский район' },
  { code: 'tupkaragan', parentCode: 'mangystau', kind: 'district', nameKk: 'Түпқараған ауданы', nameRu: 'Тупкараганский район' },
]
export const demoBorderTerritories: { unit: string; neighbour: string }[] = [{ unit: 'munaily', neighbour: 'aktau' }]

export const demoOrganizations: DemoOrganization[] = [
  {
    code: 'aktau-pc-1',
    bin: makeBin({ yearMonth: '0304', serial: 1001 }),
    type: 'primary_care',
    nameKk: 'Ақтау қалалық №1 емханасы',
    nameRu: 'Городская поликлиника №1 г. Актау',
    region: DEMO_REGION,
    city: DEMO_CITY,
    administrativeUnit: 'aktau',
    addressKk: 'Ақтау қ., 4 шағын аудан, 25 ғимарат',
    addressRu: 'г. Актау, 4 мкр., зд. 25',
    phone: '+77292500101',
    workingHours: clinicHours,
  },
  {
    code: 'aktau-pc-2',
    bin: makeBin({ yearMonth: '0304', serial: 2001 }),
    type: 'primary_care',
    nameKk: 'Ақтау қалалық №2 емханасы',
    nameRu: 'Городская поликлиника №2 г. Актау',
    region: DEMO_REGION,
    city: DEMO_CITY,
    administrativeUnit: 'aktau',
    addressKk: 'Ақтау қ., 15 шағын аудан, 3 ғимарат',
    addressRu: 'г. Актау, 15 мкр., зд. 3',
    phone: '+77292500202',
    workingHours: clinicHours,
  },
  {
    code: 'mangystau-hospital',
    bin: makeBin({ yearMonth: '9812', serial: 3001 }),
    type: 'hospital',
    nameKk: 'Маңғыстау облыстық көпбейінді ауруханасы',
    nameRu: 'Мангистауская областная многопрофильная больница',
    region: DEMO_REGION,
    city: DEMO_CITY,
    administrativeUnit: 'aktau',
    addressKk: 'Ақтау қ., 28 шағын аудан, 1 ғимарат',
    addressRu: 'г. Актау, 28 мкр., зд. 1',
    phone: '+77292300303',
    workingHours: roundTheClock,
  },
  {
    code: 'mangystau-tb',
    bin: makeBin({ yearMonth: '0106', serial: 4001 }),
    type: 'tb_centre',
    nameKk: 'Маңғыстау облыстық фтизиопульмонология орталығы',
    nameRu: 'Мангистауский областной центр фтизиопульмонологии',
    region: DEMO_REGION,
    city: DEMO_CITY,
    administrativeUnit: 'aktau',
    addressKk: 'Ақтау қ., 31 шағын аудан, 7 ғимарат',
    addressRu: 'г. Актау, 31 мкр., зд. 7',
    phone: '+77292300404',
    workingHours: dispensaryHours,
  },
  {
    code: 'mangystau-mh',
    bin: makeBin({ yearMonth: '0106', serial: 5001 }),
    type: 'mental_health_centre',
    nameKk: 'Маңғыстау облыстық психикалық денсаулық орталығы',
    nameRu: 'Мангистауский областной центр психического здоровья',
    region: DEMO_REGION,
    city: DEMO_CITY,
    administrativeUnit: 'aktau',
    addressKk: 'Ақтау қ., 27 шағын аудан, 5 ғимарат',
    addressRu: 'г. Актау, 27 мкр., зд. 5',
    phone: '+77292300505',
    workingHours: dispensaryHours,
  },
  {
    code: 'mangystau-narco',
    bin: makeBin({ yearMonth: '0211', serial: 6001 }),
    type: 'narcology_centre',
    nameKk: 'Маңғыстау облыстық наркологиялық диспансері',
    nameRu: 'Мангистауский областной наркологический диспансер',
    region: DEMO_REGION,
    city: DEMO_CITY,
    administrativeUnit: 'aktau',
    addressKk: 'Ақтау қ., 20 шағын аудан, 9 ғимарат',
    addressRu: 'г. Актау, 20 мкр., зд. 9',
    phone: '+77292300606',
    workingHours: dispensaryHours,
  },
  {
    code: 'mangystau-health',
    bin: makeBin({ yearMonth: '0004', serial: 7001 }),
    type: 'health_department',
    nameKk: 'Маңғыстау облысының денсаулық сақтау басқармасы',
    nameRu: 'Управление здравоохранения Мангистауской области',
    region: DEMO_REGION,
    city: DEMO_CITY,
    administrativeUnit: 'aktau',
    addressKk: 'Ақтау қ., 14 шағын аудан, 1 ғимарат',
    addressRu: 'г. Актау, 14 мкр., зд. 1',
    phone: '+77292300707',
    workingHours: dispensaryHours,
  },
]

// ---------------------------------------------------------------------------------------------
// Departments

const clinicDepartments = (organization: string): DemoDepartment[] => [
  { organization, kind: 'therapy', nameKk: 'Терапия бөлімі', nameRu: 'Терапевтическое отделение' },
  {
    organization,
    kind: 'general_practice',
    nameKk: 'Жалпы практика бөлімі',
    nameRu: 'Отделение общей врачебной практики',
  },
  { organization, kind: 'pediatrics', nameKk: 'Педиатрия бөлімі', nameRu: 'Педиатрическое отделение' },
  { organization, kind: 'registry', nameKk: 'Тіркеу орны', nameRu: 'Регистратура' },
  { organization, kind: 'administration', nameKk: 'Әкімшілік', nameRu: 'Администрация' },
]

const dispensaryDepartment = (organization: string): DemoDepartment => ({
  organization,
  kind: 'dispensary',
  nameKk: 'Диспансерлік бөлім',
  nameRu: 'Диспансерное отделение',
})

export const demoDepartments: DemoDepartment[] = [
  ...clinicDepartments('aktau-pc-1'),
  ...clinicDepartments('aktau-pc-2'),
  {
    organization: 'mangystau-hospital',
    kind: 'inpatient',
    nameKk: 'Стационарлық бөлім',
    nameRu: 'Стационарное отделение',
  },
  dispensaryDepartment('mangystau-tb'),
  dispensaryDepartment('mangystau-mh'),
  dispensaryDepartment('mangystau-narco'),
  { organization: 'mangystau-health', kind: 'administration', nameKk: 'Әкімшілік', nameRu: 'Администрация' },
]

// ---------------------------------------------------------------------------------------------
// Sections (учаскелер / участки). Norms of attached population per section:
// therapist 2200 adults, general practitioner 1700, paediatrician 900 children.

const THERAPY_NORM = 2200
const GENERAL_PRACTICE_NORM = 1700
const PEDIATRICS_NORM = 900

export const demoSections: DemoSection[] = [
  {
    organization: 'aktau-pc-1',
    department: 'therapy',
    number: '1',
    capacityNorm: THERAPY_NORM,
    territoryKk: 'Ақтау қ., 1, 2, 3 шағын аудандар (ересектер)',
    territoryRu: 'г. Актау, 1, 2, 3 мкр. (взрослые)',
  },
  {
    organization: 'aktau-pc-1',
    department: 'therapy',
    number: '2',
    capacityNorm: THERAPY_NORM,
    territoryKk: 'Ақтау қ., 4, 5, 6 шағын аудандар (ересектер)',
    territoryRu: 'г. Актау, 4, 5, 6 мкр. (взрослые)',
  },
  {
    organization: 'aktau-pc-1',
    department: 'general_practice',
    number: '3',
    capacityNorm: GENERAL_PRACTICE_NORM,
    territoryKk: 'Ақтау қ., 7, 8, 9, 10 шағын аудандар (ересектер)',
    territoryRu: 'г. Актау, 7, 8, 9, 10 мкр. (взрослые)',
  },
  {
    organization: 'aktau-pc-1',
    department: 'pediatrics',
    number: '4',
    capacityNorm: PEDIATRICS_NORM,
    territoryKk: 'Ақтау қ., 1, 2, 3, 4, 5 шағын аудандар (18 жасқа дейінгі балалар)',
    territoryRu: 'г. Актау, 1, 2, 3, 4, 5 мкр. (дети до 18 лет)',
  },
  {
    organization: 'aktau-pc-1',
    department: 'pediatrics',
    number: '5',
    capacityNorm: PEDIATRICS_NORM,
    territoryKk: 'Ақтау қ., 6, 7, 8, 9, 10 шағын аудандар (18 жасқа дейінгі балалар)',
    territoryRu: 'г. Актау, 6, 7, 8, 9, 10 мкр. (дети до 18 лет)',
  },
  {
    organization: 'aktau-pc-2',
    department: 'therapy',
    number: '1',
    capacityNorm: THERAPY_NORM,
    territoryKk: 'Ақтау қ., 11, 12, 14 шағын аудандар (ересектер)',
    territoryRu: 'г. Актау, 11, 12, 14 мкр. (взрослые)',
  },
  {
    organization: 'aktau-pc-2',
    department: 'general_practice',
    number: '2',
    capacityNorm: GENERAL_PRACTICE_NORM,
    territoryKk: 'Ақтау қ., 15, 17, 19 шағын аудандар (ересектер)',
    territoryRu: 'г. Актау, 15, 17, 19 мкр. (взрослые)',
  },
  {
    organization: 'aktau-pc-2',
    department: 'general_practice',
    number: '3',
    capacityNorm: GENERAL_PRACTICE_NORM,
    territoryKk: 'Ақтау қ., 26, 27, 28, 29 шағын аудандар (ересектер)',
    territoryRu: 'г. Актау, 26, 27, 28, 29 мкр. (взрослые)',
  },
  {
    organization: 'aktau-pc-2',
    department: 'pediatrics',
    number: '4',
    capacityNorm: PEDIATRICS_NORM,
    territoryKk: 'Ақтау қ., 11, 12, 14, 15, 17, 19, 26, 27, 28, 29 шағын аудандар (18 жасқа дейінгі балалар)',
    territoryRu: 'г. Актау, 11, 12, 14, 15, 17, 19, 26, 27, 28, 29 мкр. (дети до 18 лет)',
  },
]

// ---------------------------------------------------------------------------------------------
// Staff of the two clinics. Logins are lower-case; every account's password is DEMO_STAFF_PASSWORD.

const THERAPIST = { specialtyKk: 'Терапевт', specialtyRu: 'Терапевт' }
const GENERAL_PRACTITIONER = { specialtyKk: 'Жалпы практика дәрігері', specialtyRu: 'Врач общей практики' }
const PAEDIATRICIAN = { specialtyKk: 'Педиатр', specialtyRu: 'Педиатр' }
const HEALTH_MANAGER = { specialtyKk: 'Денсаулық сақтау менеджері', specialtyRu: 'Менеджер здравоохранения' }
const NO_SPECIALTY = { specialtyKk: null, specialtyRu: null }

const staffSeeds: DemoStaffMember[] = [
  // aktau-pc-1
  {
    organization: 'aktau-pc-1',
    department: 'registry',
    role: 'registrar',
    login: 'registrar1',
    lastName: 'Сағынбаева',
    firstName: 'Гүлнұр',
    middleName: 'Асқарқызы',
    birthDate: '1990-06-12',
    sex: 'female',
    serial: 7101,
    ...NO_SPECIALTY,
    locale: 'kk',
    section: null,
  },
  {
    organization: 'aktau-pc-1',
    department: 'registry',
    role: 'registrar',
    login: 'registrar1b',
    lastName: 'Мамырова',
    firstName: 'Айнұр',
    middleName: 'Бекетқызы',
    birthDate: '1995-02-03',
    sex: 'female',
    serial: 7102,
    ...NO_SPECIALTY,
    locale: 'kk',
    section: null,
  },
  {
    organization: 'aktau-pc-1',
    department: 'therapy',
    role: 'doctor',
    login: 'doctor1',
    lastName: 'Есенов',
    firstName: 'Асхат',
    middleName: 'Бақытжанұлы',
    birthDate: '1981-09-17',
    sex: 'male',
    serial: 7103,
    ...THERAPIST,
    locale: 'kk',
    section: '1',
  },
  {
    organization: 'aktau-pc-1',
    department: 'therapy',
    role: 'doctor',
    login: 'doctor1-2',
    lastName: 'Петрова',
    firstName: 'Наталья',
    middleName: 'Викторовна',
    birthDate: '1976-04-08',
    sex: 'female',
    serial: 7104,
    ...THERAPIST,
    locale: 'ru',
    section: '2',
  },
  {
    organization: 'aktau-pc-1',
    department: 'general_practice',
    role: 'doctor',
    login: 'doctor1-3',
    lastName: 'Қайыржанова',
    firstName: 'Әйгерім',
    middleName: 'Нұрбекқызы',
    birthDate: '1988-11-29',
    sex: 'female',
    serial: 7105,
    ...GENERAL_PRACTITIONER,
    locale: 'kk',
    section: '3',
  },
  {
    organization: 'aktau-pc-1',
    department: 'pediatrics',
    role: 'doctor',
    login: 'doctor1-4',
    lastName: 'Мұхамбетова',
    firstName: 'Сандуғаш',
    middleName: 'Ерболқызы',
    birthDate: '1984-03-02',
    sex: 'female',
    serial: 7106,
    ...PAEDIATRICIAN,
    locale: 'kk',
    section: '4',
  },
  {
    organization: 'aktau-pc-1',
    department: 'pediatrics',
    role: 'doctor',
    login: 'doctor1-5',
    lastName: 'Ли',
    firstName: 'Татьяна',
    middleName: 'Андреевна',
    birthDate: '1979-07-21',
    sex: 'female',
    serial: 7107,
    ...PAEDIATRICIAN,
    locale: 'ru',
    section: '5',
  },
  {
    organization: 'aktau-pc-1',
    department: 'therapy',
    role: 'head',
    login: 'head1',
    lastName: 'Жармағамбетов',
    firstName: 'Серік',
    middleName: 'Оралұлы',
    birthDate: '1970-01-15',
    sex: 'male',
    serial: 7108,
    ...THERAPIST,
    locale: 'kk',
    section: null,
  },
  {
    organization: 'aktau-pc-1',
    department: 'pediatrics',
    role: 'head',
    login: 'head1-peds',
    lastName: 'Досмағамбетова',
    firstName: 'Раушан',
    middleName: 'Қалиқызы',
    birthDate: '1972-10-05',
    sex: 'female',
    serial: 7109,
    ...PAEDIATRICIAN,
    locale: 'kk',
    section: null,
  },
  {
    organization: 'aktau-pc-1',
    department: 'administration',
    role: 'chief',
    login: 'chief1',
    lastName: 'Қуанышев',
    firstName: 'Бақытжан',
    middleName: 'Амангелдіұлы',
    birthDate: '1966-05-25',
    sex: 'male',
    serial: 7110,
    ...HEALTH_MANAGER,
    locale: 'kk',
    section: null,
  },
  // aktau-pc-2
  {
    organization: 'aktau-pc-2',
    department: 'registry',
    role: 'registrar',
    login: 'registrar2',
    lastName: 'Өтепова',
    firstName: 'Жұлдыз',
    middleName: 'Маратқызы',
    birthDate: '1993-08-30',
    sex: 'female',
    serial: 7201,
    ...NO_SPECIALTY,
    locale: 'kk',
    section: null,
  },
  {
    organization: 'aktau-pc-2',
    department: 'registry',
    role: 'registrar',
    login: 'registrar2b',
    lastName: 'Соколова',
    firstName: 'Анна',
    middleName: 'Дмитриевна',
    birthDate: '1997-12-14',
    sex: 'female',
    serial: 7202,
    ...NO_SPECIALTY,
    locale: 'ru',
    section: null,
  },
  {
    organization: 'aktau-pc-2',
    department: 'therapy',
    role: 'doctor',
    login: 'doctor2',
    lastName: 'Бисенов',
    firstName: 'Ғалымжан',
    middleName: 'Төлегенұлы',
    birthDate: '1983-02-19',
    sex: 'male',
    serial: 7203,
    ...THERAPIST,
    locale: 'kk',
    section: '1',
  },
  {
    organization: 'aktau-pc-2',
    department: 'general_practice',
    role: 'doctor',
    login: 'doctor2-2',
    lastName: 'Нұрмағанбетова',
    firstName: 'Ақбота',
    middleName: 'Серікқызы',
    birthDate: '1990-09-04',
    sex: 'female',
    serial: 7204,
    ...GENERAL_PRACTITIONER,
    locale: 'kk',
    section: '2',
  },
  {
    organization: 'aktau-pc-2',
    department: 'general_practice',
    role: 'doctor',
    login: 'doctor2-3',
    lastName: 'Григорьев',
    firstName: 'Павел',
    middleName: 'Сергеевич',
    birthDate: '1974-06-11',
    sex: 'male',
    serial: 7205,
    ...GENERAL_PRACTITIONER,
    locale: 'ru',
    section: '3',
  },
  {
    organization: 'aktau-pc-2',
    department: 'pediatrics',
    role: 'doctor',
    login: 'doctor2-4',
    lastName: 'Тасмағамбетова',
    firstName: 'Гаухар',
    middleName: 'Жанатқызы',
    birthDate: '1986-01-28',
    sex: 'female',
    serial: 7206,
    ...PAEDIATRICIAN,
    locale: 'kk',
    section: '4',
  },
  {
    organization: 'aktau-pc-2',
    department: 'therapy',
    role: 'head',
    login: 'head2',
    lastName: 'Ізбасаров',
    firstName: 'Марат',
    middleName: 'Ерланұлы',
    birthDate: '1971-03-09',
    sex: 'male',
    serial: 7207,
    ...THERAPIST,
    locale: 'kk',
    section: null,
  },
  {
    organization: 'aktau-pc-2',
    department: 'pediatrics',
    role: 'head',
    login: 'head2-peds',
    lastName: 'Шамшиева',
    firstName: 'Лаура',
    middleName: 'Болатқызы',
    birthDate: '1975-11-17',
    sex: 'female',
    serial: 7208,
    ...PAEDIATRICIAN,
    locale: 'kk',
    section: null,
  },
  {
    organization: 'aktau-pc-2',
    department: 'administration',
    role: 'chief',
    login: 'chief2',
    lastName: 'Құдайбергенова',
    firstName: 'Мәншүк',
    middleName: 'Әбдірахманқызы',
    birthDate: '1965-04-22',
    sex: 'female',
    serial: 7209,
    ...HEALTH_MANAGER,
    locale: 'kk',
    section: null,
  },
  // Issue 16: the doctor of each registry centre, who keeps its registry of dynamic observation.
  {
    organization: 'mangystau-tb',
    department: 'dispensary',
    role: 'dispensary_doctor',
    login: 'tb1',
    lastName: 'Сүлейменова',
    firstName: 'Гаухар',
    middleName: 'Маратқызы',
    birthDate: '1981-02-17',
    sex: 'female',
    serial: 7401,
    specialtyKk: 'Фтизиатр',
    specialtyRu: 'Фтизиатр',
    locale: 'kk',
    section: null,
  },
  {
    organization: 'mangystau-mh',
    department: 'dispensary',
    role: 'dispensary_doctor',
    login: 'mh1',
    lastName: 'Николаева',
    firstName: 'Анна',
    middleName: 'Викторовна',
    birthDate: '1979-10-05',
    sex: 'female',
    serial: 7402,
    specialtyKk: 'Психиатр',
    specialtyRu: 'Психиатр',
    locale: 'ru',
    section: null,
  },
  {
    organization: 'mangystau-narco',
    department: 'dispensary',
    role: 'dispensary_doctor',
    login: 'narco1',
    lastName: 'Жұмабеков',
    firstName: 'Ерлан',
    middleName: 'Сапарұлы',
    birthDate: '1976-06-30',
    sex: 'male',
    serial: 7403,
    specialtyKk: 'Нарколог',
    specialtyRu: 'Нарколог',
    locale: 'kk',
    section: null,
  },
  // The region's health department: its administrator keeps the working-day calendar (issue 15).
  {
    organization: 'mangystau-health',
    department: 'administration',
    role: 'region_admin',
    login: 'admin1',
    lastName: 'Тәжібаев',
    firstName: 'Асқар',
    middleName: 'Ержанұлы',
    birthDate: '1978-09-03',
    sex: 'male',
    serial: 7301,
    ...HEALTH_MANAGER,
    locale: 'kk',
    section: null,
  },
]

export const demoStaff: (DemoStaffMember & { iin: string })[] = staffSeeds.map((s) => ({
  ...s,
  iin: makeIin({ birthDate: s.birthDate, sex: s.sex, serial: s.serial }),
}))

// ---------------------------------------------------------------------------------------------
// Patients: 50 people living in Aktau. Kazakh-speaking patients have the address in Kazakh,
// the others in Russian. Children (under 18 on DEMO_REFERENCE_DATE) have no phone of their own
// unless they are teenagers.

const patientSeeds: DemoPatientSeed[] = [
  // Family A (aktau-pc-1): mother, father and two children, 3rd micro-district.
  {
    key: 'aigul',
    lastName: 'Жұмабаева',
    firstName: 'Айгүл',
    middleName: 'Серікқызы',
    birthDate: '1992-03-14',
    sex: 'female',
    serial: 1,
    status: 'citizen',
    address: 'Ақтау қ., 3 шағын аудан, 18 үй, 45 пәтер',
    phone: '+77015550101',
    locale: 'kk',
  },
  {
    key: 'erlan',
    lastName: 'Нұрланов',
    firstName: 'Ерлан',
    middleName: 'Болатұлы',
    birthDate: '1989-11-02',
    sex: 'male',
    serial: 2,
    status: 'citizen',
    address: 'Ақтау қ., 3 шағын аудан, 18 үй, 45 пәтер',
    phone: '+77015550102',
    locale: 'kk',
  },
  {
    key: 'aruzhan',
    lastName: 'Нұрланова',
    firstName: 'Аружан',
    middleName: 'Ерланқызы',
    birthDate: '2016-09-02',
    sex: 'female',
    serial: 8,
    status: 'citizen',
    address: 'Ақтау қ., 3 шағын аудан, 18 үй, 45 пәтер',
    phone: null,
    locale: 'kk',
  },
  {
    key: 'nurasyl',
    lastName: 'Нұрланов',
    firstName: 'Нұрасыл',
    middleName: 'Ерланұлы',
    birthDate: '2023-06-15',
    sex: 'male',
    serial: 11,
    status: 'citizen',
    address: 'Ақтау қ., 3 шағын аудан, 18 үй, 45 пәтер',
    phone: null,
    locale: 'kk',
  },
  // Family B (aktau-pc-1): mother and a newborn, 7th micro-district.
  {
    key: 'dana',
    lastName: 'Сейітова',
    firstName: 'Дана',
    middleName: 'Маратқызы',
    birthDate: '1998-05-21',
    sex: 'female',
    serial: 14,
    status: 'citizen',
    address: 'Ақтау қ., 7 шағын аудан, 2 үй, 61 пәтер',
    phone: '+77475550105',
    locale: 'kk',
  },
  {
    key: 'alikhan',
    lastName: 'Сейітов',
    firstName: 'Әлихан',
    middleName: 'Тимурұлы',
    birthDate: '2026-11-10',
    sex: 'male',
    serial: 17,
    status: 'citizen',
    address: 'Ақтау қ., 7 шағын аудан, 2 үй, 61 пәтер',
    phone: null,
    locale: 'kk',
  },
  // Family C (aktau-pc-2): mother and son, 12th micro-district, Russian-speaking.
  {
    key: 'olga',
    lastName: 'Иванова',
    firstName: 'Ольга',
    middleName: 'Петровна',
    birthDate: '1985-08-09',
    sex: 'female',
    serial: 20,
    status: 'citizen',
    address: 'г. Актау, 12 мкр., д. 5, кв. 34',
    phone: '+77775550107',
    locale: 'ru',
  },
  {
    key: 'maksim',
    lastName: 'Иванов',
    firstName: 'Максим',
    middleName: 'Андреевич',
    birthDate: '2012-04-20',
    sex: 'male',
    serial: 23,
    status: 'citizen',
    address: 'г. Актау, 12 мкр., д. 5, кв. 34',
    phone: null,
    locale: 'ru',
  },
  // Grandmother and the grandson under her guardianship (aktau-pc-1), 5th micro-district.
  {
    key: 'saule',
    lastName: 'Төлегенова',
    firstName: 'Сәуле',
    middleName: 'Қайратқызы',
    birthDate: '1958-02-11',
    sex: 'female',
    serial: 26,
    status: 'citizen',
    address: 'Ақтау қ., 5 шағын аудан, 9 үй, 12 пәтер',
    phone: '+77025550109',
    locale: 'kk',
  },
  {
    key: 'daniyar',
    lastName: 'Төлегенов',
    firstName: 'Данияр',
    middleName: 'Асқарұлы',
    birthDate: '2014-01-27',
    sex: 'male',
    serial: 29,
    status: 'citizen',
    address: 'Ақтау қ., 5 шағын аудан, 9 үй, 12 пәтер',
    phone: null,
    locale: 'kk',
  },
  // Kandas family from Karakalpakstan (aktau-pc-2), 27th micro-district.
  {
    key: 'maksat',
    lastName: 'Әбдіқадыров',
    firstName: 'Мақсат',
    middleName: 'Жұмабайұлы',
    birthDate: '1980-12-03',
    sex: 'male',
    serial: 32,
    status: 'kandas',
    address: 'Ақтау қ., 27 шағын аудан, 14 үй, 8 пәтер',
    phone: '+77085550111',
    locale: 'kk',
  },
  {
    key: 'gulnar',
    lastName: 'Әбдіқадырова',
    firstName: 'Гүлнар',
    middleName: 'Оразқызы',
    birthDate: '1983-04-17',
    sex: 'female',
    serial: 35,
    status: 'kandas',
    address: 'Ақтау қ., 27 шағын аудан, 14 үй, 8 пәтер',
    phone: '+77085550112',
    locale: 'kk',
  },
  {
    key: 'zhansaya',
    lastName: 'Әбдіқадырова',
    firstName: 'Жансая',
    middleName: 'Мақсатқызы',
    birthDate: '2010-07-08',
    sex: 'female',
    serial: 38,
    status: 'kandas',
    address: 'Ақтау қ., 27 шағын аудан, 14 үй, 8 пәтер',
    phone: '+77085550113',
    locale: 'kk',
  },
  // Father and teenage daughter (aktau-pc-1), 9th micro-district, Russian-speaking.
  {
    key: 'sergey',
    lastName: 'Ким',
    firstName: 'Сергей',
    middleName: 'Викторович',
    birthDate: '1978-06-25',
    sex: 'male',
    serial: 41,
    status: 'citizen',
    address: 'г. Актау, 9 мкр., д. 21, кв. 70',
    phone: '+77055550114',
    locale: 'ru',
  },
  {
    key: 'alina',
    lastName: 'Ким',
    firstName: 'Алина',
    middleName: 'Сергеевна',
    birthDate: '2009-03-30',
    sex: 'female',
    serial: 44,
    status: 'citizen',
    address: 'г. Актау, 9 мкр., д. 21, кв. 70',
    phone: '+77055550115',
    locale: 'ru',
  },
  // Mother and daughter (aktau-pc-2), 17th micro-district.
  {
    key: 'lazzat',
    lastName: 'Досжанова',
    firstName: 'Ләззат',
    middleName: 'Ерболқызы',
    birthDate: '1994-10-19',
    sex: 'female',
    serial: 47,
    status: 'citizen',
    address: 'Ақтау қ., 17 шағын аудан, 6 үй, 27 пәтер',
    phone: '+77765550116',
    locale: 'kk',
  },
  {
    key: 'aisha',
    lastName: 'Досжанова',
    firstName: 'Айша',
    middleName: 'Ғалымқызы',
    birthDate: '2019-12-05',
    sex: 'female',
    serial: 50,
    status: 'citizen',
    address: 'Ақтау қ., 17 шағын аудан, 6 үй, 27 пәтер',
    phone: null,
    locale: 'kk',
  },
  // Mother and son (aktau-pc-2), 28th micro-district, Russian-speaking.
  {
    key: 'yulia',
    lastName: 'Петренко',
    firstName: 'Юлия',
    middleName: 'Александровна',
    birthDate: '1991-01-23',
    sex: 'female',
    serial: 53,
    status: 'citizen',
    address: 'г. Актау, 28 мкр., д. 33, кв. 15',
    phone: '+77715550118',
    locale: 'ru',
  },
  {
    key: 'artyom',
    lastName: 'Петренко',
    firstName: 'Артём',
    middleName: 'Денисович',
    birthDate: '2021-02-18',
    sex: 'male',
    serial: 56,
    status: 'citizen',
    address: 'г. Актау, 28 мкр., д. 33, кв. 15',
    phone: null,
    locale: 'ru',
  },
  // Father and son (aktau-pc-2), 14th micro-district.
  {
    key: 'bauyrzhan',
    lastName: 'Құрманғалиев',
    firstName: 'Бауыржан',
    middleName: 'Серікұлы',
    birthDate: '1986-07-30',
    sex: 'male',
    serial: 59,
    status: 'citizen',
    address: 'Ақтау қ., 14 шағын аудан, 40 үй, 52 пәтер',
    phone: '+77075550120',
    locale: 'kk',
  },
  {
    key: 'yerasyl',
    lastName: 'Құрманғалиев',
    firstName: 'Ерасыл',
    middleName: 'Бауыржанұлы',
    birthDate: '2015-10-11',
    sex: 'male',
    serial: 62,
    status: 'citizen',
    address: 'Ақтау қ., 14 шағын аудан, 40 үй, 52 пәтер',
    phone: null,
    locale: 'kk',
  },
  // Other adults attached to aktau-pc-1.
  {
    key: 'galym',
    lastName: 'Оспанов',
    firstName: 'Ғалым',
    middleName: 'Жақсылықұлы',
    birthDate: '1955-09-14',
    sex: 'male',
    serial: 65,
    status: 'citizen',
    address: 'Ақтау қ., 2 шағын аудан, 31 үй, 4 пәтер',
    phone: '+77015550122',
    locale: 'kk',
  },
  {
    key: 'kulpash',
    lastName: 'Байжанова',
    firstName: 'Күлпаш',
    middleName: 'Әбенқызы',
    birthDate: '1952-04-03',
    sex: 'female',
    serial: 68,
    status: 'citizen',
    address: 'Ақтау қ., 4 шағын аудан, 12 үй, 19 пәтер',
    phone: '+77025550123',
    locale: 'kk',
  },
  {
    key: 'valentina',
    lastName: 'Петрова',
    firstName: 'Валентина',
    middleName: 'Николаевна',
    birthDate: '1954-12-28',
    sex: 'female',
    serial: 71,
    status: 'citizen',
    address: 'г. Актау, 1 мкр., д. 7, кв. 23',
    phone: '+77055550124',
    locale: 'ru',
  },
  {
    key: 'nikolay',
    lastName: 'Сергеев',
    firstName: 'Николай',
    middleName: 'Иванович',
    birthDate: '1957-07-07',
    sex: 'male',
    serial: 74,
    status: 'citizen',
    address: 'г. Актау, 10 мкр., д. 4, кв. 56',
    phone: '+77775550125',
    locale: 'ru',
  },
  {
    key: 'arman',
    lastName: 'Жақсыбеков',
    firstName: 'Арман',
    middleName: 'Қуанышұлы',
    birthDate: '1990-02-14',
    sex: 'male',
    serial: 77,
    status: 'citizen',
    address: 'Ақтау қ., 6 шағын аудан, 27 үй, 90 пәтер',
    phone: '+77475550126',
    locale: 'kk',
  },
  {
    key: 'dinara',
    lastName: 'Ермекова',
    firstName: 'Динара',
    middleName: 'Талғатқызы',
    birthDate: '1987-05-30',
    sex: 'female',
    serial: 80,
    status: 'citizen',
    address: 'Ақтау қ., 8 шағын аудан, 15 үй, 38 пәтер',
    phone: '+77015550127',
    locale: 'kk',
  },
  {
    // Citizen of the Russian Federation with a permanent residence permit.
    key: 'aleksey',
    lastName: 'Смирнов',
    firstName: 'Алексей',
    middleName: 'Игоревич',
    birthDate: '1975-03-12',
    sex: 'male',
    serial: 83,
    status: 'foreigner',
    residence: 'permanent',
    address: 'г. Актау, 5 мкр., д. 30, кв. 11',
    phone: '+77785550128',
    locale: 'ru',
  },
  {
    key: 'azamat',
    lastName: 'Қасымов',
    firstName: 'Азамат',
    middleName: 'Ринатұлы',
    birthDate: '2001-08-19',
    sex: 'male',
    serial: 86,
    status: 'citizen',
    address: 'Ақтау қ., 2 шағын аудан, 6 үй, 15 пәтер',
    phone: '+77075550129',
    locale: 'kk',
  },
  {
    key: 'zhanar',
    lastName: 'Бекмағанбетова',
    firstName: 'Жанар',
    middleName: 'Сапарқызы',
    birthDate: '1969-11-25',
    sex: 'female',
    serial: 89,
    status: 'citizen',
    address: 'Ақтау қ., 7 шағын аудан, 11 үй, 3 пәтер',
    phone: '+77025550130',
    locale: 'kk',
  },
  {
    key: 'nurbol',
    lastName: 'Тұрсынов',
    firstName: 'Нұрбол',
    middleName: 'Ерікұлы',
    birthDate: '1996-01-05',
    sex: 'male',
    serial: 92,
    status: 'citizen',
    address: 'Ақтау қ., 4 шағын аудан, 44 үй, 72 пәтер',
    phone: '+77765550131',
    locale: 'kk',
  },
  {
    key: 'elena',
    lastName: 'Кузнецова',
    firstName: 'Елена',
    middleName: 'Викторовна',
    birthDate: '1982-09-09',
    sex: 'female',
    serial: 95,
    status: 'citizen',
    address: 'г. Актау, 3 мкр., д. 2, кв. 48',
    phone: '+77055550132',
    locale: 'ru',
  },
  {
    // Stateless person with a permanent residence permit.
    key: 'ruslan',
    lastName: 'Гасанов',
    firstName: 'Руслан',
    middleName: 'Алиевич',
    birthDate: '1979-02-22',
    sex: 'male',
    serial: 98,
    status: 'stateless',
    residence: 'permanent',
    address: 'г. Актау, 9 мкр., д. 13, кв. 9',
    phone: '+77085550133',
    locale: 'ru',
  },
  {
    key: 'meruert',
    lastName: 'Сәрсенбаева',
    firstName: 'Меруерт',
    middleName: 'Асқарқызы',
    birthDate: '1999-03-08',
    sex: 'female',
    serial: 101,
    status: 'citizen',
    address: 'Ақтау қ., 6 шағын аудан, 3 үй, 24 пәтер',
    phone: '+77475550134',
    locale: 'kk',
  },
  // Other adults attached to aktau-pc-2.
  {
    key: 'nurzhan',
    lastName: 'Серікбаев',
    firstName: 'Нұржан',
    middleName: 'Қанатұлы',
    birthDate: '1984-05-16',
    sex: 'male',
    serial: 104,
    status: 'citizen',
    address: 'Ақтау қ., 11 шағын аудан, 20 үй, 66 пәтер',
    phone: '+77015550135',
    locale: 'kk',
  },
  {
    key: 'gulzhan',
    lastName: 'Абдрахманова',
    firstName: 'Гүлжан',
    middleName: 'Бақытқызы',
    birthDate: '1951-10-01',
    sex: 'female',
    serial: 107,
    status: 'citizen',
    address: 'Ақтау қ., 15 шағын аудан, 8 үй, 5 пәтер',
    phone: '+77025550136',
    locale: 'kk',
  },
  {
    key: 'viktor',
    lastName: 'Федоров',
    firstName: 'Виктор',
    middleName: 'Павлович',
    birthDate: '1953-01-19',
    sex: 'male',
    serial: 110,
    status: 'citizen',
    address: 'г. Актау, 26 мкр., д. 17, кв. 41',
    phone: '+77775550137',
    locale: 'ru',
  },
  {
    key: 'madina',
    lastName: 'Өтегенова',
    firstName: 'Мадина',
    middleName: 'Бақытжанқызы',
    birthDate: '1993-07-27',
    sex: 'female',
    serial: 113,
    status: 'citizen',
    address: 'Ақтау қ., 19 шағын аудан, 1 үй, 99 пәтер',
    phone: '+77475550138',
    locale: 'kk',
  },
  {
    key: 'yerkanat',
    lastName: 'Жанғалиев',
    firstName: 'Ерқанат',
    middleName: 'Сағынұлы',
    birthDate: '1972-12-12',
    sex: 'male',
    serial: 116,
    status: 'citizen',
    address: 'Ақтау қ., 29 шағын аудан, 10 үй, 20 пәтер',
    phone: '+77085550139',
    locale: 'kk',
  },
  {
    key: 'irina',
    lastName: 'Попова',
    firstName: 'Ирина',
    middleName: 'Сергеевна',
    birthDate: '1988-02-29',
    sex: 'female',
    serial: 119,
    status: 'citizen',
    address: 'г. Актау, 14 мкр., д. 56, кв. 2',
    phone: '+77055550140',
    locale: 'ru',
  },
  {
    key: 'timur',
    lastName: 'Ахметов',
    firstName: 'Тимур',
    middleName: 'Русланович',
    birthDate: '2003-04-11',
    sex: 'male',
    serial: 122,
    status: 'citizen',
    address: 'г. Актау, 17 мкр., д. 9, кв. 64',
    phone: '+77715550141',
    locale: 'ru',
  },
  {
    key: 'akmaral',
    lastName: 'Есенғалиева',
    firstName: 'Ақмарал',
    middleName: 'Жолдасқызы',
    birthDate: '1961-06-06',
    sex: 'female',
    serial: 125,
    status: 'citizen',
    address: 'Ақтау қ., 12 шағын аудан, 25 үй, 7 пәтер',
    phone: '+77015550142',
    locale: 'kk',
  },
  {
    key: 'dauren',
    lastName: 'Қалиев',
    firstName: 'Дәурен',
    middleName: 'Маратұлы',
    birthDate: '1997-09-23',
    sex: 'male',
    serial: 128,
    status: 'citizen',
    address: 'Ақтау қ., 27 шағын аудан, 2 үй, 81 пәтер',
    phone: '+77765550143',
    locale: 'kk',
  },
  {
    key: 'svetlana',
    lastName: 'Морозова',
    firstName: 'Светлана',
    middleName: 'Андреевна',
    birthDate: '1966-08-14',
    sex: 'female',
    serial: 131,
    status: 'citizen',
    address: 'г. Актау, 15 мкр., д. 11, кв. 30',
    phone: '+77775550144',
    locale: 'ru',
  },
  // Not attached anywhere.
  {
    // Moved from Zhanaozen; lives in aktau-pc-1's area but has not chosen a clinic yet.
    key: 'aidos',
    lastName: 'Бекболатов',
    firstName: 'Айдос',
    middleName: 'Серікұлы',
    birthDate: '1995-04-02',
    sex: 'male',
    serial: 134,
    status: 'citizen',
    address: 'Ақтау қ., 2 шағын аудан, 11 үй, 7 пәтер',
    phone: '+77075550145',
    locale: 'kk',
  },
  {
    // Recognised refugee from Afghanistan; no patronymic.
    key: 'farid',
    lastName: 'Ахмади',
    firstName: 'Фарид',
    middleName: null,
    birthDate: '1988-01-01',
    sex: 'male',
    serial: 137,
    status: 'refugee',
    address: 'г. Актау, 14 мкр., д. 22, кв. 3',
    phone: '+77785550146',
    locale: 'ru',
  },
  {
    // Kandas who arrived in 2026; not attached yet.
    key: 'yerbolat',
    lastName: 'Тұрсынбаев',
    firstName: 'Ерболат',
    middleName: 'Қуатұлы',
    birthDate: '1976-10-30',
    sex: 'male',
    serial: 140,
    status: 'kandas',
    address: 'Ақтау қ., 32 шағын аудан, 5 үй, 16 пәтер',
    phone: '+77085550147',
    locale: 'kk',
  },
  {
    key: 'asem',
    lastName: 'Мұратова',
    firstName: 'Әсем',
    middleName: 'Болатқызы',
    birthDate: '2000-12-21',
    sex: 'female',
    serial: 143,
    status: 'citizen',
    address: 'Ақтау қ., 11 шағын аудан, 3 үй, 58 пәтер',
    phone: '+77475550148',
    locale: 'kk',
  },
  {
    key: 'dmitriy',
    lastName: 'Васильев',
    firstName: 'Дмитрий',
    middleName: 'Олегович',
    birthDate: '1983-05-04',
    sex: 'male',
    serial: 146,
    status: 'citizen',
    address: 'г. Актау, 8 мкр., д. 19, кв. 77',
    phone: '+77055550149',
    locale: 'ru',
  },
  {
    key: 'roza',
    lastName: 'Жолдасова',
    firstName: 'Роза',
    middleName: 'Кенжеқызы',
    birthDate: '1956-03-18',
    sex: 'female',
    serial: 149,
    status: 'citizen',
    address: 'Ақтау қ., 26 шағын аудан, 23 үй, 10 пәтер',
    phone: '+77025550150',
    locale: 'kk',
  },
  {
    // Lives in a border territory (Munaily district, next to Aktau): may choose an Aktau clinic (p.17).
    key: 'samat',
    lastName: 'Оспанов',
    firstName: 'Самат',
    middleName: 'Ерланұлы',
    birthDate: '1991-07-22',
    sex: 'male',
    serial: 152,
    status: 'citizen',
    address: 'Маңғыстау обл., Мұнайлы ауд., Маңғыстау а., Достық к., 12 үй',
    phone: '+77015550152',
    locale: 'kk',
    residenceUnit: 'munaily',
  },
  {
    // Lives in Zhanaozen, a city of its own: Aktau clinics are outside his unit (p.31(2)).
    key: 'bauyrzhan',
    lastName: 'Төлегенов',
    firstName: 'Бауыржан',
    middleName: 'Маратұлы',
    birthDate: '1987-02-09',
    sex: 'male',
    serial: 155,
    status: 'citizen',
    address: 'Маңғыстау обл., Жаңаөзен қ., Самал ш/а, 7 үй, 15 пәтер',
    phone: '+77015550155',
    locale: 'kk',
    residenceUnit: 'zhanaozen',
  },
  // Three people of aktau-pc-1 living in aktau-pc-2's area, whom a Fund protocol re-attaches to aktau-pc-2 in the e2e
  // suite (p.35); Beibit has no phone, so the clinic notifies him in writing (p.36).
  {
    key: 'kairat',
    lastName: 'Ибраев',
    firstName: 'Қайрат',
    middleName: 'Асқарұлы',
    birthDate: '1979-08-14',
    sex: 'male',
    serial: 158,
    status: 'citizen',
    address: 'Ақтау қ., 12 шағын аудан, 40 үй, 21 пәтер',
    phone: '+77015550158',
    locale: 'kk',
  },
  {
    key: 'lyudmila',
    lastName: 'Ковалёва',
    firstName: 'Людмила',
    middleName: 'Петровна',
    birthDate: '1968-12-01',
    sex: 'female',
    serial: 161,
    status: 'citizen',
    address: 'г. Актау, 14 мкр., д. 6, кв. 33',
    phone: '+77055550161',
    locale: 'ru',
  },
  {
    key: 'beibit',
    lastName: 'Сәрсенов',
    firstName: 'Бейбіт',
    middleName: 'Төлеуұлы',
    birthDate: '1950-03-27',
    sex: 'male',
    serial: 164,
    status: 'citizen',
    address: 'Ақтау қ., 11 шағын аудан, 9 үй, 4 пәтер',
    phone: null,
    locale: 'kk',
  },
  // Attached to aktau-pc-1, section 1 (doctor1) by the request engine on first start: their requests were submitted
  // and approved by registrar1, so doctor1's signing inbox holds their four attachment notices (demoSigningInbox).
  {
    key: 'signA',
    lastName: 'Әбдірахманова',
    firstName: 'Жанар',
    middleName: 'Серікқызы',
    birthDate: '1987-07-09',
    sex: 'female',
    serial: 167,
    status: 'citizen',
    address: 'Ақтау қ., 4 шағын аудан, 12 үй, 21 пәтер',
    phone: '+77015550170',
    locale: 'kk',
  },
  {
    key: 'signB',
    lastName: 'Петров',
    firstName: 'Андрей',
    middleName: 'Викторович',
    birthDate: '1979-02-15',
    sex: 'male',
    serial: 170,
    status: 'citizen',
    address: 'г. Актау, 5 мкр., д. 7, кв. 44',
    phone: '+77055550171',
    locale: 'ru',
  },
  {
    key: 'signC',
    lastName: 'Қайратұлы',
    firstName: 'Нұрлан',
    middleName: null,
    birthDate: '1993-11-30',
    sex: 'male',
    serial: 173,
    status: 'citizen',
    address: 'Ақтау қ., 3 шағын аудан, 18 үй, 9 пәтер',
    phone: '+77475550172',
    locale: 'kk',
  },
  {
    key: 'signD',
    lastName: 'Ким',
    firstName: 'Елена',
    middleName: 'Сергеевна',
    birthDate: '1984-05-21',
    sex: 'female',
    serial: 176,
    status: 'citizen',
    address: 'г. Актау, 6 мкр., д. 2, кв. 15',
    phone: '+77015550173',
    locale: 'ru',
  },
  {
    // A citizen of Kyrgyzstan staying temporarily (a migrant worker of the EAEU, p.7): attaches only under an
    // insurance contract, at the desk (p.6, p.27 para 2, p.28).
    key: 'temirlan',
    lastName: 'Асанов',
    firstName: 'Темирлан',
    middleName: 'Бакытович',
    birthDate: '1994-06-17',
    sex: 'male',
    serial: 179,
    status: 'foreigner',
    residence: 'temporary',
    address: 'г. Актау, 12 мкр., д. 4, кв. 21',
    phone: '+77715550174',
    locale: 'ru',
  },
]

export const demoPatientList: DemoPatient[] = patientSeeds.map((p) => ({
  ...p,
  iin: makeIin({ birthDate: p.birthDate, sex: p.sex, serial: p.serial }),
}))

// ---------------------------------------------------------------------------------------------
// Legal representatives of the children.

const parent = (representative: string, child: string, birthDate: string): DemoRepresentative => ({
  child,
  representative,
  basis: 'parent',
  documentNote: null,
  validFrom: birthDate,
  validTo: null,
})

export const demoRepresentatives: DemoRepresentative[] = [
  parent('aigul', 'aruzhan', '2016-09-02'),
  parent('aigul', 'nurasyl', '2023-06-15'),
  parent('erlan', 'aruzhan', '2016-09-02'),
  parent('erlan', 'nurasyl', '2023-06-15'),
  parent('dana', 'alikhan', '2026-11-10'),
  parent('olga', 'maksim', '2012-04-20'),
  {
    child: 'daniyar',
    representative: 'saule',
    basis: 'guardian',
    documentNote: 'Қорғаншылық туралы шешім №123, 2024-05-02',
    validFrom: '2024-05-02',
    validTo: null,
  },
  parent('maksat', 'zhansaya', '2010-07-08'),
  parent('gulnar', 'zhansaya', '2010-07-08'),
  parent('sergey', 'alina', '2009-03-30'),
  parent('lazzat', 'aisha', '2019-12-05'),
  parent('yulia', 'artyom', '2021-02-18'),
  parent('bauyrzhan', 'yerasyl', '2015-10-11'),
]

// ---------------------------------------------------------------------------------------------
// Attachments. One active attachment for 44 patients; three of them also have an ended earlier
// attachment to the other clinic; six patients (aidos, farid, yerbolat, asem, dmitriy, roza) have none.

const active = (
  patient: string,
  organization: string,
  section: string,
  basis: AttachmentBasis,
  validFrom: string,
): DemoAttachment => ({ patient, organization, section, basis, status: 'active', validFrom, validTo: null })

const ended = (
  patient: string,
  organization: string,
  section: string,
  basis: AttachmentBasis,
  validFrom: string,
  validTo: string,
): DemoAttachment => ({ patient, organization, section, basis, status: 'ended', validFrom, validTo })

export const demoAttachments: DemoAttachment[] = [
  // aktau-pc-1
  active('aigul', 'aktau-pc-1', '1', 'residence_change', '2023-02-01'),
  active('erlan', 'aktau-pc-1', '1', 'residence_change', '2023-02-01'),
  active('aruzhan', 'aktau-pc-1', '4', 'residence_change', '2023-02-01'),
  active('nurasyl', 'aktau-pc-1', '4', 'free_choice', '2023-06-20'),
  active('dana', 'aktau-pc-1', '3', 'free_choice', '2024-08-15'),
  active('alikhan', 'aktau-pc-1', '5', 'free_choice', '2026-11-12'),
  active('saule', 'aktau-pc-1', '2', 'residence_change', '2023-01-10'),
  active('daniyar', 'aktau-pc-1', '4', 'residence_change', '2024-05-10'),
  active('sergey', 'aktau-pc-1', '3', 'free_choice', '2023-05-15'),
  active('alina', 'aktau-pc-1', '5', 'free_choice', '2023-05-15'),
  ended('galym', 'aktau-pc-2', '1', 'free_choice', '2021-01-15', '2023-03-31'),
  active('galym', 'aktau-pc-1', '1', 'residence_change', '2023-04-01'),
  active('kulpash', 'aktau-pc-1', '2', 'residence_change', '2023-01-16'),
  active('valentina', 'aktau-pc-1', '1', 'free_choice', '2023-10-02'),
  active('nikolay', 'aktau-pc-1', '3', 'residence_change', '2024-01-22'),
  active('arman', 'aktau-pc-1', '2', 'free_choice', '2024-03-11'),
  ended('dinara', 'aktau-pc-2', '2', 'residence_change', '2020-06-01', '2024-06-30'),
  active('dinara', 'aktau-pc-1', '3', 'residence_change', '2024-07-01'),
  active('aleksey', 'aktau-pc-1', '2', 'free_choice', '2025-01-20'),
  active('azamat', 'aktau-pc-1', '1', 'free_choice', '2025-09-15'),
  active('zhanar', 'aktau-pc-1', '3', 'residence_change', '2023-04-03'),
  active('nurbol', 'aktau-pc-1', '2', 'residence_change', '2024-10-07'),
  active('elena', 'aktau-pc-1', '1', 'free_choice', '2023-12-18'),
  active('ruslan', 'aktau-pc-1', '3', 'free_choice', '2025-06-10'),
  active('meruert', 'aktau-pc-1', '2', 'free_choice', '2026-02-02'),
  // aktau-pc-2
  active('olga', 'aktau-pc-2', '1', 'free_choice', '2023-09-01'),
  active('maksim', 'aktau-pc-2', '4', 'free_choice', '2023-09-01'),
  active('maksat', 'aktau-pc-2', '3', 'residence_change', '2025-03-01'),
  active('gulnar', 'aktau-pc-2', '3', 'residence_change', '2025-03-01'),
  active('zhansaya', 'aktau-pc-2', '4', 'residence_change', '2025-03-01'),
  active('lazzat', 'aktau-pc-2', '2', 'residence_change', '2024-02-05'),
  active('aisha', 'aktau-pc-2', '4', 'residence_change', '2024-02-05'),
  active('yulia', 'aktau-pc-2', '3', 'free_choice', '2023-11-20'),
  active('artyom', 'aktau-pc-2', '4', 'free_choice', '2023-11-20'),
  active('bauyrzhan', 'aktau-pc-2', '1', 'residence_change', '2024-09-02'),
  active('yerasyl', 'aktau-pc-2', '4', 'residence_change', '2024-09-02'),
  active('nurzhan', 'aktau-pc-2', '1', 'residence_change', '2023-03-15'),
  active('gulzhan', 'aktau-pc-2', '2', 'residence_change', '2023-02-20'),
  ended('viktor', 'aktau-pc-1', '3', 'residence_change', '2018-04-02', '2025-08-31'),
  active('viktor', 'aktau-pc-2', '3', 'residence_change', '2025-09-01'),
  active('madina', 'aktau-pc-2', '2', 'free_choice', '2024-11-04'),
  active('yerkanat', 'aktau-pc-2', '3', 'residence_change', '2023-06-05'),
  active('irina', 'aktau-pc-2', '1', 'free_choice', '2025-04-14'),
  active('timur', 'aktau-pc-2', '2', 'free_choice', '2026-01-12'),
  active('akmaral', 'aktau-pc-2', '1', 'residence_change', '2023-08-07'),
  active('dauren', 'aktau-pc-2', '3', 'free_choice', '2025-10-20'),
  active('svetlana', 'aktau-pc-2', '2', 'residence_change', '2024-04-29'),
  // Re-attached to aktau-pc-2 by a Fund protocol in e2e/attachment-protocol.spec.ts.
  active('kairat', 'aktau-pc-1', '1', 'residence_change', '2022-05-16'),
  active('lyudmila', 'aktau-pc-1', '2', 'free_choice', '2024-02-12'),
  active('beibit', 'aktau-pc-1', '3', 'residence_change', '2021-09-06'),
]

// ---------------------------------------------------------------------------------------------
// The signing inbox on first start: attachment requests that go through the request engine as in production
// (submitted by the person on the portal, approved at the desk), so their documents are the real ones: each approval
// makes an attachment notice awaiting the section doctor's signature and a 064/e coupon awaiting the registrar's.

export interface DemoSignedAttachment {
  patient: string
  organization: string
  section: string
  basis: 'residence_change' | 'free_choice'
  /** Who approves it at the desk (a login). */
  registrar: string
}

export const demoSigningInbox: DemoSignedAttachment[] = (['signA', 'signB', 'signC', 'signD'] as const).map((patient, index) => ({
  patient,
  organization: 'aktau-pc-1',
  section: '1',
  basis: index === 1 ? 'free_choice' : 'residence_change',
  registrar: demoLogins.registrar,
}))
