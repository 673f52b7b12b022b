import type { ServiceDefinition } from '@/lib/requests/definition'

// The patient (or the parent for a child) applies; the clinic's registrar takes and decides; the head can step in.
export const attachmentWho: ServiceDefinition['who'] = {
  submit: ['patient'],
  take: ['registrar', 'head'],
  approve: ['registrar', 'head', 'chief'],
  refuse: ['registrar', 'head', 'chief'],
  cancel: ['patient'],
}
