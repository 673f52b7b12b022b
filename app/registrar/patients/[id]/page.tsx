import { PatientCardPage } from '@/components/patients/patient-card-page'

export default async function RegistrarPatientPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  return <PatientCardPage role="registrar" id={id} personHref={(personId) => `/registrar/patients/${personId}`} />
}
