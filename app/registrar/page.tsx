import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { PatientSearch } from '@/components/patients/patient-search'
import { ServiceLinks } from '@/components/requests/service-links'
import { requireActor } from '@/lib/auth/session'
import { searchBeyondClinic, searchPatients } from '@/lib/patients/queries'
import { parseSearchQuery, searchEchoLimit } from '@/lib/patients/search-query'
import { searchParamText } from '@/lib/route-params'
import { clientAddress } from '@/lib/request-context'
import type { MessageKey } from '@/lib/i18n/messages'
import { servicesOffered } from '@/lib/services'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('patientSearch'))('heading') }
}

export default async function RegistrarHome({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const actor = await requireActor('registrar')
  const query = searchParamText((await searchParams).q, searchEchoLimit)
  const parsed = parseSearchQuery(query)
  const searched = parsed.kind !== 'empty' && parsed.kind !== 'invalid'
  const view = { address: await clientAddress(), now: new Date() }
  const db = getDb()
  const [outcome, beyond] = searched
    ? await Promise.all([searchPatients(db, actor, parsed, view), searchBeyondClinic(db, actor, parsed, view)])
    : [null, null]
  const root = await getTranslations()
  const atDesk = servicesOffered('desk', actor.role).map((service) => ({
    ...service,
    name: root(`services.${service.id}.name` as MessageKey),
  }))
  return (
    <div className="space-y-2">
      <PatientSearch
        query={query}
        error={parsed.kind === 'invalid' ? parsed.error : outcome?.state === 'refine' ? 'errors.search.refine' : undefined}
        results={outcome?.state === 'done' ? outcome.value : null}
        beyond={beyond}
        hrefFor={(id) => `/registrar/patients/${id}`}
        deskHrefFor={(iin) => `/registrar/desk?${new URLSearchParams({ iin })}`}
        nothingFound={
          // Nobody here or elsewhere: a typed IIN goes to the desk (which asks the national register), a name to the
          // walk-in registration.
          <Link
            href={parsed.kind === 'iin' ? `/registrar/desk?iin=${parsed.iin}` : '/registrar/patients/new'}
            className="inline-block text-sm font-bold text-brand underline"
          >
            {root(parsed.kind === 'iin' ? 'registration.findAtDesk' : 'registration.register')}
          </Link>
        }
      />
      <ServiceLinks heading={root('newRequest.atDesk')} services={atDesk} />
    </div>
  )
}
