'use client'

import { useRouter } from 'next/navigation'
import { useEffect } from 'react'

// Esc leaves the page for `href` (the queue), unless the person is typing in a field.
export function EscapeTo({ href }: { href: string }) {
  const router = useRouter()
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || (event.target as HTMLElement).closest('input, textarea, select')) return
      router.push(href)
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [href, router])
  return null
}
