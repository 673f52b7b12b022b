import { getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { DeadlineBadge } from '@/components/requests/deadline-badge'
import type { StaffActor } from '@/lib/auth/actor'
import { inboxLimit, listDocumentsAwaitingSignature } from '@/lib/documents/inbox'
import { clientAddress } from '@/lib/request-context'
import { loadCalendarOverrides } from '@/lib/requests/context'
import { signingConfig } from '@/lib/signing/config'
import { SigningInbox } from '@/components/signing/signing-inbox'
import { refuseToSignDocument, signDocuments, submitNcaLayerSignatures } from '@/app/doctor/sign/actions'

// The signing inbox as every signer's route shows it (/doctor/sign, /registrar/sign, /head/sign): the page reads the
// documents and passes them, with the signing actions, to the inbox component.
export async function SigningInboxPage({ actor }: { actor: StaffActor }) {
  const t = await getTranslations('signingInbox')
  const db = getDb()
  const now = new Date()
  const address = await clientAddress()
  const [documents, overrides] = await Promise.all([
    listDocumentsAwaitingSignature(db, actor, { address, now }),
    loadCalendarOverrides(db, now),
  ])
  const rows = documents.map((document) => ({
    id: document.id,
    kind: document.kind,
    number: document.number,
    version: document.version,
    snapshotHash: document.snapshotHash,
    onBehalfOfClinic: document.onBehalfOfClinic,
    patientName: document.patientName,
    patientIin: document.patientIin,
    requestNumber: document.requestNumber,
    due: document.dueAt ? <DeadlineBadge due={document.dueAt} now={now} overrides={overrides} /> : '—',
  }))
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-baseline gap-x-3">
        <h1 className="text-lg font-bold">{t('heading')}</h1>
        <p className="text-sm text-slate-600" data-testid="inbox-count">
          {t('count', { count: documents.length })}
          {documents.length >= inboxLimit ? ` ${t('limited', { limit: inboxLimit })}` : ''}
        </p>
      </div>
      <SigningInbox
        rows={rows}
        demoPki={signingConfig().demoPki}
        actions={{ signDocuments, submitNcaLayerSignatures, refuseToSignDocument }}
      />
    </div>
  )
}
