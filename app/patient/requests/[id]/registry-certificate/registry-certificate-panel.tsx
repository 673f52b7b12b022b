import { getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { RefreshWhile } from '@/components/ui/refresh-while'
import { formatInstant } from '@/lib/i18n/format'
import type { RequestDetailDto } from '@/lib/requests/queries'
import { consentStateFor } from '@/lib/services/registry-certificate/consent'
import { ConsentCodeForm } from './consent-code-form'

// The requester's side of a registry certificate (R·p.3-4, list row 11): when the result is due, the consent of the
// person asked about while it is awaited, and where to follow the request and complain (rule 32).
export async function RegistryCertificatePanel({ request, now }: { request: RequestDetailDto; now: Date }) {
  const t = await getTranslations('registryCertificate')
  const open = request.status === 'submitted' || request.status === 'in_review'
  const consent = await consentStateFor(getDb(), request.id)
  const waiting = open && consent?.status === 'pending' && consent.expiresAt > now
  // Handed to the centre's information system and not picked up yet: a matter of moments (decideSoon).
  const handedOver = request.status === 'submitted' && consent === null
  return (
    <section
      aria-labelledby="registry-certificate-heading"
      className="space-y-2 rounded border border-slate-300 bg-white p-3 text-sm"
    >
      <h2 id="registry-certificate-heading" className="sr-only">
        {t('progress')}
      </h2>
      {open ? <p className="font-bold">{t('readyBy', { due: formatInstant(request.dueAt) })}</p> : null}
      {handedOver ? <p role="status">{t('handedOver')}</p> : null}
      {consent ? (
        <div className="space-y-2">
          <h3 className="font-bold">{t('consent.heading')}</h3>
          {waiting ? (
            <>
              <p>{t('consent.waiting', { until: formatInstant(consent.expiresAt) })}</p>
              <ConsentCodeForm requestId={request.id} />
            </>
          ) : (
            <p role="status">
              {consent.status === 'given'
                ? t('consent.given')
                : consent.status === 'refused'
                  ? t('consent.refused')
                  : t('consent.expired')}
            </p>
          )}
        </div>
      ) : null}
      <p className="text-xs text-slate-600">{t('status')}</p>
      {/* While the centre's system works or the person is asked, the page follows it without a reload. */}
      <RefreshWhile active={open} everyMs={handedOver ? 1000 : 5000} />
    </section>
  )
}
