import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { requireActor } from '@/lib/auth/session'
import { formatDay, formatInstant, localized } from '@/lib/i18n/format'
import { ageOn, almatyDay } from '@/lib/calendar'
import { normalizeIin, parseIin } from '@/lib/iin'
import { listSectionLoad } from '@/lib/organizations/queries'
import { findPatientForDesk } from '@/lib/patients/queries'
import { clientAddress } from '@/lib/request-context'
import { searchParamText } from '@/lib/route-params'
import { applicableDeskBases, mayUsePortalBases } from '@/lib/services/attachment/rules'
import { attachmentFacts } from '@/lib/services/attachment/validate'
import { defaultAddressKind, mayBePregnant } from '@/lib/services/attachment/rules/address'
import { isGuardianship } from '@/lib/services/attachment/rules/representative'
import { rankSections } from '@/lib/services/attachment/rules/sections'
import Link from 'next/link'
import { IinField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { DeskAttachmentForm } from './desk-attachment-form'
import { DeskModes } from './desk-modes'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('desk'))('heading') }
}

// Step 1: find the person by IIN; step 2: record the application, the documents presented and the phone (p.23-24).
export default async function DeskPage({
  searchParams,
}: {
  searchParams: Promise<{ iin?: string | string[]; registered?: string | string[] }>
}) {
  const actor = await requireActor('registrar')
  const t = await getTranslations('desk')
  const root = await getTranslations()
  const locale = await getLocale()
  const query = await searchParams
  const typed = searchParamText(query.iin, 20)
  // Issue 15: the registrar comes here from registering a walk-in, to take their application.
  const registered = searchParamText(query.registered, 1) === '1'
  const iin = normalizeIin(typed)
  const parsed = iin ? parseIin(iin) : null
  const error = parsed && !parsed.valid ? `errors.iin.${parsed.reason}` : null
  const db = getDb()
  const lookup = parsed?.valid ? await findPatientForDesk(db, actor, iin, await clientAddress()) : null
  const patient = lookup?.state === 'found' ? lookup.patient : null
  const sections = patient ? await listSectionLoad(db, actor) : []
  const today = almatyDay(new Date())
  const facts = patient ? await attachmentFacts(db, patient.id, today) : null
  return (
    <div className="space-y-3">
      <h1 className="text-lg font-bold">{t('heading')}</h1>
      <form
        method="get"
        role="search"
        className="flex flex-wrap items-start gap-2 rounded border border-slate-300 bg-white p-2 text-sm"
      >
        <IinField
          id="desk-iin"
          name="iin"
          dense
          width="narrow"
          label={root('patient.iin')}
          defaultValue={typed}
          autoFocus={!patient}
          error={error ?? undefined}
        />
        <button type="submit" className="mt-6 rounded bg-brand px-3 py-1 font-bold text-white hover:bg-brand-dark">
          {t('find')}
        </button>
        {lookup?.state === 'not_found' ? (
          <p role="status" className="w-full">
            {t('notFound')}{' '}
            <Link href={`/registrar/patients/new?iin=${iin}`} className="font-bold text-brand underline">
              {root('registration.register')}
            </Link>
          </p>
        ) : null}
        {lookup?.state === 'rate_limited' ? (
          <p role="alert" className="w-full text-red-700">
            {root('errors.desk.tooManyLookups', { time: formatInstant(lookup.until).slice(-5) })}
          </p>
        ) : null}
      </form>
      {patient ? (
        <>
          {registered ? <Notice>{root('registration.registered', { name: patient.name })}</Notice> : null}
          <section aria-labelledby="desk-person" className="rounded border border-slate-300 bg-white p-3 text-sm">
            <h2 id="desk-person" className="font-bold">
              {patient.name} <span className="font-mono font-normal text-slate-600">{patient.iin}</span>
            </h2>
            <p>
              {root(`patient.statuses.${patient.status}`)}
              {patient.residence ? `, ${root(`patient.residences.${patient.residence}`)}` : ''} · {root('patient.birthDate')}:{' '}
              {formatDay(patient.birthDate)} · {root('patient.phone')}: {patient.phone ?? root('patient.none')} ·{' '}
              {root('requests.fields.currentAttachment')}:{' '}
              {patient.currentClinicKk && patient.currentClinicRu
                ? localized(locale, patient.currentClinicKk, patient.currentClinicRu)
                : root('patient.attachment.none')}
            </p>
          </section>
          <DeskModes iin={patient.iin} family={false} />
          <DeskAttachmentForm
            patient={{
              id: patient.id,
              address: patient.address,
              hasPhone: patient.phone !== null,
              child: ageOn(patient.birthDate, today) < 18,
              newborn: ageOn(patient.birthDate, today) < 6,
              addressKind: defaultAddressKind(patient.birthDate, today),
              mayBePregnant: mayBePregnant(patient, today),
              ward: ageOn(patient.birthDate, today) >= 18 && patient.representatives.some((link) => isGuardianship(link.basis)),
              insuranceOnly: !mayUsePortalBases(patient.status, patient.residence),
              representatives: patient.representatives.map((link) => ({
                iin: link.iin,
                name: link.name,
                role: t(`representation.roles.${link.basis}`),
              })),
            }}
            bases={facts ? applicableDeskBases({ ...facts, today }) : []}
            clinicId={actor.organizationId}
            openedAt={new Date().toISOString()}
            sections={rankSections(
              sections.map((section) => ({
                ...section,
                attached: section.attachedCount,
                norm: section.capacityNorm,
              })),
              patient,
              today,
            ).map((section) => ({
              id: section.id,
              label: `№${section.number} — ${section.doctors.join(', ') || '—'} (${section.attachedCount}/${section.capacityNorm})`,
            }))}
          />
        </>
      ) : null}
    </div>
  )
}
