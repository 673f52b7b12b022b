'use client'

import { useRouter } from 'next/navigation'
import { useEffect } from 'react'

// Re-reads the page every few seconds while something is still under way (SMS being delivered), then stops.
export function RefreshWhile({ active, everyMs = 3000 }: { active: boolean; everyMs?: number }) {
  const router = useRouter()
  useEffect(() => {
    if (!active) return
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') router.refresh()
    }, everyMs)
    return () => window.clearInterval(timer)
  }, [active, everyMs, router])
  return null
}
