// The large region of `npm run bench:scale`, generated inside PostgreSQL (insert … select generate_series): 60
// primary-care clinics with departments, sections, doctors and staff; N patients with valid IINs, Kazakh, Russian and
// Uzbek names (a few very common surnames), families and representatives; one active attachment for most of them;
// about N/2 requests over two years in every state with their events, documents and audit rows. Deterministic: every
// choice is a hash of the row's number, so two runs with the same --patients load the same region.
import type postgres from 'postgres'
import { createDatabase } from '../db/client'
import { addMonths } from '../lib/calendar'
import { makeBin } from '../lib/iin/bin'
import { ensureMonthRange } from '../lib/jobs/partitions'
import { monthsAhead, partitionedTables } from '../lib/partitions'

type Sql = postgres.Sql

export type LoadShape = { patients: number; attached: number; clinics: number; largestAttached: number }

export const clinicCount = 60
// Days of birth dates spread over 90 years; a patient's birth day is n mod D days before `bornBefore`.
const birthSpan = 32_850
const bornBefore = '2026-06-01'
const childDays = 18 * 365
// A multiplier that permutes 0..N-1 (prime, so coprime with any N below it), to scatter clinics over the patients.
const permutation = 1_000_003

// Surnames in the male form, most common first within each group; the skew (hash^1.4) makes the first few frequent.
const surnames = {
  kk: [
    'Нұрланов',
    'Ахметов',
    'Серікбаев',
    'Жұмабаев',
    'Омаров',
    'Сейтқалиев',
    'Қасымов',
    'Әбдірахманов',
    'Тоқтаров',
    'Бекмұхамбетов',
    'Мұхамеджанов',
    'Ермеков',
    'Сәрсенбаев',
    'Исабеков',
    'Әлімов',
    'Құдайбергенов',
    'Оспанов',
    'Байжанов',
    'Төлегенов',
    'Жақыпов',
    'Нұрмағамбетов',
    'Досмұхамедов',
    'Қуанышев',
    'Әбілов',
    'Садықов',
    'Есенов',
    'Мақсұтов',
    'Рахымжанов',
    'Шәріпов',
    'Ыбыраев',
    'Нұрпейісов',
    'Ғабитов',
    'Үсенов',
    'Бейсенов',
    'Темірханов',
    'Жанұзақов',
    'Қалиев',
    'Смағұлов',
    'Әуезов',
    'Байтұрсынов',
  ],
  ru: [
    'Иванов',
    'Смирнов',
    'Кузнецов',
    'Попов',
    'Васильев',
    'Петров',
    'Соколов',
    'Михайлов',
    'Новиков',
    'Фёдоров',
    'Морозов',
    'Волков',
    'Алексеев',
    'Лебедев',
    'Семёнов',
    'Егоров',
    'Павлов',
    'Козлов',
    'Степанов',
    'Николаев',
    'Орлов',
    'Андреев',
    'Макаров',
    'Никитин',
    'Захаров',
  ],
  uz: [
    'Юсупов',
    'Каримов',
    'Рахимов',
    'Усманов',
    'Ташматов',
    'Абдуллаев',
    'Исмаилов',
    'Хасанов',
    'Турсунов',
    'Мирзаев',
    'Холматов',
    'Эргашев',
    'Назаров',
    'Султанов',
    'Алимов',
  ],
}
const firstNames = {
  kk: {
    male: [
      'Нұрлан',
      'Ержан',
      'Асхат',
      'Дәулет',
      'Бауыржан',
      'Нұрсұлтан',
      'Ерлан',
      'Айбек',
      'Қанат',
      'Мұрат',
      'Арман',
      'Серік',
      'Дархан',
      'Ілияс',
      'Әлихан',
      'Жандос',
      'Талғат',
      'Руслан',
    ],
    female: [
      'Айгүл',
      'Гүлнара',
      'Әсел',
      'Жанар',
      'Нұргүл',
      'Динара',
      'Айжан',
      'Мөлдір',
      'Ақерке',
      'Салтанат',
      'Гүлжан',
      'Нұржамал',
      'Аружан',
      'Жұлдыз',
      'Ләззат',
      'Бағлан',
    ],
  },
  ru: {
    male: [
      'Александр',
      'Сергей',
      'Дмитрий',
      'Андрей',
      'Алексей',
      'Владимир',
      'Николай',
      'Евгений',
      'Игорь',
      'Михаил',
      'Олег',
      'Виктор',
    ],
    female: [
      'Елена',
      'Ольга',
      'Наталья',
      'Татьяна',
      'Ирина',
      'Светлана',
      'Анна',
      'Марина',
      'Екатерина',
      'Юлия',
      'Людмила',
      'Галина',
    ],
  },
  uz: {
    male: ['Рустам', 'Шерзод', 'Бахтиёр', 'Фаррух', 'Жахонгир', 'Улугбек', 'Ботир', 'Азиз', 'Санжар', 'Отабек'],
    female: ['Дилноза', 'Гулнора', 'Зарина', 'Мадина', 'Нилуфар', 'Шахноза', 'Феруза', 'Малика', 'Севара', 'Юлдуз'],
  },
}
const streets = [
  'Тәуке хан',
  'Қазыбек би',
  'Байтұрсынов',
  'Рысқұлов',
  'Жібек жолы',
  'Абай',
  'Төле би',
  'Республика',
  'Момышұлы',
  'Әл-Фараби',
  'Желтоқсан',
  'Сайрам',
]

type Step = (sql: Sql) => Promise<unknown>

// A text[] literal of fixed names (no quotes in them), written into the statement.
const literal = (values: string[]) => `(array[${values.map((v) => `'${v}'`).join(', ')}])`

async function step(sql: Sql, label: string, run: Step, log: (line: string) => void) {
  const started = performance.now()
  await run(sql)
  log(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

// Region shape from N: the attached share, the clinics' weights (clinic 1 the largest, about 5 % of the attached).
export function regionShape(patients: number): LoadShape {
  const attached = Math.floor(patients * 0.95)
  const weights = clinicWeights()
  return { patients, attached, clinics: clinicCount, largestAttached: Math.floor(attached * weights[0]!) }
}

function clinicWeights(): number[] {
  const raw = Array.from({ length: clinicCount }, (_, i) => Math.pow(i + 5, -0.7))
  const total = raw.reduce((a, b) => a + b, 0)
  return raw.map((w) => w / total)
}

export async function loadRegion(sql: Sql, patients: number, log: (line: string) => void): Promise<LoadShape> {
  if (patients < 70_000) throw new Error('--patients must be at least 70000 (families need two birth-span cycles)')
  if (patients % permutation === 0) throw new Error('--patients must not be a multiple of 1000003')
  const shape = regionShape(patients)
  const weights = clinicWeights()
  // Clinic i takes the attached patients whose permuted number falls in [start_i, end_i).
  let start = 0
  const ranges = weights.map((w, i) => {
    const size = i === clinicCount - 1 ? shape.attached - start : Math.floor(shape.attached * w)
    const range = {
      clinic: i + 1,
      start,
      size,
      sections: Math.max(2, Math.ceil(size / 2100)),
      registrars: Math.max(2, Math.round(size / 10_000)),
    }
    start += size
    return range
  })
  const N = patients
  const run = (label: string, body: Step) => step(sql, label, body, log)

  await run('functions', async (db) => {
    await db.unsafe(`
      create schema bench;
      -- A uniform number in [0, 1) from a row number and a salt.
      create function bench.u(n bigint, salt int) returns float8 immutable parallel safe language sql
        as $$ select (hashint8(n * 1000 + salt) & 2147483647)::float8 / 2147483648.0 $$;
      -- lib/iin: sum of the 11 digits of v times the weights, mod 11.
      create function bench.iin_sum(v bigint, w int[]) returns int immutable parallel safe language sql as $$
        select ((v / 10000000000) % 10 * w[1] + (v / 1000000000) % 10 * w[2] + (v / 100000000) % 10 * w[3]
          + (v / 10000000) % 10 * w[4] + (v / 1000000) % 10 * w[5] + (v / 100000) % 10 * w[6] + (v / 10000) % 10 * w[7]
          + (v / 1000) % 10 * w[8] + (v / 100) % 10 * w[9] + (v / 10) % 10 * w[10] + v % 10 * w[11])::int % 11 $$;
      create function bench.iin_control(v bigint) returns int immutable parallel safe language sql as $$
        select case when bench.iin_sum(v, '{1,2,3,4,5,6,7,8,9,10,11}') <> 10 then bench.iin_sum(v, '{1,2,3,4,5,6,7,8,9,10,11}')
                    when bench.iin_sum(v, '{3,4,5,6,7,8,9,10,11,1,2}') <> 10 then bench.iin_sum(v, '{3,4,5,6,7,8,9,10,11,1,2}') end $$;
      -- Crockford base32, 10 characters: a unique verification code from a unique 50-bit number.
      create function bench.b32(x bigint) returns text immutable parallel safe language sql as $$
        select substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((x >> 0) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((x >> 5) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((x >> 10) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((x >> 15) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((x >> 20) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((x >> 25) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((x >> 30) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((x >> 35) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((x >> 40) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((x >> 45) & 31)::int + 1, 1) $$;
      create function bench.pick(a text[], u float8) returns text immutable parallel safe language sql
        as $$ select a[1 + floor(u * array_length(a, 1))::int] $$;
      create function bench.female(surname text) returns text immutable parallel safe language sql
        as $$ select case when surname ~ '(ов|ев|ёв|ин)$' then surname || 'а' else surname end $$;
      -- The family a patient belongs to: a child (under 18) takes a parent 22 to 40 years older; adults are their own root.
      create function bench.parent_of(n bigint, total bigint) returns bigint immutable parallel safe language sql as $$
        select case when n + ${22 * 365} + (hashint8(n * 1000 + 7) & 2147483647) % ${18 * 365} > total
                    then n + ${22 * 365} + (hashint8(n * 1000 + 7) & 2147483647) % ${18 * 365} - ${2 * birthSpan}
                    else n + ${22 * 365} + (hashint8(n * 1000 + 7) & 2147483647) % ${18 * 365} end $$;
      create function bench.root_of(n bigint, total bigint) returns bigint immutable parallel safe language sql as $$
        select case when n % ${birthSpan} < ${childDays} then bench.parent_of(n, total) else n end $$;
    `)
  })

  await run('clinics, departments, sections, staff', async (db) => {
    // Each clinic a distinct valid BIN (the clinic's signature, standard row 4).
    const bins: string[] = []
    for (let serial = 1; bins.length < clinicCount; serial++) {
      const bin = makeBin({ yearMonth: '0701', serial })
      if (!bins.includes(bin)) bins.push(bin)
    }
    await db`
      insert into organizations (id, code, bin, type, name_kk, name_ru, region, city, address_kk, address_ru, phone, working_hours)
      overriding system value
      select i, 'pc-' || lpad(i::text, 3, '0'), (${bins}::text[])[i], 'primary_care', i || ' қалалық емхана', 'Городская поликлиника №' || i,
             'Түркістан облысы', 'Шымкент', 'Шымкент қ., ' || (${streets}::text[])[1 + i % 12] || ' көш., ' || i,
             'г. Шымкент, ул. ' || (${streets}::text[])[1 + i % 12] || ', ' || i, '+7725' || lpad((5000000 + i)::text, 7, '0'),
             '{"mon":{"from":"08:00","to":"20:00"},"tue":{"from":"08:00","to":"20:00"},"wed":{"from":"08:00","to":"20:00"},"thu":{"from":"08:00","to":"20:00"},"fri":{"from":"08:00","to":"20:00"},"sat":{"from":"09:00","to":"14:00"}}'
      from generate_series(1, ${clinicCount}) i`
    await db`select setval(pg_get_serial_sequence('organizations', 'id'), ${clinicCount})`
    await db`
      insert into departments (organization_id, kind, name_kk, name_ru)
      select o, k, initcap(k), initcap(k)
      from generate_series(1, ${clinicCount}) o,
           unnest(array['therapy', 'general_practice', 'pediatrics', 'registry', 'administration']) k`
    await db`create table bench.clinic_range (clinic int primary key, start bigint, size bigint, sections int, registrars int)`
    await db`insert into bench.clinic_range select * from json_to_recordset(${JSON.stringify(ranges)}::text::json)
             as t(clinic int, start bigint, size bigint, sections int, registrars int)`
    // Sections: therapy, general practice and pediatrics in turn; a norm of 2,200 people each.
    await db`
      insert into sections (organization_id, department_id, number, capacity_norm, territory_kk, territory_ru)
      select c.clinic, d.id, j::text, 2200, 'Шымкент қ., ' || j || ' учаске', 'г. Шымкент, участок ' || j
      from bench.clinic_range c cross join generate_series(1, c.sections) j
      join departments d on d.organization_id = c.clinic
        and d.kind = (array['therapy', 'general_practice', 'pediatrics'])[1 + (j - 1) % 3]
      order by c.clinic, j`
    await db`
      insert into staff (organization_id, department_id, role, login, password_hash, iin, last_name, first_name, specialty_kk, specialty_ru)
      select s.organization_id, s.department_id, 'doctor', 'c' || s.organization_id || '-doctor-' || s.number, 'bench', null,
             bench.pick(${surnames.kk}, bench.u(s.id, 1)), bench.pick(${firstNames.kk.male}, bench.u(s.id, 2)), 'Дәрігер', 'Врач'
      from sections s order by s.id`
    await db`insert into section_doctors (section_id, staff_id)
             select s.id, st.id from sections s join staff st on st.login = 'c' || s.organization_id || '-doctor-' || s.number`
    await db`
      insert into staff (organization_id, department_id, role, login, password_hash, last_name, first_name)
      select c.clinic, d.id, 'registrar', 'c' || c.clinic || '-registrar-' || j, 'bench',
             bench.pick(${surnames.ru}, bench.u(c.clinic * 100 + j, 3)), bench.pick(${firstNames.kk.female}, bench.u(c.clinic * 100 + j, 4))
      from bench.clinic_range c cross join generate_series(1, c.registrars) j
      join departments d on d.organization_id = c.clinic and d.kind = 'registry'`
    await db`
      insert into staff (organization_id, department_id, role, login, password_hash, last_name, first_name)
      select d.organization_id, d.id, 'head', 'c' || d.organization_id || '-head-' || d.kind, 'bench',
             bench.pick(${surnames.kk}, bench.u(d.id, 5)), bench.pick(${firstNames.kk.male}, bench.u(d.id, 6))
      from departments d where d.kind in ('therapy', 'general_practice', 'pediatrics')`
    await db`
      insert into staff (organization_id, role, login, password_hash, last_name, first_name)
      select i, 'chief', 'c' || i || '-chief', 'bench', 'Бас', 'Дәрігер' from generate_series(1, ${clinicCount}) i`
  })

  // Arrays are subscripted inline and each level is fenced (offset 0) so the helper functions are inlined over plain
  // columns: a SQL function whose argument is an expensive expression used twice runs through the function executor.
  const pickFrom = (groups: Record<'kk' | 'ru' | 'uz', string[]>, u: string) =>
    `case eth when 'kk' then ${literal(groups.kk)}[1 + floor(${u} * ${groups.kk.length})::int]
              when 'ru' then ${literal(groups.ru)}[1 + floor(${u} * ${groups.ru.length})::int]
              else ${literal(groups.uz)}[1 + floor(${u} * ${groups.uz.length})::int] end`
  const male = { kk: firstNames.kk.male, ru: firstNames.ru.male, uz: firstNames.uz.male }
  const female = { kk: firstNames.kk.female, ru: firstNames.ru.female, uz: firstNames.uz.female }
  await run(`patients (${N})`, async (db) => {
    await db.unsafe(`
      insert into patients (id, iin, last_name, first_name, middle_name, birth_date, sex, status, residence, address, phone, locale)
      overriding system value
      select n, to_char(birth, 'YYMMDD') || ((prefix / 10000) % 10)::text
                || lpad(((prefix % 10000) + case when c0 is not null then 0 when c1 is not null then 1 else 2 end)::text, 4, '0')
                || coalesce(c0, c1, c2)::text,
             case when sexbit = 0 then surname else bench.female(surname) end,
             case when sexbit = 0 then ${pickFrom(male, 'u11')} else ${pickFrom(female, 'u11')} end,
             case when u12 < 0.1 then null
                  when eth = 'kk' then father || case when sexbit = 0 then 'ұлы' else 'қызы' end
                  else father || case when sexbit = 0 then 'ович' else 'овна' end end,
             birth, case when sexbit = 0 then 'male' else 'female' end,
             case when u14 < 0.96 then 'citizen' when u14 < 0.99 then 'kandas' else 'foreigner' end,
             case when u14 < 0.99 then null when u14 < 0.996 then 'permanent' else 'temporary' end,
             'Шымкент қ., ' || ${literal(streets)}[1 + root % ${streets.length}] || ' көш., ' || (1 + root % 180) || ', '
               || (1 + root % 97) || ' пәтер',
             case when u16 < 0.75 then '+77' || lpad(((hashint8(n) & 2147483647) % 1000000000)::text, 9, '0') end,
             case when eth = 'kk' then 'kk' else 'ru' end
      from (
        select *, bench.iin_control(prefix) as c0, bench.iin_control(prefix + 1) as c1, bench.iin_control(prefix + 2) as c2,
               ${pickFrom(surnames, 'us')} as surname, ${pickFrom(male, 'u13')} as father
        from (
          select n, root, sexbit, birth, eth, power(bench.u(root, 3), 1.4) as us, bench.u(n, 11) as u11, bench.u(n, 12) as u12,
                 bench.u(root, 13) as u13, bench.u(n, 14) as u14, bench.u(n, 16) as u16,
                 to_char(birth, 'YYMMDD')::bigint * 100000 + (case when birth >= date '2000-01-01' then 5 else 3 end + sexbit) * 10000
                   + (n / ${2 * birthSpan}) * 3 as prefix
          from (
            select n, root, sexbit, birth,
                   case when bench.u(root, 1) < 0.65 then 'kk' when bench.u(root, 1) < 0.9 then 'ru' else 'uz' end as eth
            from (
              select n, bench.root_of(n, ${N}) as root, (n / ${birthSpan}) % 2 as sexbit, date '${bornBefore}' - (n % ${birthSpan})::int as birth
              from generate_series(1::bigint, ${N}::bigint) n offset 0) g0 offset 0) g1 offset 0) g2 offset 0) g3
      -- The serial is 3·s, 3·s+1 or 3·s+2: the first whose IIN has a control digit (both weightings can give 10).
      where coalesce(c0, c1, c2) is not null`)
    await db`select setval(pg_get_serial_sequence('patients', 'id'), ${N})`
  })

  await run('representatives', async (db) => {
    await db`
      insert into representatives (child_id, representative_id, basis, valid_from)
      select c.id, p.id, 'parent', c.birth_date
      from patients c join patients p on p.id = bench.parent_of(c.id, ${N})
      where c.id % ${birthSpan} < ${childDays}`
  })

  await run('attachments', async (db) => {
    await db`
      insert into attachments (patient_id, organization_id, section_id, basis, status, valid_from, created_at)
      select (k * ${permutation}::bigint) % ${N} + 1, c.clinic, s.id,
             (array['residence_change', 'free_choice', 'free_choice', 'residence_change', 'campaign'])[1 + (k % 5)::int],
             'active', date '2024-12-01' - (hashint8(k) & 2147483647) % 3000,
             timestamptz '2024-12-01' - ((hashint8(k) & 2147483647) % 3000) * interval '1 day'
      from bench.clinic_range c
      cross join generate_series(c.start, c.start + c.size - 1) k
      join sections s on s.organization_id = c.clinic and s.number = (1 + (k - c.start) % c.sections)::text`
  })

  await run('attachment requests', async (db) => {
    // Open ones in the last two weeks (some past their deadline); decided ones over two years.
    await db`
      create table bench.req as
      select a.patient_id, a.organization_id, a.section_id, age, u2,
             case when age < 3 and u2 < 0.55 then 'submitted' when age < 3 and u2 < 0.9 then 'in_review'
                  when age < 14 and u2 < 0.13 then 'submitted' when age < 14 and u2 < 0.25 then 'in_review'
                  when u2b < 0.58 then 'issued' when u2b < 0.66 then case when age < 90 then 'signed' else 'issued' end
                  when u2b < 0.70 then case when age < 30 then 'approved' else 'issued' end
                  when u2b < 0.86 then 'refused' else 'cancelled' end as status,
             now() - age * interval '1 day' as submitted_at,
             case when bench.u(a.patient_id, 23) < 0.8 then 'portal' else 'desk' end as channel
      from (select a.*, bench.u(a.patient_id, 21) * 730 as age, bench.u(a.patient_id, 22) as u2, bench.u(a.patient_id, 24) as u2b
            from attachments a where a.status = 'active' and bench.u(a.patient_id, 20) < ${0.46 / 0.95}) a`
    await db`
      create table bench.org_staff as
      select o.id as clinic,
        (select array_agg(id order by id) from staff where organization_id = o.id and role = 'registrar') as registrars,
        (select id from staff where organization_id = o.id and role = 'head' and login like '%therapy') as head
      from organizations o`
    await db`
      insert into requests (organization_id, patient_id, applicant_patient_id, applicant_staff_id, service, channel, status, payload,
                            idempotency_key, submitted_at, due_at, assignee_id, decided_at, decided_by, refusal_ground, refusal_reason)
      select r.organization_id, r.patient_id, case when r.channel = 'portal' then r.patient_id end,
             case when r.channel = 'desk' then reg end, 'attachment', r.channel, r.status,
             jsonb_build_object('patientId', r.patient_id, 'clinicId', r.organization_id, 'sectionId', r.section_id,
               'basis', case when r.u2 < 0.7 then 'free_choice' else 'residence_change' end, 'addressKind', 'actual'),
             gen_random_uuid()::text, r.submitted_at, r.submitted_at + interval '5 days',
             case when r.status <> 'submitted' then reg end,
             case when r.status not in ('submitted', 'in_review') then r.submitted_at + bench.u(r.patient_id, 25) * interval '2 days' end,
             case when r.status not in ('submitted', 'in_review', 'cancelled') then reg end,
             case when r.status = 'refused' then 'requirements_not_met' end,
             case when r.status = 'refused' then 'Құжаттар толық емес' end
      from (select r.*, s.registrars[1 + (r.patient_id % array_length(s.registrars, 1))::int] as reg
            from bench.req r join bench.org_staff s on s.clinic = r.organization_id) r
      order by r.submitted_at`
  })

  await run('complaint requests', async (db) => {
    await db`
      insert into requests (organization_id, patient_id, applicant_patient_id, service, channel, status, payload,
                            idempotency_key, submitted_at, due_at, assignee_id, decided_at, decided_by, refusal_ground, refusal_reason)
      select r.organization_id, r.patient_id, r.patient_id, 'complaint', 'portal', st,
             jsonb_build_object('requestId', r.id, 'clinicId', r.organization_id, 'patientId', r.patient_id,
               'text', 'Бекітуден бас тарту негізсіз деп санаймын, құжаттарым толық болды.'),
             gen_random_uuid()::text, at, at + interval '5 days',
             case when st <> 'submitted' then s.head end,
             case when st not in ('submitted', 'in_review') then at + interval '3 days' end,
             case when st in ('approved', 'refused') then s.head end,
             case when st = 'refused' then 'forwarded_to_quality_control' end,
             case when st = 'refused' then 'Сапа бақылау органына жіберілді' end
      from (select r.*, r.decided_at + bench.u(r.patient_id, 31) * interval '4 days' as at,
                   case when r.decided_at > now() - interval '10 days' and bench.u(r.patient_id, 32) < 0.7 then 'submitted'
                        when r.decided_at > now() - interval '10 days' then 'in_review'
                        when bench.u(r.patient_id, 32) < 0.45 then 'approved' when bench.u(r.patient_id, 32) < 0.9 then 'refused'
                        else 'cancelled' end as st
            from requests r where r.service = 'attachment' and r.status = 'refused' and bench.u(r.patient_id, 30) < 0.55) r
      join bench.org_staff s on s.clinic = r.organization_id
      where r.at < now()
      order by r.at`
  })

  // The months of two years of history (no default partition: docs/decisions.md, "Partitions and retention").
  await run('partitions', async (db) => {
    const [range] = await db<{ first: string; current: string }[]>`
      select to_char(least(min(submitted_at), now() - interval '731 days') at time zone 'Asia/Almaty', 'YYYY-MM') as first,
             to_char(now() at time zone 'Asia/Almaty', 'YYYY-MM') as current
      from requests`
    for (const table of partitionedTables)
      await ensureMonthRange(createDatabase(db), table, range!.first, addMonths(range!.current, monthsAhead))
  })

  await run('request events', async (db) => {
    await db`
      insert into request_events (request_id, type, from_status, to_status, actor_kind, actor_id, created_at, data)
      select r.id, e.type, e.from_status, e.to_status, e.actor_kind, e.actor_id, e.at, e.data
      from requests r
      cross join lateral (values
        (1, 'submitted', null, 'submitted', case when r.channel = 'portal' then 'patient' else 'staff' end,
            coalesce(r.applicant_patient_id, r.applicant_staff_id), r.submitted_at, jsonb_build_object('channel', r.channel), true),
        (2, 'take', 'submitted', 'in_review', 'staff', r.assignee_id, r.submitted_at + interval '1 hour', '{}'::jsonb,
            r.assignee_id is not null),
        (3, case r.status when 'refused' then 'refuse' when 'cancelled' then 'cancel' else 'approve' end,
            case when r.assignee_id is null then 'submitted' else 'in_review' end,
            case when r.status in ('signed', 'issued') then 'approved' else r.status end,
            case when r.status = 'cancelled' then 'patient' else 'staff' end,
            case when r.status = 'cancelled' then r.patient_id else r.decided_by end, r.decided_at, '{}'::jsonb,
            r.status not in ('submitted', 'in_review')),
        (4, 'sign', 'approved', 'signed', 'staff', r.decided_by, r.decided_at + interval '2 hours', '{}'::jsonb,
            r.status in ('signed', 'issued')),
        (5, 'issue', 'signed', 'issued', 'staff', r.decided_by, r.decided_at + interval '1 day', '{}'::jsonb, r.status = 'issued'),
        (6, 'quality_control_answer', null, null, 'staff', r.decided_by, r.decided_at + interval '20 days',
            '{"outcome": "rejected"}'::jsonb,
            r.service = 'complaint' and r.status = 'refused' and r.decided_at < now() - interval '20 days'
              and bench.u(r.number, 40) < 0.8)
      ) e(ord, type, from_status, to_status, actor_kind, actor_id, at, data, keep)
      where e.keep
      order by r.submitted_at, e.ord`
  })

  await run('documents', async (db) => {
    // Approved attachments: a notice and a 064/e coupon signed by the section's doctor; refusals: a refusal notice.
    // 1.5 % of the notices were first sent back unsigned (a draft) and corrected by a successor; a few recent ones are
    // still back with the registrar (a draft nobody has superseded).
    await db`create sequence bench.code_seq`
    await db`
      create table bench.doc as
      select r.id as request_id, r.organization_id, r.patient_id, r.number, r.status as request_status, r.decided_at,
             sd.staff_id as signer, k.kind, k.ord,
             case when r.status in ('approved', 'signed', 'issued') and k.kind = 'attachment_notice' and bench.u(r.number, 50) < 0.015
                  then case when r.status = 'approved' and bench.u(r.number, 51) < 0.2 then 'open' else 'corrected' end end as returned
      from requests r
      join section_doctors sd on sd.section_id = (r.payload->>'sectionId')::bigint
      cross join lateral unnest(case when r.status = 'refused' then array['refusal_notice']
                                     else array['attachment_notice', 'coupon_064e'] end) with ordinality k(kind, ord)
      where r.service = 'attachment' and r.status in ('approved', 'signed', 'issued', 'refused')`
    const insertDocuments = (selection: string) =>
      db.unsafe(`
        insert into documents (id, organization_id, request_id, patient_id, kind, number, status, snapshot, snapshot_hash,
                               verification_code, signer_id, signed_at, signature, signer_certificate, supersedes_id, created_at)
        select id, organization_id, request_id, patient_id, kind, number, status,
               jsonb_build_object('kind', kind, 'number', number, 'patientId', patient_id, 'clinicId', organization_id,
                                  'requestNumber', request_number, 'decidedAt', decided_at),
               md5(id::text || kind) || md5(kind || id::text),
               bench.b32(code_n),
               signer, case when status in ('signed', 'issued') then decided_at + interval '2 hours' end,
               case when status in ('signed', 'issued') then 'MIIBbench' || md5(id::text) end,
               case when status in ('signed', 'issued') then jsonb_build_object('commonName', 'Дәрігер', 'subject', 'CN=Дәрігер',
                 'issuer', 'CN=ҰКО', 'certificateSerial', md5(signer::text), 'iin', null) end,
               supersedes_id, created_at
        from (select s.*, (nextval('bench.code_seq') * 735632797) & 1125899906842623 as code_n from (${selection}) s offset 0) d`)
    // The drafts sent back, first (their successors point at them).
    await insertDocuments(`
      select gen_random_uuid() as id, organization_id, request_id, patient_id, kind, number || '-1' as number, 'draft' as status,
             number as request_number, decided_at, signer, null::uuid as supersedes_id, decided_at as created_at
      from bench.doc where returned is not null`)
    await insertDocuments(`
      select gen_random_uuid() as id, d.organization_id, d.request_id, d.patient_id, d.kind, d.number::text as number,
             case d.request_status when 'approved' then 'awaiting_signature' when 'refused' then 'issued' else d.request_status end as status,
             d.number as request_number, d.decided_at, d.signer, prev.id as supersedes_id,
             d.decided_at + case when prev.id is null then interval '0' else interval '3 hours' end as created_at
      from bench.doc d
      left join documents prev on d.returned = 'corrected' and prev.request_id = d.request_id and prev.kind = d.kind
      where d.returned is distinct from 'open'
      order by d.decided_at, d.ord`)
    await db`
      insert into request_events (request_id, type, actor_kind, actor_id, created_at, data)
      select d.request_id, 'document_returned', 'staff', d.signer_id, d.created_at + interval '1 hour',
             jsonb_build_object('documentId', d.id, 'reason', 'Мекенжай қате')
      from documents d where d.status = 'draft'`
  })

  await run('audit log', async (db) => {
    // Per request: the submit, the reads of the record, the decision, and per document its creation, signature and
    // issue; then the list views (queue, search, register) of each clinic's staff.
    await db`
      insert into audit_log (at, actor_kind, actor_id, organization_id, patient_id, action, entity, entity_id, address, details)
      select a.at, a.actor_kind, a.actor_id, r.organization_id, r.patient_id, a.action, a.entity, r.id::text, '10.0.0.' || (r.number % 250),
             a.details
      from requests r
      cross join lateral (values
        (1, r.submitted_at, case when r.channel = 'portal' then 'patient' else 'staff' end, coalesce(r.applicant_patient_id, r.applicant_staff_id),
            'request.submit', 'request', jsonb_build_object('service', r.service, 'channel', r.channel), true),
        (2, r.submitted_at + interval '50 minutes', 'staff', r.assignee_id, 'patient.read', 'request', '{}'::jsonb, r.assignee_id is not null),
        (3, r.submitted_at + interval '1 hour', 'staff', r.assignee_id, 'request.take', 'request', '{}'::jsonb, r.assignee_id is not null),
        (4, r.decided_at - interval '5 minutes', 'staff', r.decided_by, 'patient.read', 'request', '{}'::jsonb, r.decided_by is not null),
        (5, r.decided_at, case when r.status = 'cancelled' then 'patient' else 'staff' end,
            case when r.status = 'cancelled' then r.patient_id else r.decided_by end,
            'request.' || case r.status when 'refused' then 'refuse' when 'cancelled' then 'cancel' else 'approve' end, 'request', '{}'::jsonb,
            r.status not in ('submitted', 'in_review')),
        (6, r.decided_at + interval '1 second', 'staff', r.decided_by, 'document.create', 'document', '{}'::jsonb,
            r.status in ('approved', 'signed', 'issued', 'refused') and r.service = 'attachment'),
        (7, r.decided_at + interval '2 hours', 'staff', r.decided_by, 'document.sign', 'document', '{}'::jsonb, r.status in ('signed', 'issued')),
        (8, r.decided_at + interval '1 day', 'staff', r.decided_by, 'document.issue', 'document', '{}'::jsonb, r.status = 'issued'),
        (9, r.decided_at + interval '3 days', 'patient', r.patient_id, 'document.download', 'document', '{}'::jsonb,
            r.status = 'issued' and r.channel = 'portal')
      ) a(ord, at, actor_kind, actor_id, action, entity, details, keep)
      where a.keep
      order by a.at`
    await db`
      insert into audit_log (at, actor_kind, actor_id, organization_id, action, details)
      select now() - (v % 730) * interval '1 day' - (v % 600) * interval '1 minute', 'staff',
             s.registrars[1 + (v % array_length(s.registrars, 1))::int], s.clinic,
             (array['queue.view', 'patientSearch.view', 'register.view'])[1 + (v % 3)::int],
             jsonb_build_object('list', 'queue', 'count', v % 500, 'digest', md5(v::text))
      from bench.org_staff s cross join generate_series(1, ${Math.round((patients * 0.18) / clinicCount)}) v
      order by 1`
  })

  await run('sms outbox', async (db) => {
    // Issue 15: the patient's SMS history reads the outbox; a portal request tells its applicant twice: the receipt and
    // the decision (delivered).
    await db`
      insert into notifications (channel, recipient, patient_id, request_id, template, locale, body, params, status, attempts,
                                 created_at, sent_at)
      select 'sms', p.phone, p.id, r.id, n.template, p.locale, 'Tirkeu: №' || r.number || ' (' || n.template || ')',
             jsonb_build_object('number', r.number), 'sent', 1, n.at, n.at + interval '5 seconds'
      from requests r
      join patients p on p.id = r.applicant_patient_id and p.phone is not null
      cross join lateral (values
        ('requestSubmitted', r.submitted_at, true),
        (case r.status when 'refused' then 'requestRefused' when 'cancelled' then 'requestCancelled' else 'requestApproved' end,
         r.decided_at, r.decided_at is not null)
      ) n(template, at, keep)
      where n.keep
      order by n.at`
  })

  await run('vacuum analyze', async (db) => {
    await db.unsafe('vacuum (analyze)')
  })
  return shape
}
