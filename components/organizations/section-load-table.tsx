import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import type { SectionLoadDto } from '@/lib/organizations/queries'
import { localized } from '@/lib/i18n/format'

export async function SectionLoadTable({ sections, hrefFor }: { sections: SectionLoadDto[]; hrefFor?: (id: number) => string }) {
  const t = await getTranslations('sections')
  const locale = await getLocale()
  const percent = new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'kk-KZ', { style: 'percent', maximumFractionDigits: 1 })
  if (sections.length === 0) return <p className="text-sm text-slate-700">{t('none')}</p>
  return (
    <table className="w-full text-sm">
      <thead className="border-b border-slate-300 text-left text-slate-600">
        <tr>
          <th className="py-1 font-normal">{t('columns.number')}</th>
          <th className="py-1 font-normal">{t('columns.department')}</th>
          <th className="py-1 font-normal">{t('columns.doctors')}</th>
          <th className="py-1 font-normal">{t('columns.territory')}</th>
          <th className="py-1 text-right font-normal">{t('columns.attached')}</th>
          <th className="py-1 text-right font-normal">{t('columns.norm')}</th>
          <th className="py-1 text-right font-normal">{t('columns.load')}</th>
        </tr>
      </thead>
      <tbody>
        {sections.map((section) => {
          const load = section.attachedCount / section.capacityNorm
          return (
            <tr key={section.id} className="border-b border-slate-100">
              <td className="py-1 font-bold">
                {hrefFor ? (
                  <Link href={hrefFor(section.id)} className="text-brand hover:underline">
                    {section.number}
                  </Link>
                ) : (
                  section.number
                )}
              </td>
              <td className="py-1">{localized(locale, section.departmentNameKk, section.departmentNameRu)}</td>
              <td className="py-1">{section.doctors.join(', ') || '—'}</td>
              <td className="py-1">{localized(locale, section.territoryKk, section.territoryRu)}</td>
              <td className="py-1 text-right tabular-nums">{section.attachedCount}</td>
              <td className="py-1 text-right tabular-nums">{section.capacityNorm}</td>
              <td className={`py-1 text-right tabular-nums ${load > 1 ? 'font-bold text-red-700' : ''}`}>
                {percent.format(load)}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
