import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { IinField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { requireActor } from '@/lib/auth/session'
import { almatyDay } from '@/lib/calendar'
import { formatInstant } from '@/lib/i18n/format'
import { normalizeIin, parseIin } from '@/lib/iin'
import { lookUpWalkIn } from '@/lib/patients/registration/lookup'
import { registerOfIndividuals } from '@/lib/register-of-individuals'
import { clientAddress } from '@/lib/request-context'
import { searchParamText } from '@/lib/route-params'
import { RegistrationForm, type RegistrationDefaults } from './registration-form'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('registration'))('heading') }
}

// Issue 15: step 1, the IIN (checked; the database and the national register asked); step 2, the person's identity
// from the document presented, prefilled from the register when it knows them.
export default async function RegisterWalkInPage({ searchParams }: { searchParams: Promise<{ iin?: string | string[] }> }) {
  const actor = await requireActor('registrar')
  const t = await getTranslations('registration')
  const root = await getTranslations()
  const typed = searchParamText((await searchParams).iin, 20)
  const iin = normalizeIin(typed)
  const parsed = iin ? parseIin(iin) : null
  const error = parsed && !parsed.valid ? `errors.iin.${parsed.reason}` : null
  const lookup = parsed?.valid
    ? await lookUpWalkIn(getDb(), actor, iin, { address: await clientAddress(), register: registerOfIndividuals() })
    : null
  const today = almatyDay(new Date())
  const found = lookup?.state === 'found' ? lookup.person : null
  const defaults: RegistrationDefaults | null =
    parsed?.valid && lookup && lookup.state !== 'in_database' && lookup.state !== 'rate_limited'
      ? {
          iin,
          lastName: found?.lastName ?? '',
          firstName: found?.firstName ?? '',
          middleName: found?.middleName ?? '',
          birthDate: found?.birthDate ?? parsed.birthDate ?? '',
          sex: found?.sex ?? parsed.sex ?? undefined,
          status: found?.status ?? 'citizen',
          residence: found?.residence ?? '',
          address: found?.address ?? '',
          phone: '',
          phoneConsent: false,
        }
      : null
  return (
    <div className="space-y-3">
      <h1 className="text-lg font-bold">{t('heading')}</h1>
      <p className="max-w-4xl text-sm text-slate-700">{t('lead')}</p>
      <form
        method="get"
        role="search"
        className="flex flex-wrap items-start gap-2 rounded border border-slate-300 bg-white p-2 text-sm"
      >
        <IinField
          id="registration-find-iin"
          name="iin"
          dense
          width="narrow"
          label={root('patient.iin')}
          defaultValue={typed}
          autoFocus={!defaults}
          error={error ?? undefined}
        />
        <button type="submit" className="mt-6 rounded bg-brand px-3 py-1 font-bold text-white hover:bg-brand-dark">
          {t('find')}
        </button>
      </form>
      {lookup?.state === 'in_database' ? (
        <Notice tone="warning">
          {t('alreadyInDatabase')}{' '}
          <Link href={`/registrar/desk?iin=${lookup.iin}`} className="font-bold underline">
            {t('openAtDesk')}
          </Link>
        </Notice>
      ) : null}
      {lookup?.state === 'rate_limited' ? (
        <Notice tone="error">{root('errors.desk.tooManyLookups', { time: formatInstant(lookup.until).slice(-5) })}</Notice>
      ) : null}
      {lookup?.state === 'found' ? <Notice>{t('fromRegister', { adapter: lookup.adapter })}</Notice> : null}
      {lookup?.state === 'not_found' ? <Notice tone="warning">{t('notInRegister')}</Notice> : null}
      {lookup?.state === 'unavailable' ? <Notice tone="warning">{t('registerUnavailable')}</Notice> : null}
      {defaults ? <RegistrationForm key={iin} defaults={defaults} today={today} /> : null}
    </div>
  )
}
