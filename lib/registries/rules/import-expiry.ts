import type { DispensaryImportStatus } from '@/db/schema'

// Issue 16: how long a CSV import's staged lines are kept when nobody confirms them (docs/decisions.md, "A registry
// centre's registry and its CSV import"). A checked preview is kept a day: it is read and confirmed in one sitting, it
// holds up to 200,000 people's IINs and names outside the registry, and uploading the file again takes a minute.
// A check still running stores a batch of lines every fraction of a second; one that stored nothing for an hour lost its
// upload (a closed tab, a dropped connection, a restarted server).
export const importKeeping = { checkedMs: 24 * 60 * 60 * 1000, stalledMs: 60 * 60 * 1000 }

// The file error an expired preview is marked with (the commit refuses it; the page says so); its lines and then the
// import itself are removed by the hourly job.
export const previewExpired = 'centre.import.errors.previewExpired'

export type ImportAge = {
  status: DispensaryImportStatus
  fileError: string | null
  // While 'checking': when the check last stored a batch (null before the first); then when the check ended.
  checkedAt: Date | null
  createdAt: Date
}

// The moments before which a checked preview, or a check's last progress, has expired.
export function importCutoffs(now: Date): { checked: Date; stalled: Date } {
  return {
    checked: new Date(now.getTime() - importKeeping.checkedMs),
    stalled: new Date(now.getTime() - importKeeping.stalledMs),
  }
}

// A confirmed import never expires; a preview expires a day after its check ended, a check an hour after it last got
// further, and one replaced by the same person's newer upload at once.
export function importExpired(row: ImportAge, now: Date): boolean {
  if (row.status === 'committed') return false
  if (row.fileError === previewExpired) return true
  const cutoffs = importCutoffs(now)
  if (row.status === 'checked') return row.checkedAt !== null && row.checkedAt <= cutoffs.checked
  return (row.checkedAt ?? row.createdAt) <= cutoffs.stalled
}
