import { PatientCardPage } from '@/components/patients/patient-card-page'

export default async function DoctorPatientPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  return <PatientCardPage role="doctor" id={id} personHref={(personId) => `/doctor/patients/${personId}`} />
}
