'use client'

import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { useState, useTransition } from 'react'
import { Button } from '@/components/ui/button'
import { FormError } from '@/components/ui/field'
import { commitRegistryImport } from './actions'

export function CommitButton({ importId, version, good }: { importId: string; version: number; good: number }) {
  const t = useTranslations('centre.import')
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const [error, setError] = useState<string | null>(null)
  return (
    <div className="space-y-2">
      <FormError messageKey={error} />
      <Button
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await commitRegistryImport({ importId, version })
            if (result.ok) router.refresh()
            else setError(result.code)
          })
        }
      >
        {t('commit', { good })}
      </Button>
    </div>
  )
}
