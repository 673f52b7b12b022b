import Link from 'next/link'
import { getTranslations } from 'next-intl/server'

// One person's application (p.23-24) or the family's (p.30 para 2), for the person found by IIN.
export async function DeskModes({ iin, family }: { iin: string; family: boolean }) {
  const t = await getTranslations('desk.modes')
  const tab = (active: boolean) =>
    `rounded-t border border-b-0 px-3 py-1 text-sm font-bold ${active ? 'border-slate-300 bg-white text-slate-900' : 'border-transparent text-brand hover:underline'}`
  return (
    <nav aria-label={t('label')} className="flex gap-1 border-b border-slate-300">
      <Link href={`/registrar/desk?iin=${iin}`} aria-current={family ? undefined : 'page'} className={tab(!family)}>
        {t('single')}
      </Link>
      <Link href={`/registrar/desk/family?iin=${iin}`} aria-current={family ? 'page' : undefined} className={tab(family)}>
        {t('family')}
      </Link>
    </nav>
  )
}
