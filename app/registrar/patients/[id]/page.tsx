import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { PatientCardPage } from '@/app/_shared/patient-card-page'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('patient'))('cardTitle') }
}

export default async function RegistrarPatientPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  return <PatientCardPage role="registrar" id={id} personHref={(personId) => `/registrar/patients/${personId}`} />
}
