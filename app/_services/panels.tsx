import type { ReactNode } from 'react'
import { ComplaintDecisionPanel } from '@/app/head/requests/[id]/complaint-decision-panel'
import { QualityControlPanel } from '@/app/head/requests/[id]/quality-control-panel'
import { ComplaintForm } from '@/app/patient/requests/[id]/complaint-form'
import { RegistryCertificatePanel } from '@/app/patient/requests/[id]/registry-certificate/registry-certificate-panel'
import { AttachmentCorrectionForm } from '@/app/registrar/requests/[id]/attachment-correction-form'
import { CouponBox } from '@/app/registrar/requests/[id]/coupon/coupon-box'
import { WrittenApplicationBox } from '@/app/registrar/requests/[id]/written-application-box'
import type { CalendarOverride } from '@/lib/calendar'
import type { DocumentRowDto } from '@/lib/documents/queries'
import type { CorrectionFormDto } from '@/lib/requests/correct'
import type { RequestDetailDto } from '@/lib/requests/queries'
import { complaintSubjectOf } from '@/lib/services/complaint/rules'
import { registryCertificateVariants } from '@/lib/services/registry-certificate/registries'

type PanelProps = {
  request: RequestDetailDto
  now: Date
  overrides: readonly CalendarOverride[]
  // The request's documents as the page's audience sees them, where the page shows them.
  documents?: readonly DocumentRowDto[]
}
type Panel = (props: PanelProps) => ReactNode | Promise<ReactNode>

// The pieces of a service's own screens that the shared request pages show beside the summary, by the page's
// audience. Each piece lives beside its service's route; a service with none is shown by the contract alone.
const panels: Record<string, Partial<Record<'registrar' | 'head' | 'patient', Panel>>> = {
  // The written application taken at the desk is printed for the applicant to sign (p.23); the coupon is printed for
  // an approved attachment (p.29); its decision, or the lack of one past the deadline, can be complained about (p.38).
  attachment: {
    registrar: ({ request, documents = [] }) => (
      <>
        <WrittenApplicationBox documents={documents} />
        <CouponBox request={request} />
      </>
    ),
    patient: ({ request, now }) => {
      const about = complaintSubjectOf(request, now)
      return about ? <ComplaintForm requestId={request.id} about={about} /> : null
    },
  },
  // Order ҚР ДСМ-49/2020: the time the result is due, the consent of the person asked about, where to follow and
  // complain (R·p.3-4, R·p.8-12); a decision or inaction past the 30 minutes can be complained about.
  ...Object.fromEntries(
    registryCertificateVariants.map((variant) => [
      variant.service,
      {
        patient: ({ request, now }: PanelProps) => {
          const about = complaintSubjectOf(request, now)
          return (
            <>
              <RegistryCertificatePanel request={request} now={now} />
              {about ? <ComplaintForm requestId={request.id} about={about} /> : null}
            </>
          )
        },
      },
    ]),
  ),
  // p.39-40: the head follows a forwarded complaint to the quality-control body and records its answer.
  complaint: {
    head: (props) => <QualityControlPanel {...props} />,
  },
}

// A service's own decision panel, where its decision is not the engine's approve / refuse in the desk's words: the
// complaint's outcomes (p.38-40). Others use the shared decision panel.
const decisionPanels: Record<string, Partial<Record<'head', Panel>>> = {
  complaint: { head: (props) => <ComplaintDecisionPanel {...props} /> },
}

export function serviceDecisionPanel(service: string, audience: 'head'): Panel | null {
  return decisionPanels[service]?.[audience] ?? null
}

export function ServicePanel({ audience, ...props }: PanelProps & { audience: 'registrar' | 'head' | 'patient' }) {
  const Panel = panels[props.request.service]?.[audience]
  return Panel ? <Panel {...props} /> : null
}

// A service's form for the facts a returned document was made from (ServiceDefinition.correction), on the
// registrar's request page.
const corrections: Record<string, (props: { correction: CorrectionFormDto }) => ReactNode> = {
  attachment: (props) => <AttachmentCorrectionForm {...props} />,
}

export function ServiceCorrectionForm({ service, correction }: { service: string; correction: CorrectionFormDto }) {
  const Form = corrections[service]
  return Form ? <Form correction={correction} /> : null
}
