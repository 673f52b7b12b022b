// Issue 17: the demo's ICD-10 codes, the hundred or so a planned hospitalization commonly needs, with names the team
// wrote in Russian and Kazakh (./icd10-demo.csv; the WHO licence forbids shipping the classification's own data set).
// Loaded through the importer `npm run icd:import` runs (lib/icd10/import.ts), as our own list.
import { createReadStream } from 'node:fs'
import path from 'node:path'
import type { Sql } from 'postgres'
import { createDatabase } from '@/db/client'
import { importIcd10File } from '@/lib/icd10/import'

export const demoIcd10File = path.join(import.meta.dirname, 'icd10-demo.csv')

export async function seedIcd10Codes(sql: Sql): Promise<void> {
  const result = await importIcd10File(createDatabase(sql), createReadStream(demoIcd10File))
  if (!result.ok) throw new Error(`seedIcd10Codes: ${demoIcd10File} is not a good file: ${JSON.stringify(result).slice(0, 500)}`)
}
