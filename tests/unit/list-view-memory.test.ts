import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { digestOfShown, ListViewMemory } from '@/lib/audit/list-view-memory'

const t0 = new Date('2026-11-23T04:00:00Z')
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000)

describe('audit of lists: the digest of the ids shown', () => {
  it('is the first 16 hex digits of the SHA-256 of the sorted ids, whatever their order', () => {
    const expected = createHash('sha256').update('11,2,30').digest('hex').slice(0, 16)
    expect(digestOfShown([30, 2, 11])).toBe(expected)
    expect(digestOfShown(['2', '11', '30'])).toBe(expected)
    expect(digestOfShown([2, 11])).not.toBe(expected)
  })

  it('of an empty list is the digest of nothing, so an empty view is written too', () => {
    expect(digestOfShown([])).toBe(createHash('sha256').update('').digest('hex').slice(0, 16))
  })
})

describe('audit of lists: an unchanged view is written again at least every 10 minutes', () => {
  it.each([
    { label: 'the same view 10 seconds later (the queue refreshing)', digest: 'a', minutes: 1 / 6, repeat: true },
    { label: 'the same view 9 minutes 59 seconds later', digest: 'a', minutes: 9 + 59 / 60, repeat: true },
    { label: 'the same view exactly 10 minutes later', digest: 'a', minutes: 10, repeat: false },
    { label: 'another set of rows 10 seconds later', digest: 'b', minutes: 1 / 6, repeat: false },
    { label: 'the same view with the clock set back', digest: 'a', minutes: -1, repeat: false },
  ])('$label', ({ digest, minutes, repeat }) => {
    const memory = new ListViewMemory()
    memory.remember('registrar 1 queue', 'a', at(0))
    expect(memory.isRepeat('registrar 1 queue', digest, at(minutes))).toBe(repeat)
  })

  it('a view never seen, or another actor’s or filter’s, is not a repeat', () => {
    const memory = new ListViewMemory()
    expect(memory.isRepeat('registrar 1 queue', 'a', at(0))).toBe(false)
    memory.remember('registrar 1 queue', 'a', at(0))
    expect(memory.isRepeat('registrar 2 queue', 'a', at(1))).toBe(false)
  })

  it('a changed view restarts the 10 minutes from its own row', () => {
    const memory = new ListViewMemory()
    memory.remember('k', 'a', at(0))
    memory.remember('k', 'b', at(5))
    expect(memory.isRepeat('k', 'a', at(6))).toBe(false)
    expect(memory.isRepeat('k', 'b', at(14))).toBe(true)
    expect(memory.isRepeat('k', 'b', at(15))).toBe(false)
  })

  it('keeps at most its capacity, forgetting the least recently written first', () => {
    const memory = new ListViewMemory(2)
    memory.remember('first', 'a', at(0))
    memory.remember('second', 'a', at(0))
    memory.remember('first', 'a', at(1))
    memory.remember('third', 'a', at(2))
    expect(memory.size).toBe(2)
    expect(memory.isRepeat('second', 'a', at(3))).toBe(false)
    expect(memory.isRepeat('first', 'a', at(3))).toBe(true)
    expect(memory.isRepeat('third', 'a', at(3))).toBe(true)
  })
})
