import { describe, expect, it } from 'vitest'
import { importExpired, importKeeping, previewExpired } from '@/lib/registries/rules/import-expiry'

const now = new Date('2026-12-07T12:00:00Z')
const ago = (ms: number) => new Date(now.getTime() - ms)
const createdAt = ago(30 * 24 * 60 * 60 * 1000)

describe('Issue 16: when an import nobody confirmed expires', () => {
  it('a checked preview is kept a day after its check ended, then expires', () => {
    const checked = (ms: number) => importExpired({ status: 'checked', fileError: null, checkedAt: ago(ms), createdAt }, now)
    expect(checked(importKeeping.checkedMs - 1)).toBe(false)
    expect(checked(importKeeping.checkedMs)).toBe(true)
  })

  it('a check expires an hour after it last stored a batch (or, before its first, after it began)', () => {
    const checking = (checkedAt: Date | null, created = createdAt) =>
      importExpired({ status: 'checking', fileError: null, checkedAt, createdAt: created }, now)
    expect(checking(ago(importKeeping.stalledMs - 1))).toBe(false)
    expect(checking(ago(importKeeping.stalledMs))).toBe(true)
    expect(checking(null, ago(importKeeping.stalledMs - 1))).toBe(false)
    expect(checking(null, ago(importKeeping.stalledMs))).toBe(true)
  })

  it('one marked expired (replaced, or its removal begun) is expired at once; a confirmed one never', () => {
    expect(importExpired({ status: 'checked', fileError: previewExpired, checkedAt: now, createdAt: now }, now)).toBe(true)
    expect(importExpired({ status: 'checking', fileError: previewExpired, checkedAt: now, createdAt: now }, now)).toBe(true)
    expect(importExpired({ status: 'committed', fileError: null, checkedAt: createdAt, createdAt }, now)).toBe(false)
  })
})
