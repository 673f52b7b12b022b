import { z } from 'zod'
import type { ServiceDefinition } from '@/lib/requests/contract'

// A test-only service, registered through the catalogue's test hook: a doctor writes it for a patient of their own
// clinic (as a hospitalization referral will be) and the department head decides it. Neither the registrar nor the chief
// physician sees it. It shows that permissions follow the service's own `who`, not a list kept anywhere else.
const doctorNoteSchema = z.object({
  clinicId: z.number().int().positive(),
  patientId: z.number().int().positive(),
  text: z.string().trim().min(1).max(500),
})
export type DoctorNote = z.output<typeof doctorNoteSchema>

export const doctorNoteService: ServiceDefinition<DoctorNote> = {
  id: 'testDoctorNote',
  schema: doctorNoteSchema,
  organizationOf: (payload) => payload.clinicId,
  patientOf: (payload) => payload.patientId,
  who: {
    submit: ['doctor'],
    read: ['patient', 'doctor', 'head'],
    take: ['head'],
    approve: ['head'],
    refuse: ['head'],
    cancel: ['doctor'],
  },
  channels: ['desk'],
  transitions: [
    { operation: 'take', from: ['submitted'], to: 'in_review' },
    { operation: 'approve', from: ['submitted', 'in_review'], to: 'approved' },
    { operation: 'refuse', from: ['submitted', 'in_review'], to: 'refused' },
    { operation: 'cancel', from: ['submitted', 'in_review'], to: 'cancelled' },
  ],
  deadline: () => ({ workingDays: 5 }),
  refusalGrounds: [
    {
      code: 'not_indicated',
      titleKk: 'Көрсетілім жоқ',
      titleRu: 'Нет показаний',
      kk: 'Көрсетілім жоқ (тест)',
      ru: 'Нет показаний (тест)',
      source: 'test',
    },
  ],
  summary: (payload) => [{ label: 'text', value: payload.text, multiline: true }],
  messages: {
    kk: { services: { testDoctorNote: { name: 'Дәрігер жазбасы (тест)' } } },
    ru: { services: { testDoctorNote: { name: 'Записка врача (тест)' } } },
  },
}
