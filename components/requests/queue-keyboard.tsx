'use client'

import { useRouter } from 'next/navigation'
import { useEffect, useRef } from 'react'

const refreshMs = 10_000

// Keyboard work on the queue: ↓/j and ↑/k move between rows, Enter opens, / goes to the search box. Letters are
// matched by physical key (event.code), so they work with the Kazakh and Russian layouts too.
// The list refreshes itself every 10 seconds and when the tab comes back, so nobody works from a stale queue.
export function QueueKeyboard({ children }: { children: React.ReactNode }) {
  const router = useRouter()
  const box = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const refresh = () => {
      if (document.visibilityState === 'visible') router.refresh()
    }
    const timer = window.setInterval(refresh, refreshMs)
    document.addEventListener('visibilitychange', refresh)
    return () => {
      window.clearInterval(timer)
      document.removeEventListener('visibilitychange', refresh)
    }
  }, [router])

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement
      const typing = target.closest('input, textarea, select, [contenteditable=true]')
      if ((event.key === '/' || event.code === 'Slash') && !typing) {
        event.preventDefault()
        document.getElementById('queue-query')?.focus()
        return
      }
      if (typing || event.altKey || event.ctrlKey || event.metaKey) return
      const rows = Array.from(box.current?.querySelectorAll<HTMLElement>('[data-row]') ?? [])
      if (rows.length === 0) return
      const index = rows.findIndex((row) => row === document.activeElement)
      if (event.key === 'ArrowDown' || event.code === 'KeyJ') {
        event.preventDefault()
        rows[Math.min(index + 1, rows.length - 1)]?.focus()
      } else if (event.key === 'ArrowUp' || event.code === 'KeyK') {
        event.preventDefault()
        rows[Math.max(index - 1, 0)]?.focus()
      } else if (event.key === 'Enter' && index >= 0) {
        event.preventDefault()
        router.push(rows[index]!.dataset.href!)
      }
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [router])

  return <div ref={box}>{children}</div>
}
