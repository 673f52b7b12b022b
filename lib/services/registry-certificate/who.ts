import type { ServiceDefinition } from '@/lib/requests/contract'

// R·p.2, list rows 2-3: individuals ask on their own pages (the portal's part); the centre decides. The centre's
// information system is a staff row of the centre's doctor role (staff.system) and decides as that role: a match it
// cannot make for certain is taken to the centre's doctor; a refusal is only for lack of consent (rule 20), held by
// the service's refusalBlock. The patient may withdraw a request that waits for consent.
export const registryCertificateWho: ServiceDefinition['who'] = {
  submit: ['patient'],
  read: ['patient', 'dispensary_doctor'],
  take: ['dispensary_doctor'],
  approve: ['dispensary_doctor'],
  refuse: ['dispensary_doctor'],
  cancel: ['patient'],
}
