import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { messagesFor } from '@/lib/i18n/messages'

// The app's messages with every service's own merged in, as the app uses them.
const kk = messagesFor('kk')
const ru = messagesFor('ru')

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(full, value)
    else for (const [k, v] of flatten(value, full)) out.set(k, v)
  }
  return out
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
const kkKeys = flatten(kk)
const ruKeys = flatten(ru)

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return sourceFiles(full)
    return /\.(ts|tsx)$/.test(name) ? [full] : []
  })
}

describe('messages: Kazakh and Russian have the same keys', () => {
  it('every Kazakh key exists in Russian', () => {
    expect([...kkKeys.keys()].filter((key) => !ruKeys.has(key))).toEqual([])
  })
  it('every Russian key exists in Kazakh', () => {
    expect([...ruKeys.keys()].filter((key) => !kkKeys.has(key))).toEqual([])
  })
  it('no message is empty', () => {
    for (const [key, text] of [...kkKeys, ...ruKeys]) expect(text.trim(), key).not.toBe('')
  })
  it('both languages use the same placeholders', () => {
    for (const [key, text] of kkKeys) expect(placeholders(ruKeys.get(key) ?? ''), key).toEqual(placeholders(text))
  })
  it('every error key written in the code exists', () => {
    const root = path.resolve(import.meta.dirname, '../..')
    const files = ['lib', 'app', 'components'].flatMap((dir) => sourceFiles(path.join(root, dir)))
    const used = new Set<string>()
    for (const file of files) {
      for (const match of readFileSync(file, 'utf8').matchAll(/'(errors\.[a-zA-Z.]+)'/g)) used.add(match[1]!)
    }
    expect(used.size).toBeGreaterThan(5)
    expect([...used].filter((key) => !kkKeys.has(key) && ![...kkKeys.keys()].some((k) => k.startsWith(`${key}.`)))).toEqual([])
  })
})

describe('p.39 para 2, standard row 9: where a patient learns how to complain', () => {
  it('the complaint form names the single contact centre, 1414 and 8 800 080 7777, in both languages', () => {
    for (const messages of [kk, ru]) {
      expect(messages.complaint.hint).toContain('1414')
      expect(messages.complaint.hint).toContain('8 800 080 7777')
    }
  })
})
