import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { changeLanguage } from '@/app/actions'
import { PublicHeader } from '@/components/shell/public-header'
import { getDb } from '@/db/client'
import { normalizeVerificationCode } from '@/lib/documents/verification-code-format'
import { formatDay, formatInstant, localized } from '@/lib/i18n/format'
import { clientAddress, requestNow } from '@/lib/request-context'
import { verifyByCode, type DocumentVerificationDto } from '@/lib/verification/lookup'
import { VerdictPanel } from '../verdict-panel'

type Props = { params: Promise<{ code: string }> }

// The title names the code as typed (normalized when it can be); it never looks the document up, so opening a page
// counts one attempt, not two.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { code } = await params
  const t = await getTranslations('verify')
  const normalized = normalizeVerificationCode(code)
  return {
    title: normalized ? t('titleWithCode', { code: normalized }) : t('title'),
    robots: { index: false, follow: false },
  }
}

export default async function VerifyCodePage({ params }: Props) {
  const { code } = await params
  const now = await requestNow()
  const result = await verifyByCode(getDb(), code, await clientAddress(), now)
  // Unknown and malformed codes end here alike (verify/[code]/not-found.tsx, HTTP 404).
  if (result.state === 'not_found') notFound()
  const t = await getTranslations('verify')
  return (
    <div className="min-h-screen">
      <PublicHeader changeLanguage={changeLanguage} />
      <main className="mx-auto max-w-3xl px-3 py-6">
        {result.state === 'rate_limited' ? (
          <VerdictPanel tone="rate_limited" heading={t('rateLimitedHeading')}>
            <p>{t('rateLimited', { time: formatInstant(result.until).slice(-5) })}</p>
          </VerdictPanel>
        ) : (
          <DocumentVerification document={result.document} checkedAt={now} />
        )}
        <Link href="/verify" className="text-sm font-bold text-brand underline">
          {t('another')}
        </Link>
      </main>
    </div>
  )
}

async function DocumentVerification({ document, checkedAt }: { document: DocumentVerificationDto; checkedAt: Date }) {
  const t = await getTranslations('verify')
  const root = await getTranslations()
  const locale = await getLocale()
  const rows: [string, React.ReactNode][] = [
    [t('fields.document'), t('documentLine', { kind: root(`documents.kinds.${document.kind}`), number: document.number })],
    [t('fields.clinic'), localized(locale, document.clinic.nameKk, document.clinic.nameRu)],
    ...(document.issuedOn ? [[t('fields.issuedOn'), formatDay(document.issuedOn)] as [string, string]] : []),
    ...(document.validity
      ? [
          [
            t('fields.validity'),
            t(document.validity.expired ? 'expiredLine' : 'validThroughLine', {
              date: formatDay(document.validity.validThrough),
            }),
          ] as [string, string],
        ]
      : []),
    [t('fields.patient'), t('patientLine', { initials: document.patient.initials, iin: document.patient.maskedIin })],
  ]
  if (document.signer)
    rows.push([
      t('fields.signer'),
      t('signerLine', { name: document.signer.name, role: root(`shell.roles.${document.signer.role}`) }),
    ])
  if (document.certificate) {
    const { commonName, maskedIin, organization } = document.certificate
    rows.push([t('fields.signedBy'), maskedIin ? t('signedByLine', { name: commonName, iin: maskedIin }) : commonName])
    rows.push([
      t('fields.organization'),
      organization ? t('organizationLine', { name: organization.name, bin: organization.bin }) : t('noOrganization'),
    ])
    rows.push([t('fields.certificate'), <span className="break-all">{document.certificate.subject}</span>])
    rows.push([t('fields.issuer'), <span className="break-all">{document.certificate.issuer}</span>])
    rows.push([t('fields.serial'), <span className="font-mono break-all">{document.certificate.serial}</span>])
  }
  if (document.signedAt) rows.push([t('fields.signedAt'), formatInstant(document.signedAt, locale)])
  if (document.checkMessageKey) rows.push([t('fields.check'), root(document.checkMessageKey as 'signing.check.valid')])
  if (document.revoked)
    rows.push([
      t('fields.revoked'),
      t('revokedLine', { date: formatInstant(document.revoked.at, locale), reason: document.revoked.reason }),
    ])
  if (document.supersededBy) rows.push([t('fields.supersededBy'), t('numberLine', { number: document.supersededBy })])
  if (document.supersedes) rows.push([t('fields.supersedes'), t('numberLine', { number: document.supersedes })])
  rows.push([t('fields.code'), <span className="font-mono">{document.code}</span>])

  return (
    <>
      <VerdictPanel tone={document.verdict} heading={t(`verdict.${document.verdict}`)}>
        <p>{t(`verdictText.${document.verdict}`)}</p>
        {document.validity && (document.verdict === 'genuine' || document.verdict === 'expired') ? (
          <p className="mt-1 font-bold">
            {t(document.validity.expired ? 'expiredLine' : 'validThroughLine', {
              date: formatDay(document.validity.validThrough),
            })}
          </p>
        ) : null}
        {document.checkMessageKey ? (
          <p className="mt-1 text-xs">{t('checkedAt', { time: formatInstant(checkedAt, locale) })}</p>
        ) : null}
      </VerdictPanel>
      <dl className="mb-4 divide-y divide-slate-100 rounded border border-slate-300 bg-white px-3 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="py-1.5 sm:grid sm:grid-cols-[13rem_1fr] sm:gap-x-4">
            <dt className="font-bold text-slate-700">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="mb-4 text-xs text-slate-600">{t('privacy')}</p>
    </>
  )
}
