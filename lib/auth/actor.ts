import type { Locale, StaffRole } from '@/db/schema'

export type Role = 'patient' | StaffRole

export type StaffActor = {
  kind: 'staff'
  id: number
  role: StaffRole
  organizationId: number
  departmentId: number | null
  name: string
  locale: Locale
}

// A patient acts for themselves and for the children they legally represent.
export type PatientActor = {
  kind: 'patient'
  id: number
  role: 'patient'
  representedPatientIds: number[]
  name: string
  locale: Locale
  // Where the person's own notifications go.
  phone: string | null
}

export type Actor = StaffActor | PatientActor

export const homeOf: Record<Role, string> = {
  patient: '/patient',
  registrar: '/registrar',
  doctor: '/doctor',
  head: '/head',
  chief: '/chief',
  region_admin: '/region/calendar',
  dispensary_doctor: '/centre',
}

export function subjectOf(actor: { kind: 'staff' | 'patient'; id: number }): string {
  return `${actor.kind}:${actor.id}`
}

export function parseSubject(subject: string | undefined | null): { kind: 'staff' | 'patient'; id: number } | null {
  const match = /^(staff|patient):(\d+)$/.exec(subject ?? '')
  if (!match) return null
  return { kind: match[1] as 'staff' | 'patient', id: Number(match[2]) }
}
