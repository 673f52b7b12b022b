import { getTranslations } from 'next-intl/server'
import type { RequestDetailDto } from '@/lib/requests/queries'

// Rules of attachment p.29: the 064/e coupon of an approved attachment, printed at the desk.
export async function CouponBox({ request }: { request: RequestDetailDto }) {
  if (request.status !== 'approved') return null
  const t = await getTranslations('decision')
  return (
    <section
      aria-labelledby="coupon-heading"
      className="space-y-2 self-start rounded border border-slate-300 bg-white p-3 text-sm"
    >
      <h2 id="coupon-heading" className="font-bold">
        {t('couponHeading')}
      </h2>
      <a
        href={`/registrar/requests/${request.id}/coupon`}
        target="_blank"
        rel="noopener"
        className="inline-block rounded bg-brand px-3 py-1.5 font-bold text-white hover:bg-brand-dark"
      >
        {t('printCoupon')}
      </a>
    </section>
  )
}
