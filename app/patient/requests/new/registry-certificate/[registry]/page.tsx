import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { requireActor } from '@/lib/auth/session'
import type { MessageKey } from '@/lib/i18n/messages'
import { listMyPeople } from '@/lib/patients/queries'
import { variantOfSegment } from '@/lib/services/registry-certificate/registries'
import { RegistryCertificateForm } from './registry-certificate-form'

type Params = { registry: string }

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const variant = variantOfSegment((await params).registry)
  const t = await getTranslations()
  return { title: variant ? t(`services.${variant.service}.name` as MessageKey) : t('newRequest.heading') }
}

// Order ҚР ДСМ-49/2020: the request for a certificate from a registry, about oneself (or a child one represents) or
// about another person with that person's consent (R·p.4).
export default async function RegistryCertificatePage({ params }: { params: Promise<Params> }) {
  const actor = await requireActor('patient')
  const variant = variantOfSegment((await params).registry)
  if (!variant) notFound()
  const t = await getTranslations()
  const people = await listMyPeople(getDb(), actor)
  return (
    <div className="space-y-3">
      <h1 className="text-lg font-bold">{t(`services.${variant.service}.name` as MessageKey)}</h1>
      <p className="text-sm text-slate-700">{t('registryCertificate.intro')}</p>
      <RegistryCertificateForm
        segment={variant.segment}
        people={people.map((person) => ({ id: person.id, name: person.name }))}
      />
      <p className="text-xs text-slate-600">{t('registryCertificate.status')}</p>
    </div>
  )
}
