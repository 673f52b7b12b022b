import type { ServiceDefinition } from '@/lib/requests/contract'
import { sweepRegistryCertificates } from './automatic'
import { registryCertificateKind } from './documents/certificate'
import { registryApproval, registryRefusalBlock } from './decide'
import { registryCertificateMessages } from './messages'
import { registryCertificateVariants, type RegistryCertificateVariant } from './registries'
import { registryCertificateRefusalGrounds } from './refusal-grounds'
import { certificateLimitMinutes } from './rules'
import { registryCertificateSchema, type RegistryCertificate } from './schema'
import { registryCertificateSummary } from './summary'
import { registryCertificateTransitions } from './transitions'
import { validateRegistryCertificate } from './validate'
import { registryCertificateWho } from './who'

// Order ҚР ДСМ-49/2020: three services, one definition each, made from one folder (they differ only in the registry,
// the centre, the heading and the information system's name; digest §2).
function registryCertificateService(variant: RegistryCertificateVariant): ServiceDefinition<RegistryCertificate> {
  const kind = registryCertificateKind(variant)
  return {
    id: variant.service,
    schema: registryCertificateSchema,
    organizationOf: (payload) => payload.centreId,
    // The request is the requester's: she follows it and receives the certificate; the person it is about is in the
    // payload (subjectIin), and the certificate names her.
    patientOf: (payload) => payload.patientId,
    who: registryCertificateWho,
    // List row 3, rule 1: the portal only; the front desk takes no application for it.
    channels: ['portal'],
    routes: { portal: `/patient/requests/new/registry-certificate/${variant.segment}` },
    transitions: registryCertificateTransitions,
    // List row 4, rules 6-7: 30 calendar minutes round the clock, whatever the channel.
    deadline: () => ({ minutes: certificateLimitMinutes }),
    refusalGrounds: registryCertificateRefusalGrounds,
    validate: (db, payload, context) => validateRegistryCertificate(db, variant, payload, context),
    templates: {
      submit: 'registryCertificateSubmitted',
      // Sealed seconds after the approval: the documents' ready notice is the one SMS that says it is ready.
      approve: null,
      refuse: 'registryCertificateRefused',
    },
    approvalDetails: registryApproval(variant),
    refusalBlock: (tx, request, context) => registryRefusalBlock(tx, request, context.now),
    documents: { kinds: [kind], onApprove: [kind.kind] },
    summary: (payload, context) => registryCertificateSummary(payload, context),
    messages: registryCertificateMessages,
    // One sweep serves the three services; it runs with the first of them.
    sweeps: variant === registryCertificateVariants[0] ? [{ name: 'registry-certificates', run: sweepRegistryCertificates }] : [],
  }
}

export const [tbCertificateService, mentalHealthCertificateService, narcologyCertificateService] =
  registryCertificateVariants.map(registryCertificateService) as [
    ServiceDefinition<RegistryCertificate>,
    ServiceDefinition<RegistryCertificate>,
    ServiceDefinition<RegistryCertificate>,
  ]
