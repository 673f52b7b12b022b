import { PatientCardPage } from '@/components/patients/patient-card-page'

export default async function MyPersonPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  return <PatientCardPage role="patient" id={id} />
}
