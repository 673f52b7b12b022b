import { getLocale, getTranslations } from 'next-intl/server'
import type { StaffRowDto } from '@/lib/organizations/queries'
import { localized } from '@/lib/i18n/format'

export async function StaffTable({ rows }: { rows: StaffRowDto[] }) {
  const t = await getTranslations('staffTable')
  const shell = await getTranslations('shell')
  const locale = await getLocale()
  return (
    <table className="w-full text-sm">
      <thead className="border-b border-slate-300 text-left text-slate-600">
        <tr>
          <th className="py-1 font-normal">{t('name')}</th>
          <th className="py-1 font-normal">{t('role')}</th>
          <th className="py-1 font-normal">{t('department')}</th>
          <th className="py-1 font-normal">{t('specialty')}</th>
          <th className="py-1 font-normal">{t('login')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} className="border-b border-slate-100">
            <td className="py-1">{row.name}</td>
            <td className="py-1">{shell(`roles.${row.role}`)}</td>
            <td className="py-1">{localized(locale, row.departmentNameKk, row.departmentNameRu) ?? '—'}</td>
            <td className="py-1">{localized(locale, row.specialtyKk, row.specialtyRu) ?? '—'}</td>
            <td className="py-1 font-mono">{row.login}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
