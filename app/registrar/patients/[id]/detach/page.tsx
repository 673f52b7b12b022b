import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { Notice } from '@/components/ui/notice'
import { requireActor } from '@/lib/auth/session'
import { almatyDay } from '@/lib/calendar'
import { formatDay } from '@/lib/i18n/format'
import { getPatientCard } from '@/lib/patients/queries'
import { clientAddress } from '@/lib/request-context'
import { rowIdParam } from '@/lib/route-params'
import { DetachForm } from './detach-form'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('detachment'))('heading') }
}

// Annulled order 004 annex 3 p.6(4): detachment of a person attached to this clinic, on death or departure abroad.
export default async function DetachPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor('registrar')
  const patientId = rowIdParam((await params).id)
  const now = new Date()
  const card = patientId ? await getPatientCard(getDb(), actor, patientId, await clientAddress(), almatyDay(now)) : null
  if (!card) notFound()
  const t = await getTranslations('detachment')
  const name = [card.lastName, card.firstName, card.middleName].filter(Boolean).join(' ')
  const current = card.currentAttachment
  return (
    <div className="space-y-3">
      <h1 className="text-lg font-bold">
        {t('heading')}: {name} <span className="font-mono text-base font-normal text-slate-600">{card.iin}</span>
      </h1>
      <p className="max-w-4xl text-sm text-slate-700">{t('lead')}</p>
      {current && current.organizationId === actor.organizationId ? (
        <>
          <p className="text-sm font-bold">
            {t('attachedSince', { date: formatDay(current.validFrom), section: current.sectionNumber ?? t('noSection') })}
          </p>
          <DetachForm patientId={card.id} name={name} today={almatyDay(now)} validFrom={current.validFrom} />
        </>
      ) : (
        <Notice tone="warning">{(await getTranslations())('errors.detachment.notAttachedHere')}</Notice>
      )}
    </div>
  )
}
