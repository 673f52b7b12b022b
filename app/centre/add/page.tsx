import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { requireActor } from '@/lib/auth/session'
import { almatyDay } from '@/lib/calendar'
import { centreOf } from '@/lib/registries/centre'
import { AddRecordForm } from './add-record-form'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('centre.add'))('heading') }
}

export default async function AddRecordPage() {
  const actor = await requireActor('dispensary_doctor')
  if (!(await centreOf(getDb(), actor, 'registry.keep'))) notFound()
  const t = await getTranslations('centre.add')
  return (
    <div className="space-y-3">
      <h1 className="text-lg font-bold">{t('heading')}</h1>
      <p className="max-w-4xl text-sm text-slate-700">{t('lead')}</p>
      <AddRecordForm today={almatyDay(new Date())} />
    </div>
  )
}
