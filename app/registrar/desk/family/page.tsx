import type { Metadata } from 'next'
import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { requireActor } from '@/lib/auth/session'
import { ageOn, almatyDay } from '@/lib/calendar'
import { formatDay, formatInstant, localized } from '@/lib/i18n/format'
import { normalizeIin, parseIin } from '@/lib/iin'
import { listSectionLoad } from '@/lib/organizations/queries'
import { findPatientForDesk } from '@/lib/patients/queries'
import { clientAddress } from '@/lib/request-context'
import { searchParamText } from '@/lib/route-params'
import { DeskModes } from '../desk-modes'
import { DeskFamilyForm } from './desk-family-form'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('deskFamily'))('heading') }
}

// Rules of attachment p.30 para 2: the person found at the desk applies for the family, on their written consent.
export default async function DeskFamilyPage({ searchParams }: { searchParams: Promise<{ iin?: string | string[] }> }) {
  const actor = await requireActor('registrar')
  const t = await getTranslations('desk')
  const root = await getTranslations()
  const locale = await getLocale()
  const iin = normalizeIin(searchParamText((await searchParams).iin, 20))
  const db = getDb()
  const lookup = parseIin(iin).valid ? await findPatientForDesk(db, actor, iin, await clientAddress()) : null
  if (lookup?.state !== 'found') {
    return (
      <div className="space-y-3">
        <h1 className="text-lg font-bold">{t('heading')}</h1>
        <p role="status" className="rounded border border-slate-300 bg-white p-3 text-sm">
          {lookup?.state === 'rate_limited'
            ? root('errors.desk.tooManyLookups', { time: formatInstant(lookup.until).slice(-5) })
            : t('notFound')}{' '}
          <Link href="/registrar/desk" className="font-bold text-brand hover:underline">
            {t('find')}
          </Link>
        </p>
      </div>
    )
  }
  const applicant = lookup.patient
  const sections = await listSectionLoad(db, actor)
  const today = almatyDay(new Date())
  return (
    <div className="space-y-3">
      <h1 className="text-lg font-bold">{t('heading')}</h1>
      <section aria-labelledby="desk-person" className="rounded border border-slate-300 bg-white p-3 text-sm">
        <h2 id="desk-person" className="font-bold">
          {applicant.name} <span className="font-mono font-normal text-slate-600">{applicant.iin}</span>
        </h2>
        <p>
          {root('patient.birthDate')}: {formatDay(applicant.birthDate)} · {root('requests.fields.currentAttachment')}:{' '}
          {applicant.currentClinicKk && applicant.currentClinicRu
            ? localized(locale, applicant.currentClinicKk, applicant.currentClinicRu)
            : root('patient.attachment.none')}
        </p>
      </section>
      <DeskModes iin={applicant.iin} family />
      <DeskFamilyForm
        applicant={{
          id: applicant.id,
          iin: applicant.iin,
          name: applicant.name,
          address: applicant.address,
          child: ageOn(applicant.birthDate, today) < 18,
        }}
        clinicId={actor.organizationId}
        openedAt={new Date().toISOString()}
        sections={sections.map((section) => ({
          id: section.id,
          label: `№${section.number} — ${section.doctors.join(', ') || '—'} (${section.attachedCount}/${section.capacityNorm})`,
        }))}
      />
    </div>
  )
}
