import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { DocumentList } from '@/components/documents/document-list'
import { EscapeTo } from '@/components/requests/escape-to'
import { FamilyMembers } from '@/components/requests/family-members'
import { RequestSummary } from '@/components/requests/request-summary'
import { requireActor } from '@/lib/auth/session'
import { listRequestDocumentsForStaff } from '@/lib/documents/queries'
import { clientAddress } from '@/lib/request-context'
import { loadCalendarOverrides } from '@/lib/requests/context'
import { approvalChoicesOf, getRequestForStaff } from '@/lib/requests/queries'
import { refusalGroundChoices } from '@/lib/services'
import { isOpen } from '@/lib/requests/status'
import { requestSummary } from '@/lib/requests/summary'
import { serverTranslate } from '@/lib/i18n/server'
import { ServiceCorrectionForm, ServicePanel } from '@/app/_services/panels'
import { Notice } from '@/components/ui/notice'
import { Panel } from '@/components/ui/panel'
import { correctionFormOf } from '@/lib/requests/correct'
import { searchParamText } from '@/lib/route-params'
import type { Locale } from '@/db/schema'
import type { DocumentKind } from '@/lib/documents/kinds'
import { DecisionPanel } from './decision-panel'
import { ReissueDocumentButton } from './reissue-document-button'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('requests'))('pageTitle') }
}

export default async function RegistrarRequestPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  // `corrected`: the number of the document a correction just made (shown once, after the redirect).
  searchParams: Promise<{ corrected?: string | string[] }>
}) {
  const actor = await requireActor('registrar')
  const { id } = await params
  const correctedParam = searchParamText((await searchParams).corrected, 20)
  const corrected = /^[0-9]+$/.test(correctedParam) ? correctedParam : null
  const t = await getTranslations('decision')
  const locale = await getLocale()
  const db = getDb()
  const request = await getRequestForStaff(db, actor, id, await clientAddress())
  if (!request) notFound()
  const documents = await listRequestDocumentsForStaff(db, actor, request.id)
  const now = new Date()
  const overrides = await loadCalendarOverrides(db, now)
  const summary = await requestSummary(db, request, await serverTranslate(), locale)
  const choices = isOpen(request.status) ? await approvalChoicesOf(db, actor, request, locale) : []
  const correction = await correctionFormOf(db, actor, request.id, locale as Locale)
  const root = await getTranslations()
  return (
    <div className="grid gap-3 xl:grid-cols-[1fr_26rem]">
      <div className="space-y-2">
        <EscapeTo href="/registrar/queue" />
        <Link href="/registrar/queue" className="text-sm font-bold text-brand hover:underline" aria-keyshortcuts="Escape">
          ← {t('backToQueue')}
        </Link>
        <RequestSummary
          request={request}
          {...summary}
          now={now}
          overrides={overrides}
          audience="staff"
          requestHref={(other) => `/registrar/requests/${other}`}
        />
        {request.family ? <FamilyMembers family={request.family} hrefFor={(id) => `/registrar/requests/${id}`} /> : null}
        {documents.length > 0 ? (
          <DocumentList
            documents={documents}
            hrefFor={(document) => `/documents/${document.id}/pdf`}
            actionsFor={(document) =>
              document.status === 'draft' && !document.supersededBy ? (
                <ReissueDocumentButton documentId={document.id} version={document.version} />
              ) : null
            }
          />
        ) : null}
      </div>
      {/* The right column: what the service adds (the application to print, the coupon), then the decision. */}
      <div className="space-y-3 self-start">
        {corrected ? <Notice>{root('requests.correction.done', { number: corrected })}</Notice> : null}
        {correction ? (
          <Panel id="correction" title={root('requests.correction.heading')}>
            <div className="space-y-2">
              <Notice tone="warning">
                {root('requests.correction.lead', {
                  kind: root(`documents.kinds.${correction.document.kind as DocumentKind}`),
                  number: correction.document.number,
                  reason: correction.document.reason,
                })}
              </Notice>
              <p className="text-xs text-slate-700">{root('requests.correction.hint')}</p>
              <ServiceCorrectionForm service={request.service} correction={correction} />
            </div>
          </Panel>
        ) : null}
        <ServicePanel audience="registrar" request={request} now={now} overrides={overrides} documents={documents} />
        {isOpen(request.status) ? (
          <DecisionPanel
            requestId={request.id}
            version={request.version}
            canTake={request.status === 'submitted'}
            familyCount={request.family ? 1 + request.family.members.filter((member) => isOpen(member.status)).length : undefined}
            grounds={refusalGroundChoices(request.service, locale)}
            choices={choices}
          />
        ) : null}
      </div>
    </div>
  )
}
