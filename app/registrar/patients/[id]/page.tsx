import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { PatientCardPage } from '@/app/_shared/patient-card-page'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('patient'))('cardTitle') }
}

export default async function RegistrarPatientPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const t = await getTranslations()
  return (
    <div className="space-y-2">
      <PatientCardPage role="registrar" id={id} personHref={(personId) => `/registrar/patients/${personId}`} />
      <div className="flex flex-wrap gap-4">
        {/* p.18: the section of the attachment in force is changed on its own page, with a reason. */}
        <Link href={`/registrar/patients/${id}/section`} className="inline-block text-sm text-brand underline">
          {t('sectionChange.link')}
        </Link>
        <Link href={`/registrar/patients/${id}/detach`} className="inline-block text-sm text-brand underline">
          {t('detachment.link')}
        </Link>
      </div>
    </div>
  )
}
