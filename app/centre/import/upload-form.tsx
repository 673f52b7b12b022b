'use client'

import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { useRef, useState } from 'react'
import { Button } from '@/components/ui/button'
import { FieldError } from '@/components/ui/field'

type Progress = { phase: 'idle' } | { phase: 'uploading'; percent: number; lines: number } | { phase: 'failed'; error: string }

// The file goes to the check as its bytes, with the upload's progress and the lines checked so far; then the preview.
export function UploadForm() {
  const t = useTranslations('centre.import')
  const router = useRouter()
  const input = useRef<HTMLInputElement>(null)
  const [progress, setProgress] = useState<Progress>({ phase: 'idle' })
  const [fileError, setFileError] = useState<string | undefined>()

  const send = (file: File) => {
    const request = new XMLHttpRequest()
    let lines = 0
    let percent = 0
    const answers = () =>
      request.responseText
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { lines?: number; importId?: string; error?: string })
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) percent = Math.round((event.loaded / event.total) * 100)
      setProgress({ phase: 'uploading', percent, lines })
    }
    request.onprogress = () => {
      const counted = answers().findLast((answer) => answer.lines !== undefined)
      if (counted?.lines) lines = counted.lines
      setProgress({ phase: 'uploading', percent: 100, lines })
    }
    request.onload = () => {
      const last = request.status === 200 ? answers().at(-1) : undefined
      if (last?.importId) router.push(`/centre/import?import=${last.importId}`)
      else setProgress({ phase: 'failed', error: last?.error ?? 'centre.import.uploadFailed' })
    }
    request.onerror = () => setProgress({ phase: 'failed', error: 'centre.import.uploadFailed' })
    request.open('POST', '/centre/import/upload')
    request.setRequestHeader('content-type', 'text/csv')
    request.setRequestHeader('x-file-name', encodeURIComponent(file.name))
    setProgress({ phase: 'uploading', percent: 0, lines: 0 })
    request.send(file)
  }

  const busy = progress.phase === 'uploading'
  return (
    <form
      noValidate
      className="max-w-3xl space-y-2 rounded border border-slate-300 bg-white p-3 text-sm"
      onSubmit={(event) => {
        event.preventDefault()
        const file = input.current?.files?.[0]
        if (!file) return setFileError('centre.import.chooseFile')
        setFileError(undefined)
        send(file)
      }}
    >
      <div>
        <label htmlFor="import-file" className="mb-1 block font-bold text-slate-700">
          {t('file')}
        </label>
        <input
          ref={input}
          id="import-file"
          type="file"
          accept=".csv,text/csv"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={fileError ? 'import-file-error' : undefined}
          onChange={() => setFileError(undefined)}
          className="block text-sm"
        />
        <FieldError id="import-file-error" messageKey={fileError} />
      </div>
      {busy ? (
        <div className="space-y-1" role="status" aria-live="polite">
          <progress className="h-3 w-full" max={100} value={progress.percent} aria-label={t('progress')} />
          <p>
            {t('uploading', { percent: progress.percent })} · {t('checking', { lines: progress.lines })}
          </p>
        </div>
      ) : null}
      {progress.phase === 'failed' ? <FieldError id="import-upload-error" messageKey={progress.error} /> : null}
      <Button type="submit" disabled={busy}>
        {t('upload')}
      </Button>
    </form>
  )
}
