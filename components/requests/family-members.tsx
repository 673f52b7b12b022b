import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import type { RequestDetailDto } from '@/lib/requests/queries'
import { StatusBadge } from './status-badge'

// p.30 para 2: the request was submitted with the family's other members, on one member's written consent.
export async function FamilyMembers({
  family,
  hrefFor,
}: {
  family: NonNullable<RequestDetailDto['family']>
  hrefFor: (requestId: string) => string
}) {
  const t = await getTranslations('family')
  return (
    <section aria-labelledby="family-heading" className="space-y-2 rounded border border-slate-300 bg-white p-3 text-sm">
      <h2 id="family-heading" className="font-bold">
        {t('heading')}
      </h2>
      <p>{t('applicant', { name: family.applicantName })}</p>
      <h3 className="text-slate-600">{t('others')}</h3>
      <ul className="divide-y divide-slate-100">
        {family.members.map((member) => (
          <li key={member.requestId} className="flex flex-wrap items-center gap-2 py-1">
            <Link href={hrefFor(member.requestId)} className="font-bold text-brand tabular-nums hover:underline">
              №{member.number}
            </Link>
            <span>{member.patientName}</span>
            <StatusBadge status={member.status} />
          </li>
        ))}
      </ul>
    </section>
  )
}
