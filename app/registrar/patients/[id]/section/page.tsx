import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import type { Locale } from '@/db/schema'
import { Notice } from '@/components/ui/notice'
import { Panel } from '@/components/ui/panel'
import { requireActor } from '@/lib/auth/session'
import { almatyDay } from '@/lib/calendar'
import { formatDay, formatInstant } from '@/lib/i18n/format'
import { getPatientCard } from '@/lib/patients/queries'
import { clientAddress } from '@/lib/request-context'
import { rowIdParam } from '@/lib/route-params'
import { getSectionChangeForm } from '@/lib/services/attachment/correction/section-change'
import { SectionChangeForm } from './section-change-form'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('sectionChange'))('heading') }
}

// Rules of attachment p.18: a person attached to the clinic moves to another of its sections (the registrar at the
// desk), with a reason; the history shows every section the attachment had.
export default async function SectionChangePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor('registrar')
  const t = await getTranslations('sectionChange')
  const locale = (await getLocale()) as Locale
  const patientId = rowIdParam((await params).id)
  const db = getDb()
  const address = await clientAddress()
  const card = patientId ? await getPatientCard(db, actor, patientId, address) : null
  if (!card || !patientId) notFound()
  const form = await getSectionChangeForm(db, actor, patientId, { locale, today: almatyDay(new Date()), address })
  return (
    <div className="max-w-5xl space-y-3">
      <Link href={`/registrar/patients/${patientId}`} className="text-sm font-bold text-brand hover:underline">
        ← {[card.lastName, card.firstName, card.middleName].filter(Boolean).join(' ')}
      </Link>
      <Panel id="section-change" title={t('heading')} level={1} headingClassName="mb-1 text-lg font-bold">
        <p className="mb-2 text-sm text-slate-700">{t('lead')}</p>
        {form ? (
          <div className="grid gap-3 md:grid-cols-[16rem_1fr]">
            <dl className="space-y-1 text-sm">
              <div>
                <dt className="text-slate-600">{t('patient')}</dt>
                <dd className="font-bold">{form.patientName}</dd>
              </div>
              <div>
                <dt className="text-slate-600">{t('current')}</dt>
                <dd className="font-bold" data-testid="current-section">
                  {form.attachment.sectionNumber ? `№${form.attachment.sectionNumber}` : t('none')}
                </dd>
              </div>
              <div>
                <dt className="text-slate-600">{t('attachedFrom')}</dt>
                <dd className="tabular-nums">{formatDay(form.attachment.validFrom)}</dd>
              </div>
            </dl>
            <SectionChangeForm patientId={patientId} version={form.attachment.version} choice={form.choice} />
          </div>
        ) : (
          <Notice tone="warning">{t('noAttachment')}</Notice>
        )}
      </Panel>
      {form ? (
        <Panel id="section-history" title={t('history')}>
          {form.history.length === 0 ? (
            <p className="text-sm text-slate-600">{t('empty')}</p>
          ) : (
            <table className="w-full border-collapse text-sm">
              <thead>
                <tr className="border-b border-slate-300 text-left">
                  <th className="p-1.5">{t('columns.when')}</th>
                  <th className="p-1.5">{t('columns.from')}</th>
                  <th className="p-1.5">{t('columns.to')}</th>
                  <th className="p-1.5">{t('columns.cause')}</th>
                  <th className="p-1.5">{t('columns.reason')}</th>
                  <th className="p-1.5">{t('columns.who')}</th>
                </tr>
              </thead>
              <tbody>
                {form.history.map((row) => (
                  <tr key={row.id} className="border-b border-slate-200 align-top" data-row>
                    <td className="p-1.5 whitespace-nowrap tabular-nums">{formatInstant(row.changedAt, locale)}</td>
                    <td className="p-1.5">{row.fromNumber ? `№${row.fromNumber}` : t('none')}</td>
                    <td className="p-1.5 font-bold">№{row.toNumber}</td>
                    <td className="p-1.5">{t(`causes.${row.cause}`)}</td>
                    <td className="p-1.5">{row.reason}</td>
                    <td className="p-1.5">{row.changedByName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
      ) : null}
    </div>
  )
}
