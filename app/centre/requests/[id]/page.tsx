import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { DocumentList } from '@/components/documents/document-list'
import { EscapeTo } from '@/components/requests/escape-to'
import { RequestSummary } from '@/components/requests/request-summary'
import { Panel } from '@/components/ui/panel'
import { requireActor } from '@/lib/auth/session'
import { listRequestDocumentsForStaff } from '@/lib/documents/queries'
import { formatDay, formatInstant } from '@/lib/i18n/format'
import { serverTranslate } from '@/lib/i18n/server'
import { clientAddress } from '@/lib/request-context'
import { loadCalendarOverrides } from '@/lib/requests/context'
import { getRequestForStaff } from '@/lib/requests/queries'
import { requestSummary } from '@/lib/requests/summary'
import { calendarClockServices } from '@/lib/services'
import { uncertainMatchFor } from '@/lib/services/registry-certificate/queries'
import { UncertainMatchForm } from './uncertain-match-form'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('requests'))('pageTitle') }
}

// Issue 16: a certificate request at the centre: what was asked, and for an uncertain match the person beside the
// registry's records of the same birth date, to decide within the 30 minutes.
export default async function CentreRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor('dispensary_doctor')
  const { id } = await params
  const db = getDb()
  const address = await clientAddress()
  const request = await getRequestForStaff(db, actor, id, address)
  if (!request) notFound()
  const t = await getTranslations('registryCertificate')
  const back = await getTranslations('centreQueue')
  const locale = await getLocale()
  const now = new Date()
  const [documents, overrides, summary] = await Promise.all([
    listRequestDocumentsForStaff(db, actor, request.id),
    loadCalendarOverrides(db, now),
    requestSummary(db, request, await serverTranslate(), locale),
  ])
  const match = request.status === 'in_review' ? await uncertainMatchFor(db, actor, request, address) : null
  return (
    <div className="grid gap-3 xl:grid-cols-[1fr_28rem]">
      <div className="space-y-2">
        <EscapeTo href="/centre/queue" />
        <Link href="/centre/queue" className="text-sm font-bold text-brand hover:underline" aria-keyshortcuts="Escape">
          ← {back('heading')}
        </Link>
        <RequestSummary
          request={request}
          {...summary}
          now={now}
          overrides={overrides}
          audience="staff"
          calendarClock={calendarClockServices().includes(request.service)}
          requestHref={(other) => `/centre/requests/${other}`}
        />
        {documents.length > 0 ? (
          <DocumentList documents={documents} hrefFor={(document) => `/documents/${document.id}/pdf`} />
        ) : null}
      </div>
      {match ? (
        <div className="self-start">
          <Panel id="uncertain-match" title={t('panel.heading')}>
            <div className="space-y-2 text-sm">
              <p>{t('panel.intro', { due: formatInstant(request.dueAt) })}</p>
              <p className="font-bold">
                {t('panel.person', {
                  name: match.subject.name,
                  birthDate: formatDay(match.subject.birthDate),
                  iin: match.subject.iin,
                })}
              </p>
              <ul className="list-disc space-y-1 pl-5">
                {match.candidates.map((candidate) => (
                  <li key={candidate.id}>
                    {t('panel.record', {
                      id: candidate.id,
                      name: candidate.name,
                      birthDate: formatDay(candidate.birthDate),
                      iin: candidate.iin ?? t('panel.noIin'),
                      group: candidate.group,
                    })}
                  </li>
                ))}
              </ul>
              <UncertainMatchForm requestId={request.id} version={request.version} />
            </div>
          </Panel>
        </div>
      ) : null}
    </div>
  )
}
