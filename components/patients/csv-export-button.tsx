'use client'

import { useTranslations } from 'next-intl'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { Notice } from '@/components/ui/notice'

// Downloads a streamed CSV (the register's, a section's) and shows how far it has got (rows counted as they arrive).
export function CsvExportButton({ href, filename }: { href: string; filename: string }) {
  const t = useTranslations('register')
  const [progress, setProgress] = useState<{ rows: number; total: number } | null>(null)
  const [failed, setFailed] = useState(false)

  async function download() {
    setFailed(false)
    const response = await fetch(href)
    if (!response.ok || !response.body) {
      setFailed(true)
      return
    }
    const total = Number(response.headers.get('x-total-rows') ?? 0)
    const reader = response.body.getReader()
    const parts: Uint8Array[] = []
    let rows = -1 // the header line
    setProgress({ rows: 0, total })
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      parts.push(value)
      for (const byte of value) if (byte === 10) rows++
      setProgress({ rows: Math.max(rows, 0), total })
    }
    const url = URL.createObjectURL(new Blob(parts as BlobPart[], { type: 'text/csv' }))
    const link = document.createElement('a')
    link.href = url
    link.download = filename
    link.click()
    URL.revokeObjectURL(url)
    setProgress(null)
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button type="button" variant="secondary" onClick={download} disabled={progress !== null}>
        {t('export')}
      </Button>
      {progress ? (
        <>
          <progress max={progress.total || 1} value={progress.rows} aria-label={t('exporting')} className="w-48" />
          <span className="text-sm tabular-nums" role="status">
            {t('progress', { rows: progress.rows, total: progress.total })}
          </span>
        </>
      ) : null}
      {failed ? <Notice tone="error">{t('exportFailed')}</Notice> : null}
    </div>
  )
}
