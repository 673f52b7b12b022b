import type { ServiceDefinition } from '@/lib/requests/contract'

// The patient (or the parent for a child) applies on the portal, or the registrar takes the application at the desk
// (p.23); the clinic's registrar takes and decides; the head can step in.
export const attachmentWho: ServiceDefinition['who'] = {
  submit: ['patient', 'registrar'],
  read: ['patient', 'registrar', 'doctor', 'head', 'chief'],
  take: ['registrar', 'head'],
  approve: ['registrar', 'head', 'chief'],
  refuse: ['registrar', 'head', 'chief'],
  cancel: ['patient'],
}
