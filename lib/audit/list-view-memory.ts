import { createHash } from 'node:crypto'

// docs/decisions.md, "Audit of lists": an unchanged screen is written again at least this often.
export const listViewRepeatMs = 10 * 60_000

// What an auditor compares two views by: the first 16 hex digits of the SHA-256 of the sorted ids shown.
export function digestOfShown(ids: readonly (string | number)[]): string {
  const sorted = ids.map(String).sort()
  return createHash('sha256').update(sorted.join(',')).digest('hex').slice(0, 16)
}

// The last audited view of each actor, list and filter, so that a list refreshing itself every few seconds writes a row
// only when what it shows changes, and at least every `repeatMs` while it does not. Bounded: the oldest entry goes first.
export class ListViewMemory {
  private readonly last = new Map<string, { digest: string; at: number }>()

  constructor(
    private readonly capacity = 10_000,
    private readonly repeatMs = listViewRepeatMs,
  ) {}

  isRepeat(key: string, digest: string, now: Date): boolean {
    const seen = this.last.get(key)
    if (!seen || seen.digest !== digest) return false
    const elapsed = now.getTime() - seen.at
    return elapsed >= 0 && elapsed < this.repeatMs
  }

  remember(key: string, digest: string, now: Date): void {
    this.last.delete(key)
    this.last.set(key, { digest, at: now.getTime() })
    while (this.last.size > this.capacity) {
      const oldest = this.last.keys().next().value
      if (oldest === undefined) break
      this.last.delete(oldest)
    }
  }

  get size(): number {
    return this.last.size
  }
}
