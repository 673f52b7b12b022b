import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { requireActor } from '@/lib/auth/session'
import { formatInstant } from '@/lib/i18n/format'
import type { MessageKey } from '@/lib/i18n/messages'
import { listMyConsentRequests } from '@/lib/services/registry-certificate/consent'
import { ConsentAnswerButtons } from './consent-answer-buttons'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('registryCertificate.consent'))('listHeading') }
}

// R·p.4, rule 13: the requests for certificates about the person signed in, with who asks; she gives or refuses her
// consent here. Nobody else sees this list.
export default async function ConsentsPage() {
  const actor = await requireActor('patient')
  const t = await getTranslations('registryCertificate.consent')
  const root = await getTranslations()
  const rows = await listMyConsentRequests(getDb(), actor)
  const now = new Date()
  return (
    <div className="space-y-3">
      <h1 className="text-lg font-bold">{t('listHeading')}</h1>
      <p className="text-sm text-slate-700">{t('listIntro')}</p>
      {rows.length === 0 ? (
        <p role="status" className="rounded border border-slate-300 bg-white p-3 text-sm">
          {t('none')}
        </p>
      ) : (
        <table className="w-full border-collapse bg-white text-sm">
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th className="p-2">{t('requester')}</th>
              <th className="p-2">{t('service')}</th>
              <th className="p-2">{t('asked')}</th>
              <th className="p-2">{t('until')}</th>
              <th className="p-2" />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const open = row.status === 'pending' && row.expiresAt > now
              return (
                <tr key={row.requestId} className="border-b border-slate-200 align-top">
                  <td className="p-2 font-bold">{row.requester}</td>
                  <td className="p-2">{root(`services.${row.service}.name` as MessageKey)}</td>
                  <td className="p-2 whitespace-nowrap">{formatInstant(row.askedAt)}</td>
                  <td className="p-2 whitespace-nowrap">{formatInstant(row.expiresAt)}</td>
                  <td className="p-2">
                    {open ? (
                      <ConsentAnswerButtons requestId={row.requestId} />
                    ) : (
                      <span role="status">
                        {row.status === 'given'
                          ? t('answeredGive')
                          : row.status === 'refused'
                            ? t('answeredRefuse')
                            : t('answeredTimeout')}
                      </span>
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </div>
  )
}
