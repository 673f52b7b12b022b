// `npm run bench:register`: the register's CSV export of N attached people (default 100,000) through the real
// export generator (keyset reads of 1000 rows), against reading every row into memory first. Prints time and the peak
// memory of each, on a throwaway embedded PostgreSQL. Bounded by N; talks only to 127.0.0.1.
import postgres from 'postgres'
import { makeIin } from '../lib/iin'
import { allowServerOnlyImports, throwawayDatabase } from './bench-db'

const people = Number(process.argv.find((arg) => arg.startsWith('--people='))?.slice('--people='.length) ?? 100_000)

allowServerOnlyImports()

function iins(count: number): string[] {
  const out = new Set<string>()
  for (let serial = 0; out.size < count; serial++) {
    const day = new Date(Date.UTC(1940, 0, 1) + (serial % 29_000) * 86_400_000).toISOString().slice(0, 10)
    out.add(makeIin({ birthDate: day, sex: serial % 2 ? 'male' : 'female', serial: Math.floor(serial / 29_000) }))
  }
  return [...out]
}

async function measure(label: string, run: () => Promise<number>) {
  global.gc?.()
  const before = process.memoryUsage()
  let peakRss = before.rss
  let peakHeap = before.heapUsed
  const timer = setInterval(() => {
    const now = process.memoryUsage()
    peakRss = Math.max(peakRss, now.rss)
    peakHeap = Math.max(peakHeap, now.heapUsed)
  }, 5)
  const started = performance.now()
  const bytes = await run()
  const ms = performance.now() - started
  clearInterval(timer)
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1)
  console.log(
    `[bench] ${label}: ${(bytes / 1024 / 1024).toFixed(1)} MB of CSV in ${(ms / 1000).toFixed(2)} s; peak heap +${mb(peakHeap - before.heapUsed)} MB, peak RSS +${mb(peakRss - before.rss)} MB`,
  )
  return { heap: peakHeap - before.heapUsed, rss: peakRss - before.rss }
}

async function main() {
  const database = await throwawayDatabase('bench-register', { seed: false })
  try {
    const sql = postgres(database.url, { max: 4, onnotice: () => {} })
    const [clinic] = await sql<{ id: string }[]>`
      insert into organizations (code, type, name_kk, name_ru, region, city, address_kk, address_ru, working_hours)
      values ('bench', 'primary_care', 'Бенч емханасы', 'Бенч поликлиника', 'Маңғыстау облысы', 'Ақтау', 'Ақтау', 'Актау', '{}')
      returning id`
    const [department] = await sql<{ id: string }[]>`
      insert into departments (organization_id, kind, name_kk, name_ru) values (${clinic!.id}, 'therapy', 'Терапия', 'Терапия') returning id`
    const [section] = await sql<{ id: string }[]>`
      insert into sections (organization_id, department_id, number, capacity_norm, territory_kk, territory_ru)
      values (${clinic!.id}, ${department!.id}, '1', 200000, 'Ақтау', 'Актау') returning id`
    const [registrar] = await sql<{ id: string }[]>`
      insert into staff (organization_id, role, login, password_hash, last_name, first_name)
      values (${clinic!.id}, 'registrar', 'bench', 'x', 'Бенч', 'Тіркеуші') returning id`
    const started = performance.now()
    const all = iins(people)
    for (let i = 0; i < all.length; i += 20_000) {
      const batch = all.slice(i, i + 20_000)
      await sql`
        with p as (
          insert into patients (iin, last_name, first_name, middle_name, birth_date, sex, status, address)
          select iin, 'Тегі' || n, 'Аты', 'Әкесінің аты', date '1980-01-01', 'male', 'citizen', 'Ақтау қ., 4 шағын аудан'
          from unnest(${batch}::text[]) with ordinality as t(iin, n)
          returning id)
        insert into attachments (patient_id, organization_id, section_id, basis, status, valid_from)
        select id, ${clinic!.id}, ${section!.id}, 'residence_change', 'active', date '2025-01-10' from p`
    }
    console.log(`[bench] ${people} attached people inserted in ${((performance.now() - started) / 1000).toFixed(1)} s`)

    const { registerCsv } = await import('../lib/services/attachment/register/queries')
    const { messagesFor } = await import('../lib/i18n/messages')
    const actor = {
      kind: 'staff' as const,
      id: Number(registrar!.id),
      role: 'registrar' as const,
      organizationId: Number(clinic!.id),
      departmentId: null,
      name: 'Бенч',
      locale: 'kk' as const,
    }
    const labels = {
      header: ['iin', 'last', 'first', 'middle', 'birth', 'section', 'since', 'basis'],
      basis: messagesFor('kk').patient.attachment.bases,
    }
    const streamed = await measure('streamed (keyset, 1000 rows a read)', async () => {
      let bytes = 0
      for await (const chunk of registerCsv(sql, actor, null, labels)) bytes += Buffer.byteLength(chunk)
      return bytes
    })
    const loaded = await measure('all rows loaded first', async () => {
      const rows = await sql`
        select p.iin, p.last_name, p.first_name, p.middle_name, p.birth_date, s.number, a.valid_from, a.basis
        from attachments a join patients p on p.id = a.patient_id left join sections s on s.id = a.section_id
        where a.organization_id = ${clinic!.id} and a.status = 'active' order by p.last_name, p.first_name, p.id`
      const text = rows.map((row) => Object.values(row).join(';')).join('\r\n')
      return Buffer.byteLength(text)
    })
    // Peak heap counts garbage not yet collected; the resident set is what the server really holds.
    console.log(
      `rss ratio ${(Math.max(streamed.rss, 0) / Math.max(loaded.rss, 1)).toFixed(3)} (streamed ÷ loaded, peak RSS growth)`,
    )
    await sql.end()
  } finally {
    await database.stop()
  }
}

void main()
